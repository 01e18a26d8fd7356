// What each class means in plain words (issue 28), read from the aid files' zones: the Charente-Maritime plan's
// fiches (../shared/sources/plan-sante-charente-maritime-2025.txt) and the Mauges CLS (ZIP / ZAC, sous-dotée).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classMeanings, ZONAGE_PURPOSE } from '../../src/core/aids/zone-meaning.ts';
import type { Aid } from '../../src/core/aids/schema.ts';
import type { ZoneClass } from '../../src/core/zonage/model.ts';

const aidsOf = (id: string) => JSON.parse(fs.readFileSync(`public/data/${id}/aides.json`, 'utf8')).aids as Aid[];
const k = (id: string, label: string): ZoneClass => ({ id, label, color: '#000' });
const CD17 = [k('tres-fragile', 'Très fragile'), k('fragile', 'Fragile'), k('intermediaire', 'Intermédiaire'), k('non-prioritaire', 'Non prioritaire')];
const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

describe('classMeanings', () => {
  const cd17 = classMeanings(CD17, 'medecin-generaliste', aidsOf('charente-maritime'));
  const by = new Map(cd17.map((m) => [m.id, m]));

  it.each([
    // « Dans les zones fragiles et très fragiles » (fiches 6, 7, 8, 12, 14, 17) and « intermédiaires, fragiles et
    // très fragiles » (fiches 9, 10, 13); fiche 5 is withdrawn, fiche 1 is the Département's own work.
    { cls: 'tres-fragile', open: ['06', '07', '08', '09', '10', '12', '13', '14', '17'] },
    { cls: 'fragile', open: ['06', '07', '08', '09', '10', '12', '13', '14', '17'] },
    { cls: 'intermediaire', open: ['09', '10', '13'] },
    { cls: 'non-prioritaire', open: [] },
  ])('Charente-Maritime, $cls : les aides zonées qui s’y ouvrent', ({ cls, open }) => {
    expect(ids(by.get(cls)!.aids)).toEqual(open.map((n) => `cd17-fiche-${n}`));
  });

  it('non prioritaire : aucune aide zonée, la fiche 9 sous condition (deux antennes en zone fragile)', () => {
    const m = by.get('non-prioritaire')!;
    expect(m.text).toContain("Aucune des aides du plan réservées à certaines zones ne s'ouvre ici");
    expect(ids(m.conditional)).toEqual(['cd17-fiche-09']);
    expect(m.text).toContain('Sous condition : « Fonctionnement des centres de santé');
    expect(by.get('intermediaire')!.text).toMatch(/^Les aides du plan réservées à certaines zones qui s'ouvrent ici aux professionnels : « /);
  });

  it('Mauges : les aides des chirurgiens-dentistes lisent leur zonage ARS, pas celui des médecins', () => {
    const scale = [k('tres-sous-dotee', 'Très sous-dotée'), k('sous-dotee', 'Sous-dotée'), k('intermediaire', 'Intermédiaire'), k('non-prioritaire', 'Non prioritaire')];
    const aids = aidsOf('mauges');
    const dentists = classMeanings(scale, 'chirurgien-dentiste', aids);
    expect(dentists[0].aids.length).toBeGreaterThan(0);
    expect(dentists[0].aids.every((a) => aids.find((x) => x.id === a.id)!.zone!.profession === 'chirurgien-dentiste')).toBe(true);
    expect(dentists[2].aids).toEqual([]);
  });

  it('un zonage ARS qu’aucune aide du plan ne lit : la place de la classe, rien d’inventé', () => {
    const ars = classMeanings([k('zip', 'ZIP'), k('zac', 'ZAC'), k('hors-zonage', 'Hors zonage')], 'medecin-generaliste', aidsOf('charente-maritime'));
    expect(ars.map((m) => m.text)).toEqual([
      'La classe la plus prioritaire de ce zonage.',
      'Entre « ZIP » (la plus prioritaire) et « hors zonage » (la moins prioritaire).',
      'La classe la moins prioritaire de ce zonage.',
    ]);
    expect(ars.every((m) => m.aids.length === 0)).toBe(true);
  });

  it('« sans classe » et « selon la partie » ne sont pas des rangs de l’échelle', () => {
    const ars = classMeanings([k('zip', 'ZIP'), k('hors-zonage', 'Hors zonage'), k('sans-classe', 'Sans classe'), k('parties', 'Selon la partie')], 'medecin-generaliste', aidsOf('mauges'));
    const text = new Map(ars.map((m) => [m.id, m.text]));
    expect(text.get('hors-zonage')).not.toContain('Aucune');
    expect(text.get('sans-classe')).toBe("La commune n'a pas de classe dans ce zonage (résultat non disponible dans le fichier de l'ARS).");
    expect(text.get('parties')).toContain('Tous les zonages');
    expect(ars.find((m) => m.id === 'sans-classe')!.aids).toEqual([]);
  });

  it('le zonage oriente des aides, il ne refuse pas de soins', () => {
    expect(ZONAGE_PURPOSE).toContain("aides aux professionnels de santé qui s'installent ou restent");
    expect(ZONAGE_PURPOSE).toContain('Il ne refuse aucun soin aux habitants');
  });
});
