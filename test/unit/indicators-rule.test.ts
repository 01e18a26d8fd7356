// Fiche 1 on real counts (issue 24): « a commune in intermédiaire or non prioritaire with ≥1 pharmacy and
// 0 practising GP is fragile until a GP effectively installs » — read from the RPPS and FINESS counts at
// their date where there is no individual list, and the reason says the counts, their source and date.
import { describe, expect, it } from 'vitest';
import { effectiveZonage, type OfferCounts, type Practitioner, type Zonage } from '../../src/core/zonage/model.ts';
import { loadZonageConfig } from '../../scripts/lib/inputs.ts';

const cm = loadZonageConfig('charente-maritime');
const scheme = cm.schemes[0];
const zonage = (base: string): Zonage => ({ territory: 'charente-maritime', scheme: scheme.id, profession: 'medecin-generaliste', year: 2026, validFrom: '2026-01-01', validUntil: '2026-12-31', source: 'test', example: true, classes: new Map([['17001', base]]) });
const counts = (gps: number, ph: number): OfferCounts => ({
  gps: { date: '2026-04-07', label: 'RPPS du 7 avril 2026', source: 'RPPS', values: gps ? { '17001': gps } : {} },
  pharmacies: { date: '2026-09-27', label: 'FINESS du 27 septembre 2026, compilation tierce', source: 'FINESS', values: ph ? { '17001': ph } : {} },
});
// A fictitious GP in the list: ignored once counts are read.
const exampleGp: Practitioner = { commune: '17001', profession: 'medecin-generaliste', mode: 'liberal', start: null, end: null };

describe('règle de la fiche 1 sur les comptes réels', () => {
  it.each([
    ['intermediaire', 0, 1, 'fragile'],
    ['non-prioritaire', 0, 2, 'fragile'],
    ['intermediaire', 1, 1, 'intermediaire'],
    ['non-prioritaire', 0, 0, 'non-prioritaire'],
    ['tres-fragile', 0, 1, 'tres-fragile'],
    ['fragile', 0, 1, 'fragile'],
  ])('base %s, %i généraliste(s), %i pharmacie(s) ⇒ %s', (base, gps, ph, effective) => {
    const c = effectiveZonage(zonage(base), scheme, cm.rules, [exampleGp], [], '2026-06-01', counts(gps, ph)).get('17001')!;
    expect(c.effective).toBe(effective);
    expect(c.gps).toBe(gps);
    expect(c.pharmacies).toBe(ph);
    expect(c.since).toBeUndefined();
  });

  it('la raison dit les comptes, leur source et leur date', () => {
    const c = effectiveZonage(zonage('intermediaire'), scheme, cm.rules, [exampleGp], [], '2026-06-01', counts(0, 1)).get('17001')!;
    expect(c.reasons).toContain("1 pharmacie (FINESS du 27 septembre 2026, compilation tierce), aucun médecin généraliste (RPPS du 7 avril 2026) ; fragile jusqu'à l'installation effective d'un médecin.");
  });

  it('sans comptes, la liste individuelle est lue comme avant (un fichier RPPS importé remplace les comptes)', () => {
    const c = effectiveZonage(zonage('intermediaire'), scheme, cm.rules, [exampleGp], [{ commune: '17001', opened: null, closed: null }], '2026-06-01').get('17001')!;
    expect(c.effective).toBe('intermediaire');
    expect(c.gps).toBe(1);
  });
});
