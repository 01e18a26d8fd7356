// A region whose ARS zonage a newer act replaced: declared once (data/ars/schemes.json), carried by the
// national tables, read at a date by the national view, the commune page and the territories' layers.
import { describe, expect, it } from 'vitest';
import { replacedAt, replacementOf, territoryReplacement } from '../../src/core/ars/replaced.ts';
import { replacedRegions } from '../../scripts/build-ars.ts';
import type { ArsTableFile } from '../../src/core/ars/table-file.ts';
import type { ArsSchemes } from '../../src/core/ars/schemes.ts';

const NA = { region: '75', nom: 'Nouvelle-Aquitaine', departements: ['16', '17', '79'], from: '2026-02-03', by: "arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine" };
const file: Pick<ArsTableFile, 'exportedBefore' | 'replaced'> = { exportedBefore: '2025-05-09', replaced: [NA] };
const TEXT = "Nouvelle-Aquitaine : zonage remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée";

describe('zonage ARS remplacé dans une région', () => {
  it.each([
    ['2025-05-09', []],
    ['2026-02-02', []],
    ['2026-02-03', [TEXT]],
    ['2026-11-23', [TEXT]],
  ])('au %s', (date, texts) => {
    expect(replacedAt(file, date).map((r) => r.text)).toEqual(texts);
  });

  it.each([
    ['16015', '2026-11-23', '75'], // Angoulême
    ['79191', '2026-11-23', '75'], // Niort
    ['79191', '2026-01-15', undefined],
    ['97411', '2026-11-23', undefined], // Saint-Denis (La Réunion)
    ['2A004', '2026-11-23', undefined],
    ['75101', '2026-11-23', undefined],
  ])('la commune %s au %s', (code, date, region) => {
    const r = replacementOf(file, code, date);
    expect(r?.region).toBe(region);
    if (r) expect(r.status).toMatchObject({ state: 'remplace', inForce: false });
  });

  it('sans région remplacée : rien', () => {
    expect(replacedAt({ exportedBefore: '2025-09-12' }, '2026-11-23')).toEqual([]);
    expect(territoryReplacement({}, ['16015'])).toBeUndefined();
  });

  it.each([
    [['16015', '16001'], { from: '2026-02-03', outside: [] as string[] }],
    [['16015', '49218', '44109'], { from: '2026-02-03', outside: ['44109', '49218'] }],
    [['49218'], undefined],
  ])('un territoire de communes %j hérite du remplacement', (codes, expected) => {
    const t = territoryReplacement(file, codes);
    expect(t && { from: t.replaced.from, outside: t.outside }).toEqual(expected);
  });
});

describe('npm run build:ars : régions remplacées (data/ars/schemes.json)', () => {
  const cog = {
    regions: [{ code: '75', nom: 'Nouvelle-Aquitaine' }, { code: '04', nom: 'La Réunion' }],
    departements: [{ code: '79', nom: 'Deux-Sèvres', region: '75' }, { code: '16', nom: 'Charente', region: '75' }, { code: '974', nom: 'La Réunion', region: '04' }],
  };
  const profession = (replaced: unknown) => ({ profession: 'medecin-generaliste', exportedBefore: '2025-05-09', replaced }) as ArsSchemes['professions'][number];

  it('nom et départements de la région pris au COG', () => {
    expect(replacedRegions(profession([{ region: '75', from: '2026-02-03', by: 'arrêté' }]), cog.regions, cog.departements)).toEqual([
      { region: '75', nom: 'Nouvelle-Aquitaine', departements: ['16', '79'], from: '2026-02-03', by: 'arrêté' },
    ]);
  });

  it.each([
    [{ region: '99', from: '2026-02-03', by: 'arrêté' }, "replaced[0], champ « region » : aucune région du COG n'a le code « 99 »."],
    [{ region: '75', from: '2025-01-01', by: 'arrêté' }, "replaced[0], champ « from » : « 2025-01-01 » doit être une date AAAA-MM-JJ postérieure à l'export (2025-05-09)."],
    [{ region: '75', from: '3 février 2026', by: 'arrêté' }, 'champ « from » : « 3 février 2026 »'],
    [{ region: '75', from: '2026-02-03', by: ' ' }, "replaced[0], champ « by » : l'acte qui remplace le zonage manque."],
  ])('refuse %j', (r, message) => {
    expect(() => replacedRegions(profession([r]), cog.regions, cog.departements)).toThrow(message);
  });
});
