// Every aid of both plans, table-driven: each case quotes the sentence of the plan it checks.
import { describe, expect, it } from 'vitest';
import { evaluateAid, evaluateAids, type AidContext, type ZoneAt } from '../../src/core/aid-engine.ts';
import type { ResolvedAid } from '../../src/core/aids.ts';
import type { Profile } from '../../src/core/profile.ts';
import { buildAidCatalogue } from '../../scripts/build-aids.ts';

const cd17 = buildAidCatalogue('charente-maritime');
const mauges = buildAidCatalogue('mauges');
const aid = (id: string): ResolvedAid => [...cd17.catalogue.aids, ...mauges.catalogue.aids].find((a) => a.id === id)!;

const LABELS: Record<string, string> = {
  'tres-fragile': 'Très fragile',
  fragile: 'Fragile',
  intermediaire: 'Intermédiaire',
  'non-prioritaire': 'Non prioritaire',
  zip: "Zone d'intervention prioritaire (ZIP)",
  zac: "Zone d'action complémentaire (ZAC)",
  'hors-zonage': 'Hors zonage',
  'tres-sous-dotee': 'Très sous-dotée',
  'sous-dotee': 'Sous-dotée',
};

/** A commune of the given effective class (for every profession) and population, on a date. */
function ctx(zone: string, opts: { date?: string; population?: number } = {}): AidContext {
  const z: ZoneAt = { zonage: 'zonage de test', effective: zone, effectiveLabel: LABELS[zone], base: zone, baseLabel: LABELS[zone] };
  return { date: opts.date ?? '2026-12-01', commune: { code: '17000', nom: 'Testville', population: opts.population ?? 1000 }, zone: () => z };
}

/** A GP meeting every condition of fiche 8, to vary one field at a time. */
const gp: Profile = {
  beneficiary: 'medecin',
  status: 'titulaire',
  mode: 'liberal',
  age: 45,
  firstInstallation: true,
  daysPerWeek: 4,
  pdsa: true,
  eventDate: '2026-03-02',
  requestDate: '2026-04-15',
  otherAids: [],
};

type Case = [quote: string, id: string, zone: string, profile: Profile, eligible: 'yes' | 'no' | 'depends', amount: number | null, opts?: { date?: string; population?: number }];

const cases: Case[] = [
  // Fiche 8
  ['fiche 8 : « Fragile 10 000€ »', 'cd17-fiche-08', 'fragile', gp, 'yes', 10_000],
  ['fiche 8 : « Très fragile : 30 000€ »', 'cd17-fiche-08', 'tres-fragile', gp, 'yes', 30_000],
  ['fiche 8 : « ZONE GEOGRAPHIQUE Dans les zones fragiles et très fragiles » (intermédiaire)', 'cd17-fiche-08', 'intermediaire', gp, 'no', null],
  ['fiche 8 : « L\'âge limite du candidat est de 60 ans. » (60 ans)', 'cd17-fiche-08', 'fragile', { ...gp, age: 60 }, 'yes', 10_000],
  ['fiche 8 : « L\'âge limite du candidat est de 60 ans. » (61 ans)', 'cd17-fiche-08', 'fragile', { ...gp, age: 61 }, 'no', null],
  ['fiche 8 : « peut être collaborateur ou associé »', 'cd17-fiche-08', 'fragile', { ...gp, status: 'collaborateur' }, 'yes', 10_000],
  ['fiche 8 : « peut être collaborateur ou associé » (associé)', 'cd17-fiche-08', 'tres-fragile', { ...gp, status: 'associe' }, 'yes', 30_000],
  ['fiche 8 : « ne sont pas concernés […] : assistant »', 'cd17-fiche-08', 'fragile', { ...gp, status: 'assistant' }, 'no', null],
  ['fiche 8 : « ne sont pas concernés […] : adjoint »', 'cd17-fiche-08', 'fragile', { ...gp, status: 'adjoint' }, 'no', null],
  ['fiche 8 : « ne sont pas concernés […] : remplaçant »', 'cd17-fiche-08', 'fragile', { ...gp, status: 'remplacant' }, 'no', null],
  ['fiche 8 : « Le médecin doit exercer en libéral. »', 'cd17-fiche-08', 'fragile', { ...gp, mode: 'salarie' }, 'no', null],
  ['fiche 8 : « un minimum de 4 jours par semaine » (3 jours)', 'cd17-fiche-08', 'fragile', { ...gp, daysPerWeek: 3 }, 'no', null],
  ['fiche 8 : « assurer la permanence des soins »', 'cd17-fiche-08', 'fragile', { ...gp, pdsa: false }, 'no', null],
  ['fiche 8 : « exerçants en zone non prioritaire […] depuis moins de 10 ans » (9 ans)', 'cd17-fiche-08', 'fragile', { ...gp, firstInstallation: false, yearsInNonPriorityZone: 9 }, 'yes', 10_000],
  ['fiche 8 : « depuis moins de 10 ans » (10 ans)', 'cd17-fiche-08', 'fragile', { ...gp, firstInstallation: false, yearsInNonPriorityZone: 10 }, 'no', null],
  ['fiche 8 : « dans un délai de 3 mois après la date du premier jour d\'exercice » (dernier jour)', 'cd17-fiche-08', 'fragile', { ...gp, requestDate: '2026-06-02' }, 'yes', 10_000],
  ['fiche 8 : « dans un délai de 3 mois » (lendemain)', 'cd17-fiche-08', 'fragile', { ...gp, requestDate: '2026-06-03' }, 'no', null],
  ['fiche 8 : « ne peut bénéficier qu\'une seule fois de cette aide »', 'cd17-fiche-08', 'fragile', { ...gp, otherAids: ['cd17-fiche-08'] }, 'no', null],
  ['fiche 9 : « fiches 8 […], 9 […] et 10 […] ne sont pas cumulables »', 'cd17-fiche-08', 'fragile', { ...gp, otherAids: ['cd17-fiche-10'] }, 'no', null],
  ['fiche 8 : un profil incomplet laisse l\'aide « à préciser », montant selon la zone', 'cd17-fiche-08', 'tres-fragile', { beneficiary: 'medecin' }, 'depends', 30_000],
  // Fiche 3
  ['fiche 3 : « 800€ pour les 2 jours de formation » + « Prendre en charge le coût de la formation »', 'cd17-fiche-03', 'non-prioritaire', { beneficiary: 'medecin', projectCost: 450, eventDate: '2026-02-10', requestDate: '2026-03-10' }, 'yes', 1_250],
  ['fiche 3 : « dans le mois suivant la formation » (lendemain)', 'cd17-fiche-03', 'non-prioritaire', { beneficiary: 'medecin', projectCost: 450, eventDate: '2026-02-10', requestDate: '2026-03-11' }, 'no', null],
  // Fiche 4
  ['fiche 4 : « jusqu\'à 50 000€, dans la limite de 80% » (80 % = plafond)', 'cd17-fiche-04', 'non-prioritaire', { beneficiary: 'commune', projectCost: 62_500, eventDate: '2026-05-01', requestDate: '2026-04-30' }, 'yes', 50_000],
  ['fiche 4 : « dans la limite de 80% du coût » (sous le plafond)', 'cd17-fiche-04', 'non-prioritaire', { beneficiary: 'etablissement-sante', projectCost: 40_000 }, 'depends', 32_000],
  ['fiche 4 : « jusqu\'à 50 000€ » (au-delà)', 'cd17-fiche-04', 'fragile', { beneficiary: 'commune', projectCost: 90_000, eventDate: '2026-05-01', requestDate: '2026-04-30' }, 'yes', 50_000],
  ['fiche 4 : « La demande d\'aide doit être faite avant le début des travaux » (le jour même)', 'cd17-fiche-04', 'fragile', { beneficiary: 'commune', projectCost: 90_000, eventDate: '2026-05-01', requestDate: '2026-05-01' }, 'no', null],
  ['fiche 4 : « les communes ou les établissements publics de santé » (un médecin)', 'cd17-fiche-04', 'fragile', { beneficiary: 'medecin' }, 'no', null],
  // Fiche 5
  ['fiche 5 : « 200€/mois pendant 6 mois de stage »', 'cd17-fiche-05', 'tres-fragile', { beneficiary: 'interne', eventDate: '2026-05-04', requestDate: '2026-08-04' }, 'yes', 1_200],
  ['fiche 5 : « au plus tard 3 mois après le 1er jour du début du stage » (lendemain)', 'cd17-fiche-05', 'tres-fragile', { beneficiary: 'interne', eventDate: '2026-05-04', requestDate: '2026-08-05' }, 'no', null],
  ['fiche 5 : « Dans les zones très fragiles » (fragile)', 'cd17-fiche-05', 'fragile', { beneficiary: 'interne' }, 'no', null],
  // Fiche 6 and 17
  ['fiche 6 : « 25 000€ dans la limite de 80% du coût de l\'opération »', 'cd17-fiche-06', 'fragile', { beneficiary: 'msp', projectCost: 20_000 }, 'yes', 16_000],
  ['fiche 6 : « à partir de novembre 2026 » (31 octobre 2026)', 'cd17-fiche-06', 'fragile', { beneficiary: 'msp', projectCost: 20_000 }, 'no', null, { date: '2026-10-31' }],
  ['fiche 6 : « à partir de novembre 2026 » (1er novembre 2026)', 'cd17-fiche-06', 'fragile', { beneficiary: 'msp', projectCost: 40_000 }, 'yes', 25_000, { date: '2026-11-01' }],
  ['fiche 17 : « 25 000€ dans la limite de 80% »', 'cd17-fiche-17', 'tres-fragile', { beneficiary: 'commune', projectCost: 100_000 }, 'yes', 25_000],
  ['fiche 17 : « Dans les zones fragiles et très fragiles » (intermédiaire)', 'cd17-fiche-17', 'intermediaire', { beneficiary: 'commune', projectCost: 100_000 }, 'no', null],
  // Fiche 7
  ['fiche 7 : « 800 € /mois en 1ère année • 1 100 €/mois en 2ème année • 1 600 €/mois en 3ème année » (42 000 €)', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipYear: 1 }, 'yes', 42_000],
  ['fiche 7 : « peut être sollicitée à tout moment pendant l\'internat » (2e année)', 'cd17-fiche-07', 'tres-fragile', { beneficiary: 'interne', internshipYear: 2 }, 'yes', 32_400],
  ['fiche 7 : 3e année', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipYear: 3 }, 'yes', 19_200],
  ['fiche 7 : « Pendant les 3 années d\'internat » (4e année, docteur junior)', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipYear: 4 }, 'no', null],
  ['fiche 7 : « Installation pendant 4 ans dans une commune située zone fragile ou très fragile » (intermédiaire)', 'cd17-fiche-07', 'intermediaire', { beneficiary: 'interne', internshipYear: 1 }, 'no', null],
  // Fiche 9
  ['fiche 9 : « 105 000 € soit 35 000 €/an »', 'cd17-fiche-09', 'intermediaire', { beneficiary: 'centre-sante' }, 'yes', 105_000],
  ['fiche 9 : « même si le centre de santé s\'installe dans une zone non prioritaire à la condition […] d\'ouvrir deux antennes »', 'cd17-fiche-09', 'non-prioritaire', { beneficiary: 'centre-sante', antennas: 2 }, 'yes', 105_000],
  ['fiche 9 : une seule antenne en zone non prioritaire', 'cd17-fiche-09', 'non-prioritaire', { beneficiary: 'centre-sante', antennas: 1 }, 'no', null],
  ['fiche 9 : antennes non renseignées en zone non prioritaire', 'cd17-fiche-09', 'non-prioritaire', { beneficiary: 'centre-sante' }, 'depends', 105_000],
  // Fiche 10
  ['fiche 10 : « à hauteur de 75 000 €, dans la limite de 80% »', 'cd17-fiche-10', 'intermediaire', { beneficiary: 'commune', projectCost: 1_000_000 }, 'yes', 75_000],
  ['fiche 10 : « Dans les zones intermédiaires, fragiles et très fragiles » (non prioritaire)', 'cd17-fiche-10', 'non-prioritaire', { beneficiary: 'commune', projectCost: 1_000_000 }, 'no', null],
  // Fiche 11
  ['fiche 11 : « Communes de moins de 4000 habitants » (3 999)', 'cd17-fiche-11', 'non-prioritaire', { beneficiary: 'commune', projectCost: 30_000 }, 'yes', 24_000, { population: 3_999 }],
  ['fiche 11 : « Communes de moins de 4000 habitants » (4 000)', 'cd17-fiche-11', 'non-prioritaire', { beneficiary: 'commune', projectCost: 30_000 }, 'no', null, { population: 4_000 }],
  ['fiche 11 : « subvention forfaitaire maximale de 50 000 €, dans la limite de 80 % »', 'cd17-fiche-11', 'fragile', { beneficiary: 'commune', projectCost: 80_000 }, 'yes', 50_000, { population: 800 }],
  // Fiche 12
  ['fiche 12 : « DELAI DE MISE EN ŒUVRE 1er janvier 2026 » (31 décembre 2025)', 'cd17-fiche-12', 'fragile', { beneficiary: 'infirmier' }, 'no', null, { date: '2025-12-31' }],
  ['fiche 12 : « DELAI DE MISE EN ŒUVRE 1er janvier 2026 » (1er janvier 2026)', 'cd17-fiche-12', 'fragile', { beneficiary: 'infirmier' }, 'yes', null, { date: '2026-01-01' }],
  // Fiche 13
  ['fiche 13 : « 11 000 €/an […] 5 000 €/an » pendant « deux ans »', 'cd17-fiche-13', 'intermediaire', { beneficiary: 'infirmier', mode: 'liberal' }, 'yes', 32_000],
  ['fiche 13 : « pour les infirmiers libéraux »', 'cd17-fiche-13', 'fragile', { beneficiary: 'infirmier', mode: 'salarie' }, 'no', null],
  // Non-financial fiches
  ['fiche 15 : « Tout le département »', 'cd17-fiche-15', 'non-prioritaire', { beneficiary: 'medecin' }, 'yes', null],
  ['fiche 14 : « Installation dans les zones fragiles et très fragiles »', 'cd17-fiche-14', 'intermediaire', { beneficiary: 'medecin' }, 'no', null],
  // Plan validity
  ['délibération : « applicables aux dossiers reçus à compter du 1er août 2025 » (31 juillet)', 'cd17-fiche-08', 'fragile', gp, 'no', null, { date: '2025-07-31' }],
  ['délibération : « à compter du 1er août 2025 »', 'cd17-fiche-08', 'fragile', gp, 'yes', 10_000, { date: '2025-08-01' }],

  // Mauges
  ['Mauges : « 0,40 € / km plafonnée à 1800 € » (1 000 km)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 1_000 }, 'yes', 400],
  ['Mauges : « plafonnée à 1800 € par année de formation » (4 500 km, au plafond)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 4_500 }, 'yes', 1_800],
  ['Mauges : « plafonnée à 1800 € » (6 000 km, au-delà)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 6_000 }, 'yes', 1_800],
  ['Mauges : « 500 € net par mois par étudiant, soit 6 000 € par an »', 'mauges-indemnite-etudes-medecine', 'zac', { beneficiary: 'interne' }, 'yes', 6_000],
  ['Mauges : « engagement à exercer sur les communes zonées » (hors zonage)', 'mauges-indemnite-etudes-medecine', 'hors-zonage', { beneficiary: 'interne' }, 'no', null],
  ['Mauges : « 30 000 € par installation »', 'mauges-installation-medecin', 'zip', { beneficiary: 'medecin', status: 'titulaire', firstInstallation: true, cpam: true, pdsa: true, presenceShare: 1 }, 'yes', 30_000],
  ['Mauges : « 15 000 € si collaboration »', 'mauges-installation-medecin', 'zac', { beneficiary: 'medecin', status: 'collaborateur', firstInstallation: true, cpam: true, pdsa: true, presenceShare: 1 }, 'yes', 15_000],
  ['Mauges : « Modulé au temps de présence » (mi-temps)', 'mauges-installation-dentiste', 'tres-sous-dotee', { beneficiary: 'chirurgien-dentiste', status: 'titulaire', firstInstallation: true, cpam: true, pdsa: true, presenceShare: 0.5 }, 'yes', 15_000],
  ['Mauges : « Primo installation sur Mauges Communauté »', 'mauges-installation-medecin', 'zip', { beneficiary: 'medecin', firstInstallation: false, cpam: true, pdsa: true, presenceShare: 1 }, 'no', null],
  ['Mauges : « Conventionnement CPAM »', 'mauges-installation-dentiste', 'sous-dotee', { beneficiary: 'chirurgien-dentiste', firstInstallation: true, cpam: false, pdsa: true, presenceShare: 1 }, 'no', null],
  ['Mauges : « en Zone d\'Action Complémentaire ou Zone d\'intervention prioritaire » (hors zonage)', 'mauges-installation-medecin', 'hors-zonage', { beneficiary: 'medecin', firstInstallation: true, cpam: true, pdsa: true, presenceShare: 1 }, 'no', null],
  ['Mauges kinés : « 10 000 € par installation »', 'mauges-installation-kine', 'tres-sous-dotee', { beneficiary: 'masseur-kinesitherapeute', firstInstallation: true, cpam: true, presenceShare: 1 }, 'yes', 10_000],
  ['Mauges kinés : « 5 000 € si collaboration »', 'mauges-installation-kine', 'sous-dotee', { beneficiary: 'masseur-kinesitherapeute', status: 'collaborateur', firstInstallation: true, cpam: true, presenceShare: 1 }, 'yes', 5_000],
  ['Mauges kinés : « en zone sous dense ou très sous dense » (intermédiaire)', 'mauges-installation-kine', 'intermediaire', { beneficiary: 'masseur-kinesitherapeute', firstInstallation: true, cpam: true, presenceShare: 1 }, 'no', null],
  ['Mauges : « Du 1er octobre 2025 au 30 septembre 2028 » (30 septembre 2025)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 100 }, 'no', null, { date: '2025-09-30' }],
  ['Mauges : « Du 1er octobre 2025 » (1er octobre 2025)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 100 }, 'yes', 40, { date: '2025-10-01' }],
  ['Mauges : « au 30 septembre 2028 » (dernier jour)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 100 }, 'yes', 40, { date: '2028-09-30' }],
  ['Mauges : « au 30 septembre 2028 » (1er octobre 2028)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 100 }, 'no', null, { date: '2028-10-01' }],
  ['Mauges : « Option santé en lycée général — À partir de 2026 » (2025)', 'mauges-option-sante-lycee', 'hors-zonage', { beneficiary: 'lyceen' }, 'no', null, { date: '2025-12-31' }],
];

describe('catalogues des aides', () => {
  it('chaque fichier est valide et chaque action des deux plans est encodée', () => {
    expect(cd17.problems).toEqual([]);
    expect(mauges.problems).toEqual([]);
    expect(cd17.catalogue.aids.map((a) => a.ref)).toEqual(Array.from({ length: 17 }, (_, i) => `fiche ${i + 1}`));
    expect(mauges.catalogue.aids.length).toBe(14);
    for (const a of [...cd17.catalogue.aids, ...mauges.catalogue.aids]) {
      expect(a.source.quote.length).toBeGreaterThan(20);
      expect(a.source.plan).toMatch(/Plan santé|Contrat local de santé/);
    }
  });
});

describe.each(cases)('%s', (_quote, id, zone, profile, eligible, amount, opts) => {
  it(`${id} en zone ${zone} → ${eligible}${amount !== null ? `, ${amount} €` : ''}`, () => {
    const r = evaluateAid(aid(id), ctx(zone, opts), profile);
    expect({ eligible: r.eligible, amount: r.amount }, r.reasons.map((x) => `${x.status} ${x.text}`).join('\n')).toEqual({ eligible, amount });
    if (eligible === 'no') expect(r.blocker).toBeTruthy();
  });
});

describe('raisons, engagements et échéances', () => {
  it('Mauges : les zones du plan lues dans le zonage ARS de densité, dites comme une interprétation citant le plan', () => {
    const dentist = evaluateAid(aid('mauges-installation-dentiste'), ctx('sous-dotee'));
    expect(dentist.reasons.find((r) => r.text.includes('zone éligible'))!.text).toContain(
      "Interprétation : le plan nomme les zones du zonage des médecins (« Installation pendant 5 ans minimum en Zone d'Action Complémentaire ou Zone d'intervention prioritaire »)",
    );
    const kine = evaluateAid(aid('mauges-installation-kine'), ctx('intermediaire'));
    expect(kine.blocker).toContain('le plan dit « Installation pendant 5 ans minimum en zone sous dense ou très sous dense »');
  });

  it('une zone non éligible dit pourquoi, en français', () => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('intermediaire'), gp);
    expect(r.blocker).toBe('Réservée aux zones fragiles et très fragiles ; Testville est en zone intermédiaire (zonage de test).');
  });

  it('hors période : dit à partir de quand, ou jusqu\'à quand', () => {
    expect(evaluateAid(aid('cd17-fiche-06'), ctx('fragile', { date: '2026-10-31' })).blocker).toBe('Pas encore ouverte : à partir du 1er novembre 2026.');
    expect(evaluateAid(aid('mauges-installation-kine'), ctx('sous-dotee', { date: '2028-10-01' })).blocker).toBe("Terminée : ouverte jusqu'au 30 septembre 2028.");
  });

  it('fiche 8 : engagement de 5 ans daté, échéance de la demande datée', () => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('fragile'), gp);
    expect(r.commitments[0]).toEqual({ text: "exercer dans la même commune pendant 5 ans, jusqu'au 1er mars 2031", until: '2031-03-01' });
    expect(r.deadlines).toEqual([{ label: 'Demande', date: '2026-06-02', text: "Demande : au plus tard le 2 juin 2026 (3 mois après le premier jour d'exercice dans la commune)." }]);
    expect(r.reasons.find((x) => x.text.startsWith('Avoir 60 ans'))!.text).toBe('Avoir 60 ans au plus : oui (45 ans).');
  });

  it('fiche 8 : « En cas de cumul des aides […] fiches 7 (bourse d\'études) et 8 (aide à l\'installation), l\'engagement est de 6 ans »', () => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('tres-fragile'), { ...gp, otherAids: ['cd17-fiche-07'] });
    const r = e.results.find((x) => x.id === 'cd17-fiche-08')!;
    expect(r.eligible).toBe('yes');
    expect(r.commitments[0].text).toBe("exercer dans la même commune pendant 6 ans (cumul avec « Bourse d'études pour les internes en médecine générale » (fiche 7)), jusqu'au 1er mars 2032");
    // Without the bourse, 5 years (the commune page must not assume a combination).
    const alone = evaluateAids(cd17.catalogue.aids, ctx('tres-fragile')).results.find((x) => x.id === 'cd17-fiche-08')!;
    expect(alone.commitments[0].text).toBe('exercer dans la même commune pendant 5 ans');
  });

  it('fiche 8 : un assistant est refusé en le disant', () => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('fragile'), { ...gp, status: 'assistant' });
    expect(r.blocker).toBe("S'installer comme titulaire, collaborateur ou associé (ni assistant, ni adjoint, ni remplaçant) : non (assistant).");
  });

  it('fiches 8, 9 et 10 : ouvertes ensemble, le conflit est expliqué et le total garde la plus favorable', () => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('tres-fragile'), { projectCost: 200_000, antennas: 0 });
    expect(e.conflicts.map((c) => c.ids)).toEqual([
      ['cd17-fiche-08', 'cd17-fiche-09'],
      ['cd17-fiche-08', 'cd17-fiche-10'],
      ['cd17-fiche-09', 'cd17-fiche-10'],
    ]);
    expect(e.conflicts[0].text).toContain('ne sont pas cumulables');
    const counted = e.counted.filter((id) => ['cd17-fiche-08', 'cd17-fiche-09', 'cd17-fiche-10'].includes(id));
    expect(counted).toEqual(['cd17-fiche-09']); // 105 000 € beats 75 000 € and 30 000 €
  });

  it('Mauges : « les aides sont cumulables entre elles » — aucun conflit, le total additionne', () => {
    const profile: Profile = { beneficiary: 'interne', distanceKm: 2_000 };
    const e = evaluateAids(mauges.catalogue.aids, ctx('zip'), profile);
    expect(e.conflicts).toEqual([]);
    expect(e.total).toBe(800 + 6_000);
    expect(mauges.catalogue.plans[0].cumulation).toEqual({ all: true, quote: 'Principe : les aides sont cumulables entre elles.' });
  });

  it('montants datés : la valeur en vigueur à la date de la demande', () => {
    const base = aid('cd17-fiche-08');
    const revised: ResolvedAid = { ...base, amount: { type: 'byClass', values: { fragile: { '2025-08-01': 10_000, '2027-01-01': 12_000 }, 'tres-fragile': 30_000 } } };
    expect(evaluateAid(revised, ctx('fragile', { date: '2026-12-31' }), gp).amount).toBe(10_000);
    expect(evaluateAid(revised, ctx('fragile', { date: '2027-01-01' }), gp).amount).toBe(12_000);
  });
});

describe('la zone utilisée est la classe effective à la date (fiche 1 puis fiche 8)', () => {
  it('« ayant une pharmacie mais pas de médecin généraliste en exercice […] classées en zone fragile » : l\'aide à l\'installation y vaut 10 000 €', async () => {
    const { loadZonageConfig } = await import('../../scripts/lib/inputs.ts');
    const { zoneResolver } = await import('../../src/core/zonage-bundle.ts');
    const config = loadZonageConfig('charente-maritime');
    const bundle = {
      territory: 'charente-maritime',
      schemes: config.schemes,
      rules: config.rules,
      zonages: [{ ...config.years[1], classes: { '17053': 'intermediaire' } }],
      practitioners: { ...config.practitioners, rows: [{ commune: '17053', profession: 'medecin-generaliste', mode: 'liberal' as const, start: '2000-01-01', end: '2026-03-14' }] },
      pharmacies: { ...config.pharmacies, rows: [{ commune: '17053', opened: null, closed: null }] },
      movements: { declared: null, rows: [], duplicates: 0, notes: [] },
    };
    const at = (date: string): AidContext => ({ date, commune: { code: '17053', nom: 'Bords', population: 1375 }, zone: zoneResolver(bundle, date)('17053') });
    const before = evaluateAid(aid('cd17-fiche-08'), at('2026-03-14'), gp);
    expect(before.eligible).toBe('no');
    expect(before.blocker).toContain('Bords est en zone intermédiaire');
    const after = evaluateAid(aid('cd17-fiche-08'), at('2026-03-15'), { ...gp, eventDate: '2026-03-16', requestDate: '2026-03-20' });
    expect(after.eligible).toBe('yes');
    expect(after.amount).toBe(10_000);
    expect(after.reasons.find((r) => r.text.startsWith('Bords est'))!.text).toContain('classée fragile par la règle de la fiche 1');
  });
});
