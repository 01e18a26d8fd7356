// Fiche 1 : « assurer un suivi régulier dans les zones très fragiles, fragiles et intermédiaires des
// implantations et des cessations d'activité ».
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classAt, communesToWatch, densityByClass, movementsByYear, movementsByYearAndClass, NOT_CLASSED } from '../../src/core/observatory.ts';
import type { Movement } from '../../src/core/movements.ts';
import { zonageView, type ZonageBundle } from '../../src/core/zonage-bundle.ts';
import type { Commune } from '../../src/core/communes.ts';

const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
const communes = new Map((JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')) as { communes: Commune[] }).communes.map((c) => [c.code, c]));
const mv = (type: Movement['type'], date: string, commune: string, profession = 'medecin-generaliste'): Movement => ({ type, date, commune, profession, mode: 'liberal', cause: 'arrivee', source: 'declaration' });

describe('mouvements par année et par classe de zone', () => {
  const classOf = classAt(bundle, 'medecin-generaliste');
  const z2025 = bundle.zonages.find((z) => z.year === 2025)!.classes;
  const z2026 = bundle.zonages.find((z) => z.year === 2026)!.classes;
  // A commune whose class changed between 2025 and 2026: its movements count in the class of their date.
  const moved = Object.keys(z2026).find((c) => z2025[c] !== z2026[c])!;

  it('la classe est celle du zonage en vigueur à la date du mouvement ; avant tout zonage : non classée', () => {
    expect(classOf(moved, '2025-09-01')).toBe(z2025[moved]);
    expect(classOf(moved, '2026-02-01')).toBe(z2026[moved]);
    expect(classOf(moved, '2020-01-01')).toBe(NOT_CLASSED);
  });

  it('compte installations, cessations et solde ; ignore les autres professions', () => {
    const rows = movementsByYearAndClass(
      [mv('installation', '2025-09-01', moved), mv('cessation', '2026-02-01', moved), mv('cessation', '2026-03-01', moved), mv('installation', '2026-03-01', moved, 'chirurgien-dentiste')],
      classOf,
      'medecin-generaliste',
    );
    expect(rows).toEqual([
      { year: 2025, zone: z2025[moved], installations: 1, cessations: 0, balance: 1 },
      { year: 2026, zone: z2026[moved], installations: 0, cessations: 2, balance: -2 },
    ]);
    expect(movementsByYear(rows)).toEqual([
      { year: 2025, installations: 1, cessations: 0, balance: 1 },
      { year: 2026, installations: 0, cessations: 2, balance: -2 },
    ]);
  });
});

describe('densité et communes à suivre (zonage 2026 au 1er juin 2026)', () => {
  const view = zonageView(bundle, 'medecin-generaliste', 2026, '2026-06-01')!;
  it('médecins pour 10 000 habitants par classe : la somme des médecins et des communes est celle du territoire', () => {
    const d = densityByClass(view, communes);
    expect(d.map((x) => x.zone)).toEqual(['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire']);
    expect(d.reduce((a, x) => a + x.communes, 0)).toBe(view.classes.size);
    expect(d.reduce((a, x) => a + x.gps, 0)).toBe([...view.classes.values()].reduce((a, c) => a + c.gps, 0));
    for (const x of d) if (x.per10k !== null) expect(x.per10k).toBeCloseTo((x.gps / x.population) * 10000, 1);
  });
  it('Andilly a perdu son dernier médecin le 2 mars 2026 (mouvement déclaré) ; les communes à un seul médecin sont listées', () => {
    const w = communesToWatch(view);
    expect(w.lostLastGp.find((c) => c.code === '17008')).toEqual({ code: '17008', since: '2026-03-03', cause: 'Fragile depuis le 3 mars 2026 : départ du dernier médecin généraliste' });
    expect(w.singleGp.every((code) => view.classes.get(code)!.gps === 1)).toBe(true);
    expect(w.singleGp.length).toBeGreaterThan(0);
  });
});

describe('communes ayant perdu leur dernier praticien sur une période', () => {
  it("Andilly (cessation déclarée le 2 mars 2026) ; rien avant la cessation ; une commune qui garde un médecin n'y figure pas", async () => {
    const { lostLast } = await import('../../src/core/observatory.ts');
    const lost = lostLast(bundle, 'medecin-generaliste', '2026-01-01', '2026-06-01');
    expect(lost).toContainEqual({ code: '17008', date: '2026-03-02' });
    expect(lostLast(bundle, 'medecin-generaliste', '2026-01-01', '2026-03-01').map((c) => c.code)).not.toContain('17008');
    const stillServed = new Set(bundle.practitioners.rows.filter((p) => p.profession === 'medecin-generaliste' && (!p.start || p.start <= '2026-06-01') && (!p.end || p.end >= '2026-06-01')).map((p) => p.commune));
    for (const c of lost) expect(stillServed.has(c.code)).toBe(false);
  });
});
