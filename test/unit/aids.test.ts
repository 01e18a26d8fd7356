// Every aid of both plans, table-driven: each case quotes the sentence of the plan it checks.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arrangeForPersona, evaluateAids } from '../../src/core/aids/catalogue.ts';
import { evaluateAid } from '../../src/core/aids/evaluate.ts';
import type { AidContext } from '../../src/core/aids/context.ts';
import type { AidResult } from '../../src/core/aids/result.ts';
import type { ZoneAt } from '../../src/core/zonage/resolver.ts';
import { count, formatInteger, plural } from '../../src/core/format.ts';
import { isApplicable, relevantFields, type ResolvedAid } from '../../src/core/aids/model.ts';
import { parseAid } from '../../src/core/aids/parse.ts';
import type { Profile } from '../../src/core/aids/profile.ts';
import { buildAidCatalogue } from '../../scripts/build-aids.ts';
import { resolvePaths, withPaths } from '../../scripts/lib/paths.ts';

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

const zoneAt = (zone: string): ZoneAt => ({ zonage: 'zonage de test', effective: zone, effectiveLabel: LABELS[zone], base: zone, baseLabel: LABELS[zone] });

/** A commune of the given effective class (for every profession) and population, on a date. */
function ctx(zone: string, opts: { date?: string; population?: number } = {}): AidContext {
  const z = zoneAt(zone);
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

/** What every Mauges installation aid asks, to vary one field at a time. */
const installing: Profile = { firstInstallation: true, cpam: true, pdsa: true, pluriprofessional: true };

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
  ['fiche 8 : « exerçants en zone non prioritaire […] depuis moins de 10 ans » (9 ans)', 'cd17-fiche-08', 'fragile', { ...gp, firstInstallation: false, inNonPriorityZone: true, yearsInNonPriorityZone: 9 }, 'yes', 10_000],
  ['fiche 8 : « depuis moins de 10 ans » (10 ans)', 'cd17-fiche-08', 'fragile', { ...gp, firstInstallation: false, inNonPriorityZone: true, yearsInNonPriorityZone: 10 }, 'no', null],
  ['fiche 8 : « dans un délai de 3 mois après la date du premier jour d\'exercice » (dernier jour)', 'cd17-fiche-08', 'fragile', { ...gp, requestDate: '2026-06-02' }, 'yes', 10_000],
  ['fiche 8 : « dans un délai de 3 mois » (lendemain)', 'cd17-fiche-08', 'fragile', { ...gp, requestDate: '2026-06-03' }, 'no', null],
  ['fiche 8 : « ne peut bénéficier qu\'une seule fois de cette aide »', 'cd17-fiche-08', 'fragile', { ...gp, otherAids: ['cd17-fiche-08'] }, 'no', null],
  ['fiche 9 : « fiches 8 […], 9 […] et 10 […] ne sont pas cumulables »', 'cd17-fiche-08', 'fragile', { ...gp, otherAids: ['cd17-fiche-10'] }, 'no', null],
  ['fiche 8 : un profil incomplet laisse l\'aide « à préciser », montant selon la zone', 'cd17-fiche-08', 'tres-fragile', { beneficiary: 'medecin' }, 'depends', 30_000],
  // Fiche 3
  ['fiche 3 : « 800€ pour les 2 jours de formation » (montant certain, le coût de la formation en plus)', 'cd17-fiche-03', 'non-prioritaire', { beneficiary: 'medecin', eventDate: '2026-02-10', requestDate: '2026-03-10' }, 'yes', 800],
  ['fiche 3 : « dans le mois suivant la formation » (lendemain)', 'cd17-fiche-03', 'non-prioritaire', { beneficiary: 'medecin', eventDate: '2026-02-10', requestDate: '2026-03-11' }, 'no', null],
  // Fiche 4
  ['fiche 4 : « jusqu\'à 50 000€, dans la limite de 80% » (80 % = plafond)', 'cd17-fiche-04', 'non-prioritaire', { beneficiary: 'commune', housingCost: 62_500, eventDate: '2026-05-01', requestDate: '2026-04-30' }, 'yes', 50_000],
  ['fiche 4 : « dans la limite de 80% du coût » (sous le plafond)', 'cd17-fiche-04', 'non-prioritaire', { beneficiary: 'etablissement-sante', housingCost: 40_000 }, 'depends', 32_000],
  ['fiche 4 : « jusqu\'à 50 000€ » (au-delà)', 'cd17-fiche-04', 'fragile', { beneficiary: 'commune', housingCost: 90_000, eventDate: '2026-05-01', requestDate: '2026-04-30' }, 'yes', 50_000],
  ['fiche 4 : « La demande d\'aide doit être faite avant le début des travaux » (le jour même)', 'cd17-fiche-04', 'fragile', { beneficiary: 'commune', housingCost: 90_000, eventDate: '2026-05-01', requestDate: '2026-05-01' }, 'no', null],
  ['fiche 4 : une autre opération, avec son propre coût (le coût du cabinet ne compte pas)', 'cd17-fiche-04', 'fragile', { beneficiary: 'commune', projectCost: 90_000, eventDate: '2026-05-01', requestDate: '2026-04-30' }, 'depends', null],
  ['fiche 4 : « les communes ou les établissements publics de santé » (un médecin)', 'cd17-fiche-04', 'fragile', { beneficiary: 'medecin' }, 'no', null],
  // Fiche 5: « LA FICHE ACTION N°17 DEVIENT LA FICHE ACTION N°5 QUI A ETE SUPPRIMEE »
  ['fiche 5 supprimée : jamais proposée, même en zone très fragile dans les délais', 'cd17-fiche-05', 'tres-fragile', { beneficiary: 'interne', eventDate: '2026-05-04', requestDate: '2026-08-04' }, 'no', null],
  ['fiche 5 supprimée : sans profil non plus', 'cd17-fiche-05', 'tres-fragile', {}, 'no', null],
  // Fiche 6 and 17
  ['fiche 6 : « 25 000€ dans la limite de 80% du coût de l\'opération »', 'cd17-fiche-06', 'fragile', { beneficiary: 'msp', projectCost: 20_000 }, 'yes', 16_000],
  ['fiche 6 : « à partir de novembre 2026 » dit quand arrivent les docteurs juniors : un dossier du 31 octobre 2026 est recevable', 'cd17-fiche-06', 'fragile', { beneficiary: 'msp', projectCost: 20_000 }, 'yes', 16_000, { date: '2026-10-31' }],
  ['fiche 6 : dossier reçu le 1er août 2025 (« applicables aux dossiers reçus à compter du 1er août 2025 »)', 'cd17-fiche-06', 'fragile', { beneficiary: 'msp', projectCost: 40_000, requestDate: '2025-08-01' }, 'yes', 25_000, { date: '2026-11-01' }],
  ['fiche 17 : « 25 000€ dans la limite de 80% »', 'cd17-fiche-17', 'tres-fragile', { beneficiary: 'commune', projectCost: 100_000 }, 'yes', 25_000],
  ['fiche 17 : « Dans les zones fragiles et très fragiles » (intermédiaire)', 'cd17-fiche-17', 'intermediaire', { beneficiary: 'commune', projectCost: 100_000 }, 'no', null],
  // Fiche 7: « La bourse sera rétroactive au premier jour du semestre en cours »
  ['fiche 7 : « 800 € /mois en 1ère année • 1 100 €/mois en 2ème année • 1 600 €/mois en 3ème année » (1er semestre : 42 000 €)', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipSemester: 1 }, 'yes', 42_000],
  ['fiche 7 : « rétroactive au premier jour du semestre en cours » (2e semestre : 6 × 800 de moins)', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipSemester: 2 }, 'yes', 37_200],
  ['fiche 7 : 2e année, 1er semestre : 12 × 1 100 + 12 × 1 600', 'cd17-fiche-07', 'tres-fragile', { beneficiary: 'interne', internshipSemester: 3 }, 'yes', 32_400],
  ['fiche 7 : 2e année, 2e semestre : 6 × 1 100 + 12 × 1 600 = 25 800 €', 'cd17-fiche-07', 'tres-fragile', { beneficiary: 'interne', internshipYear: 2, internshipSemester: 4 }, 'yes', 25_800],
  ['fiche 7 : 3e année, 2e semestre : 6 × 1 600', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipSemester: 6 }, 'yes', 9_600],
  ['fiche 7 : début d\'internat le 2 novembre 2024, demande le 15 juin 2026 : 4e semestre', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipStartDate: '2024-11-02', requestDate: '2026-06-15' }, 'yes', 25_800],
  ['fiche 7 : les mois rétroactifs avant le 1er août 2025 sont payés au montant du plan', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipStartDate: '2025-05-03', requestDate: '2025-08-10' }, 'yes', 42_000],
  ['fiche 7 : l\'année sans le semestre : montant à préciser', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipYear: 2 }, 'depends', null],
  ['fiche 7 : « Pendant les 3 années d\'internat » (4e année, docteur junior)', 'cd17-fiche-07', 'fragile', { beneficiary: 'interne', internshipYear: 4 }, 'no', null],
  ['fiche 7 : « devra choisir une commune éligible au moment de son installation » (intermédiaire aujourd\'hui : pas de refus)', 'cd17-fiche-07', 'intermediaire', { beneficiary: 'interne', internshipSemester: 1 }, 'depends', 42_000],
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
  ['fiche 13 : « 11 000 €/an […] 5 000 €/an » pendant « deux ans »', 'cd17-fiche-13', 'intermediaire', { beneficiary: 'infirmier', mode: 'liberal', ipaTraining: 'en-cours' }, 'yes', 32_000],
  ['fiche 13 : « pendant la durée de leur formation en pratique avancée » (entre en formation)', 'cd17-fiche-13', 'fragile', { beneficiary: 'infirmier', mode: 'liberal', ipaTraining: 'a-venir' }, 'yes', 32_000],
  ['fiche 13 : « pendant la durée de leur formation » (pas de formation)', 'cd17-fiche-13', 'fragile', { beneficiary: 'infirmier', mode: 'liberal', ipaTraining: 'non' }, 'no', null],
  ['fiche 13 : « pendant la durée de leur formation » (IPA déjà diplômé)', 'cd17-fiche-13', 'fragile', { beneficiary: 'ipa', mode: 'liberal' }, 'no', null],
  ['fiche 13 : « pendant la durée de leur formation » (non renseigné)', 'cd17-fiche-13', 'fragile', { beneficiary: 'infirmier', mode: 'liberal' }, 'depends', 32_000],
  ['fiche 13 : « pour les infirmiers libéraux »', 'cd17-fiche-13', 'fragile', { beneficiary: 'infirmier', mode: 'salarie', ipaTraining: 'en-cours' }, 'no', null],
  // Non-financial fiches
  ['fiche 15 : « Tout le département »', 'cd17-fiche-15', 'non-prioritaire', { beneficiary: 'medecin' }, 'yes', null],
  ['fiche 14 : « Installation dans les zones fragiles et très fragiles »', 'cd17-fiche-14', 'intermediaire', { beneficiary: 'medecin' }, 'no', null],
  // Plan validity
  ['délibération : « applicables aux dossiers reçus à compter du 1er août 2025 » (31 juillet, sans date de demande)', 'cd17-fiche-08', 'fragile', { ...gp, requestDate: undefined }, 'no', null, { date: '2025-07-31' }],
  ['délibération : « à compter du 1er août 2025 » (1er août, sans date de demande : le délai reste à préciser)', 'cd17-fiche-08', 'fragile', { ...gp, requestDate: undefined }, 'depends', 10_000, { date: '2025-08-01' }],
  ['délibération : la date du dossier décide (reçu le 20 juillet 2025, simulé en septembre)', 'cd17-fiche-08', 'fragile', { ...gp, eventDate: '2025-07-01', requestDate: '2025-07-20' }, 'no', null, { date: '2025-09-01' }],
  ['délibération : la date du dossier décide (reçu le 1er août 2025, simulé en juillet)', 'cd17-fiche-08', 'fragile', { ...gp, eventDate: '2025-07-15', requestDate: '2025-08-01' }, 'yes', 10_000, { date: '2025-07-10' }],

  // Mauges
  ['Mauges : « 0,40 € / km plafonnée à 1800 € » (1 000 km)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 1_000 }, 'yes', 400],
  ['Mauges : « plafonnée à 1800 € par année de formation » (4 500 km, au plafond)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 4_500 }, 'yes', 1_800],
  ['Mauges : « plafonnée à 1800 € » (6 000 km, au-delà)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'interne', distanceKm: 6_000 }, 'yes', 1_800],
  ['Mauges : « 500 € net par mois par étudiant, soit 6 000 € par an »', 'mauges-indemnite-etudes-medecine', 'zac', { beneficiary: 'interne' }, 'yes', 6_000],
  ['Mauges : « engagement à exercer sur les communes zonées » porte sur l\'exercice futur (hors zonage aujourd\'hui : pas de refus)', 'mauges-indemnite-etudes-medecine', 'hors-zonage', { beneficiary: 'interne' }, 'depends', 6_000],
  ['Mauges : « Soutenir financièrement les étudiants en médecine générale » (docteur junior, interprétation)', 'mauges-indemnite-etudes-medecine', 'zip', { beneficiary: 'docteur-junior' }, 'yes', 6_000],
  ['Mauges : « Soutenir le déplacement des internes en médecine générale » (docteur junior, interprétation)', 'mauges-indemnite-deplacement', 'hors-zonage', { beneficiary: 'docteur-junior', distanceKm: 1_000 }, 'yes', 400],
  ['Mauges : « Soirée d\'accueil des internes en médecine » (docteur junior, interprétation)', 'mauges-soiree-accueil-internes', 'hors-zonage', { beneficiary: 'docteur-junior' }, 'yes', null],
  ['Mauges : « 30 000 € par installation »', 'mauges-installation-medecin', 'zip', { ...installing, beneficiary: 'medecin', status: 'titulaire', presenceShare: 1 }, 'yes', 30_000],
  ['Mauges : « 15 000 € si collaboration »', 'mauges-installation-medecin', 'zac', { ...installing, beneficiary: 'medecin', status: 'collaborateur', presenceShare: 1 }, 'yes', 15_000],
  ['Mauges : « Modulé au temps de présence » (mi-temps)', 'mauges-installation-dentiste', 'tres-sous-dotee', { ...installing, beneficiary: 'chirurgien-dentiste', status: 'titulaire', presenceShare: 0.5 }, 'yes', 15_000],
  ['Mauges : « Modulé au temps de présence » (non renseigné : à préciser, au plus 30 000 €)', 'mauges-installation-medecin', 'zip', { ...installing, beneficiary: 'medecin', status: 'titulaire' }, 'depends', null],
  ['Mauges : « 30 000 € par installation, 15 000 € si collaboration » (statut non renseigné : à préciser)', 'mauges-installation-medecin', 'zip', { ...installing, beneficiary: 'medecin', presenceShare: 1 }, 'depends', null],
  ['Mauges : « par installation » (un remplaçant ne s\'installe pas)', 'mauges-installation-medecin', 'zip', { ...installing, beneficiary: 'medecin', status: 'remplacant', presenceShare: 1 }, 'no', null],
  ['Mauges : « Conditions d\'éligibilité : […] Inscription dans les dynamiques pluriprofessionnelles locales »', 'mauges-installation-medecin', 'zip', { ...installing, beneficiary: 'medecin', status: 'titulaire', presenceShare: 1, pluriprofessional: false }, 'no', null],
  ['Mauges : « Primo installation sur Mauges Communauté »', 'mauges-installation-medecin', 'zip', { ...installing, beneficiary: 'medecin', status: 'titulaire', firstInstallation: false, presenceShare: 1 }, 'no', null],
  ['Mauges : « Conventionnement CPAM »', 'mauges-installation-dentiste', 'tres-sous-dotee', { ...installing, beneficiary: 'chirurgien-dentiste', status: 'titulaire', cpam: false, presenceShare: 1 }, 'no', null],
  ['Mauges : « en Zone d\'Action Complémentaire ou Zone d\'intervention prioritaire » (hors zonage)', 'mauges-installation-medecin', 'hors-zonage', { ...installing, beneficiary: 'medecin', status: 'titulaire', presenceShare: 1 }, 'no', null],
  ['Mauges kinés : « 10 000 € par installation »', 'mauges-installation-kine', 'tres-sous-dotee', { ...installing, beneficiary: 'masseur-kinesitherapeute', status: 'titulaire', presenceShare: 1 }, 'yes', 10_000],
  ['Mauges kinés : « 5 000 € si collaboration »', 'mauges-installation-kine', 'sous-dotee', { ...installing, beneficiary: 'masseur-kinesitherapeute', status: 'collaborateur', presenceShare: 1 }, 'yes', 5_000],
  ['Mauges kinés : « en zone sous dense ou très sous dense » (intermédiaire)', 'mauges-installation-kine', 'intermediaire', { ...installing, beneficiary: 'masseur-kinesitherapeute', status: 'titulaire', presenceShare: 1 }, 'no', null],
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
    expect(cd17.catalogue.aids.map((a) => a.ref)).toEqual(Array.from({ length: 17 }, (_, i) => (i === 16 ? 'fiche 17 (devenue fiche 5)' : `fiche ${i + 1}`)));
    expect(mauges.catalogue.aids.length).toBe(14);
    for (const a of [...cd17.catalogue.aids, ...mauges.catalogue.aids]) {
      expect(a.source.quote.length).toBeGreaterThan(20);
      expect(a.source.plan).toMatch(/Plan santé|Contrat local de santé/);
    }
  });
});

describe('fichiers d\'aide invalides : le fichier, le champ et pourquoi, en français', () => {
  // The aid's own file (the built catalogue adds `source` and the plan's dates, which an aid file may not hold).
  const good = JSON.parse(fs.readFileSync('data/territories/charente-maritime/aides/fiche-08.json', 'utf8')) as Record<string, unknown>;
  it.each([
    ['zoneDate.rule inconnue', { zoneDate: { rule: 'demain', text: 'x', quote: 'y' } }, 'fiche.json, champ « zoneDate » : « rule » (« eve-of-event » ou « installation »), « text » et « quote » attendus.'],
    ['withdrawn sans citation', { withdrawn: { text: 'supprimée' } }, 'fiche.json, champ « withdrawn » : « text » et « quote » attendus.'],
    ['note pour un bénéficiaire absent', { beneficiaryNotes: { lyceen: 'x' } }, 'fiche.json, champ « beneficiaryNotes.lyceen » : texte attendu pour un bénéficiaire de la liste « beneficiaries ».'],
    ['coût inconnu', { amount: { type: 'shareOfCost', share: 0.8, cost: 'lunchCost' } }, 'fiche.json, champ « amount.cost » : champ de coût parmi projectCost, housingCost attendu.'],
    ['engagement compté depuis un événement inconnu', { commitments: [{ text: 'x', years: 2, from: 'demain' }] }, 'fiche.json, champ « commitments[0].from » : « eventDate » ou « installation » attendu.'],
    ['public inconnu', { audience: 'tous' }, 'fiche.json, champ « audience » : « applicants » ou « authority » attendu.'],
    ['démarche sans la phrase du plan', { apply: { steps: ['x'] } }, 'fiche.json, champ « apply.quote » : la phrase du plan est obligatoire.'],
    ['pièces à fournir vides', { apply: { provide: [], quote: 'y' } }, 'fiche.json, champ « apply.provide » : liste de textes non vide attendue.'],
    ['branche « all » vide', { conditions: [{ any: [{ all: [], text: 'x' }], text: 'y' }] }, 'fiche.json, champ « conditions[0].any[0] » : « all » (liste) et « text » attendus.'],
    ['clé mal orthographiée', { onse: true }, "fiche.json : clé inconnue « onse » (faute de frappe, ou champ qui n'existe pas ?)"],
    ['clé imbriquée mal orthographiée', { cumulation: { exclusiv: ['cd17-fiche-09'] } }, "fiche.json : clé inconnue « cumulation.exclusiv » (faute de frappe, ou champ qui n'existe pas ?)"],
  ])('%s', (_w, patch, problem) => {
    expect(parseAid({ ...good, ...patch }, 'fiche.json', [{ id: 'plan-sante-2025' }]).problems).toEqual([problem]);
  });
});

describe("une clé mal orthographiée fait échouer la construction du catalogue", () => {
  it('le fichier et la clé sont nommés (« onse », « cumulation.exclusiv »)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aids-keys-'));
    fs.cpSync('data/territories', tmp, { recursive: true });
    const edit = (name: string, change: (raw: Record<string, unknown>) => void) => {
      const file = path.join(tmp, 'charente-maritime/aides', name);
      const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      change(raw);
      fs.writeFileSync(file, JSON.stringify(raw));
    };
    edit('fiche-03.json', (raw) => (raw.onse = true));
    edit('fiche-08.json', (raw) => ((raw.cumulation as Record<string, unknown>).exclusiv = ['cd17-fiche-09']));
    const { problems } = withPaths(resolvePaths({ ...process.env, DATA_DIR: tmp }), () => buildAidCatalogue('charente-maritime'));
    const rel = (name: string) => path.relative(process.cwd(), path.join(tmp, 'charente-maritime/aides', name));
    // The refused file's aid is then missing from the catalogue: the aids that name it say so too.
    expect(problems.slice(0, 2)).toEqual([
      `${rel('fiche-03.json')} : clé inconnue « onse » (faute de frappe, ou champ qui n'existe pas ?)`,
      `${rel('fiche-08.json')} : clé inconnue « cumulation.exclusiv » (faute de frappe, ou champ qui n'existe pas ?)`,
    ]);
  });
});

describe.each(cases)('%s', (_quote, id, zone, profile, eligible, amount, opts) => {
  it(`${id} en zone ${zone} → ${eligible}${amount !== null ? `, ${amount} €` : ''}`, () => {
    const r = evaluateAid(aid(id), ctx(zone, opts), profile);
    expect({ eligible: r.eligible, amount: r.amount }, r.reasons.map((x) => `${x.status} ${x.text}`).join('\n')).toEqual({ eligible, amount });
    if (eligible === 'no') expect(r.blocker).toBeTruthy();
  });
});

/** The text of the first reason containing `part`. */
const reason = (r: { reasons: Array<{ text: string }> }, part: string) => r.reasons.find((x) => x.text.includes(part))?.text;

describe('1. « LA FICHE ACTION N°17 DEVIENT LA FICHE ACTION N°5 QUI A ETE SUPPRIMEE »', () => {
  it('la prime de déplacement n\'est jamais proposée : la raison cite la délibération', () => {
    const r = evaluateAid(aid('cd17-fiche-05'), ctx('tres-fragile'), { beneficiary: 'interne' });
    expect(r.blocker).toBe('La délibération indique que cette fiche a été supprimée : « LA FICHE ACTION N°17 DEVIENT LA FICHE ACTION N°5 QUI A ETE SUPPRIMEE ».');
    expect(r.amountText).toBe('Fiche supprimée : aucun montant');
    expect(aid('cd17-fiche-05').zone).toBeUndefined(); // not drawn on the aid map layer
  });
  it('les assistants médicaux : « fiche 17 (devenue fiche 5) »', () => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('fragile'), { beneficiary: 'msp', projectCost: 10_000 });
    expect(e.results.find((x) => x.id === 'cd17-fiche-17')!.source.ref).toBe('fiche 17 (devenue fiche 5)');
  });
});

describe('2. « applicables aux dossiers reçus à compter du 1er août 2025 » : la date du dossier décide', () => {
  it.each([
    ['reçu le 20 juillet 2025', { requestDate: '2025-07-20' }, '2025-09-01', 'no', 'Dossier reçu le 20 juillet 2025, avant le 1er août 2025 : il relève des fiches antérieures du Plan santé'],
    ['sans date de demande, au 31 juillet 2025', {}, '2025-07-31', 'no', 'Au 31 juillet 2025, avant le 1er août 2025 : il relève des fiches antérieures'],
    ['reçu le 1er août 2025, simulé le 15 juillet', { requestDate: '2025-08-01' }, '2025-07-15', 'yes', 'En vigueur à la date de la demande, le 1er août 2025 (depuis le 1er août 2025).'],
    ['sans date de demande, au 2 septembre 2025', {}, '2025-09-02', 'yes', 'En vigueur au 2 septembre 2025 (depuis le 1er août 2025).'],
  ] as const)('fiche 15, dossier %s', (_w, p, date, eligible, text) => {
    const r = evaluateAid(aid('cd17-fiche-15'), ctx('fragile', { date }), { beneficiary: 'medecin', ...p });
    expect(r.eligible).toBe(eligible);
    expect(r.reasons[0].text).toContain(text);
  });

  it('la zone est lue à la date du dossier, et la raison dit laquelle', () => {
    const zoneOn = (d: string) => () => zoneAt(d < '2026-05-01' ? 'intermediaire' : 'fragile');
    const base: AidContext = { ...ctx('fragile', { date: '2026-06-01' }), zoneOn };
    const early = evaluateAid(aid('cd17-fiche-17'), base, { beneficiary: 'commune', projectCost: 10_000, requestDate: '2026-04-20' });
    expect(early.blocker).toBe('Réservée aux zones fragiles et très fragiles ; Testville est en zone intermédiaire à la date de la demande, le 20 avril 2026 (zonage de test).');
    const later = evaluateAid(aid('cd17-fiche-17'), base, { beneficiary: 'commune', projectCost: 10_000, requestDate: '2026-05-20' });
    expect(later.eligible).toBe('yes');
    expect(reason(later, 'Testville')).toBe('Testville est en zone fragile à la date de la demande, le 20 mai 2026 (zonage de test) : zone éligible.');
  });
});

describe('2. fiche 1 puis fiche 8 : « classées en zone fragile jusqu\'à l\'installation effective d\'un médecin »', () => {
  // Bords: intermediaire, a pharmacy, its GP leaves on 14 March 2026; a new GP installs on 1 April 2026.
  const at = async (date: string, practitioners: Array<{ start: string; end: string | null }>) => {
    const { loadZonageConfig } = await import('../../scripts/lib/inputs.ts');
    const { zoneResolver } = await import('../../src/core/zonage/resolver.ts');
    const { communeContext } = await import('../../src/core/aids/context.ts');
    const config = loadZonageConfig('charente-maritime');
    const bundle = {
      territory: 'charente-maritime',
      schemes: config.schemes,
      rules: config.rules,
      zonages: [{ ...config.years[1], classes: { '17053': 'intermediaire' } }],
      practitioners: { ...config.practitioners, rows: practitioners.map((p) => ({ commune: '17053', profession: 'medecin-generaliste', mode: 'liberal' as const, ...p })) },
      pharmacies: { ...config.pharmacies, rows: [{ commune: '17053', opened: null, closed: null }] },
      movements: { declared: null, rows: [], duplicates: 0, notes: [] },
    };
    return { plain: { date, commune: { code: '17053', nom: 'Bords', population: 1375 }, zone: zoneResolver(bundle, date)('17053') } as AidContext, full: communeContext(bundle, { code: '17053', nom: 'Bords', population: 1375 }, date) };
  };
  const former = { start: '2000-01-01', end: '2026-03-14' };
  const newcomer = { start: '2026-04-01', end: null };

  it('avant le départ du médecin : zone intermédiaire, pas d\'aide', async () => {
    const { full } = await at('2026-03-14', [former]);
    const r = evaluateAid(aid('cd17-fiche-08'), full, { ...gp, eventDate: '2026-03-15', requestDate: '2026-03-14' });
    expect(r.eligible).toBe('no');
    expect(r.blocker).toContain("Bords est en zone intermédiaire au 14 mars 2026, veille de son premier jour d'exercice, car");
  });
  it('le médecin qui s\'installe ne retire pas la classe fragile : elle est jugée la veille de son installation, sans lui', async () => {
    const { full, plain } = await at('2026-04-10', [former, newcomer]);
    expect(plain.zone('medecin-generaliste')!.effective).toBe('intermediaire'); // with him, the rule no longer applies
    const r = evaluateAid(aid('cd17-fiche-08'), full, { ...gp, eventDate: '2026-04-01', requestDate: '2026-04-10' });
    expect(r.eligible).toBe('yes');
    expect(r.amount).toBe(10_000);
    expect(reason(r, 'Bords est')).toContain("Bords est en zone fragile au 31 mars 2026, veille de son premier jour d'exercice, car une commune classée fragile « jusqu'à l'installation effective d'un médecin » le reste pour le médecin qui s'installe (");
    expect(reason(r, 'Bords est')).toContain('classée fragile par la règle de la fiche 1');
  });
  it('sans date d\'installation, la zone est lue à la date du dossier', async () => {
    const { full } = await at('2026-04-10', [former, newcomer]);
    const r = evaluateAid(aid('cd17-fiche-08'), full, { ...gp, eventDate: undefined, requestDate: '2026-04-10' });
    expect(r.blocker).toContain('Bords est en zone intermédiaire à la date de la demande, le 10 avril 2026');
  });
});

describe('3. une opération, un coût', () => {
  const commune: Profile = { beneficiary: 'commune', eventDate: '2027-01-10', requestDate: '2026-12-01' };
  it.each([
    ['« une alternative aux Maisons de Santé Pluri-professionnelles » : 10 ou 11 ; 6 + 17 + 10 dans la limite de 80 % de 100 000 €', { ...commune, projectCost: 100_000 }, ['cd17-fiche-10', 'cd17-fiche-06', 'cd17-fiche-17'], 80_000],
    ['même projet à 200 000 € : 75 000 + 25 000 + 25 000 sous la limite de 160 000 €', { ...commune, projectCost: 200_000 }, ['cd17-fiche-10', 'cd17-fiche-06', 'cd17-fiche-17'], 125_000],
    ['le logement (fiche 4) est une autre opération, avec son propre coût', { ...commune, projectCost: 200_000, housingCost: 100_000 }, ['cd17-fiche-10', 'cd17-fiche-04', 'cd17-fiche-06', 'cd17-fiche-17'], 175_000],
    ['fiches 6 et 17 « cumulables », « chacune dans la limite de 80 % du coût de l\'opération » : ensemble aussi (MSP, 40 000 €)', { beneficiary: 'msp', projectCost: 40_000 }, ['cd17-fiche-06', 'cd17-fiche-17'], 32_000],
  ] as const)('%s', (_q, profile, counted, total) => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('fragile', { population: 800 }), profile);
    expect([...e.counted].sort()).toEqual([...counted].sort());
    expect(e.total).toBe(total);
    expect(e.totalFor).toBe(profile.beneficiary);
  });
  it('les raisons disent « interprétation »', () => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('fragile', { population: 800 }), { ...commune, projectCost: 100_000 });
    expect(e.conflicts.find((c) => c.ids.join() === 'cd17-fiche-10,cd17-fiche-11')!.text).toContain('(interprétation : la fiche 11 est « une alternative aux Maisons de Santé Pluri-professionnelles »');
    expect(e.notes).toEqual(["Interprétation : les aides fiche 10, fiche 6 et fiche 17 (devenue fiche 5) sont calculées sur le même coût de l'opération ; ensemble, elles restent dans la limite de 80 % de ce coût, soit 80\u202f000 € au lieu de 125\u202f000 €."]);
    const r11 = e.results.find((x) => x.id === 'cd17-fiche-11')!;
    expect(reason(r11, 'Interprétation : la fiche 11')).toBeTruthy();
    expect(reason(r11, 'Interprétation : une opération a un seul coût')).toBeTruthy();
    const done = evaluateAid(aid('cd17-fiche-11'), ctx('fragile'), { ...commune, projectCost: 10_000, otherAids: ['cd17-fiche-10'] });
    expect(done.eligible).toBe('no');
  });
  it('sans bénéficiaire, pas de total (aucune somme d\'aides destinées à un centre de santé et à une commune)', () => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('tres-fragile'), { projectCost: 200_000 });
    expect({ total: e.total, totalFor: e.totalFor, counted: e.counted }).toEqual({ total: 0, totalFor: null, counted: [] });
  });
});

describe('4. fiche 7 : « L\'interne peut faire le choix de sa commune d\'installation au moment de sa candidature ou devra choisir une commune éligible au moment de son installation »', () => {
  it('une commune non fragile aujourd\'hui ne refuse pas la bourse, et la raison le dit', () => {
    const r = evaluateAid(aid('cd17-fiche-07'), ctx('intermediaire'), { beneficiary: 'interne', internshipSemester: 1 });
    expect(r.eligible).toBe('depends');
    expect(reason(r, 'Testville')).toBe("Testville est en zone intermédiaire au 1er décembre 2026 (zonage de test), hors des zones fragiles et très fragiles : cela ne refuse pas l'aide, car la commune d'installation devra être éligible au moment de l'installation, selon le zonage alors en vigueur.");
  });
  it('« rétroactive au premier jour du semestre en cours » : la raison dit quel semestre', () => {
    const r = evaluateAid(aid('cd17-fiche-07'), ctx('fragile'), { beneficiary: 'interne', internshipStartDate: '2024-11-02', requestDate: '2026-06-15' });
    expect(reason(r, 'rétroactive')).toBe('La bourse est rétroactive au premier jour du semestre en cours (4e semestre, commencé le 2 mai 2026).');
  });
  it('« au plus tard 36 mois après la fin de son internat (hors année de docteur junior) » : la date demandée est la fin de la 3e année, la date limite est donnée', () => {
    const r = evaluateAid(aid('cd17-fiche-07'), ctx('fragile'), { beneficiary: 'interne', internshipSemester: 5, internshipEndDate: '2027-10-31' });
    expect(r.deadlines[0].text).toBe("Installation dans la commune choisie : au plus tard le 31 octobre 2030 (36 mois après la fin de la 3e année d'internat, hors année de docteur junior).");
    expect(r.commitments[0]).toEqual({ text: "s'installer pendant 4 ans, à compter de l'installation, dans une commune en zone fragile ou très fragile (zonage en vigueur à l'installation)", until: null });
    const none = evaluateAid(aid('cd17-fiche-07'), ctx('fragile'), { beneficiary: 'interne', internshipSemester: 5 });
    expect(none.deadlines[0].text).toBe("Installation dans la commune choisie : au plus tard 36 mois après la fin de la 3e année d'internat, hors année de docteur junior ; renseignez cette date pour obtenir la date limite.");
  });
});

describe('5. fiche 8 : « aux médecins généralistes exerçants en zone non prioritaire de Charente-Maritime depuis moins de 10 ans »', () => {
  it.each([
    ['première installation', { firstInstallation: true }, 'yes'],
    ['en zone non prioritaire depuis 3 ans', { firstInstallation: false, inNonPriorityZone: true, yearsInNonPriorityZone: 3 }, 'yes'],
    ['déjà installé en zone fragile (pas en zone non prioritaire)', { firstInstallation: false, inNonPriorityZone: false, yearsInNonPriorityZone: 3 }, 'no'],
    ['en zone non prioritaire depuis 12 ans', { firstInstallation: false, inNonPriorityZone: true, yearsInNonPriorityZone: 12 }, 'no'],
    ['en zone non prioritaire, durée non renseignée', { firstInstallation: false, inNonPriorityZone: true }, 'depends'],
    // The simulator asks the years only: some years there means practising there now, 0 means not.
    ['3 ans en zone non prioritaire, sans la question « exercice actuel »', { firstInstallation: false, yearsInNonPriorityZone: 3 }, 'yes'],
    ['0 an en zone non prioritaire : pas d\'exercice actuel en zone non prioritaire', { firstInstallation: false, yearsInNonPriorityZone: 0 }, 'no'],
  ] as const)('%s', (_w, p, eligible) => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('fragile'), { ...gp, ...p });
    expect(r.eligible).toBe(eligible);
  });
  it('le refus dit quelle branche manque', () => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('fragile'), { ...gp, firstInstallation: false, inNonPriorityZone: false, yearsInNonPriorityZone: 3 });
    expect(r.blocker).toBe(
      'Première installation en Charente-Maritime, ou exercice à la date du dossier en zone non prioritaire de Charente-Maritime depuis moins de 10 ans : non (première installation en Charente-Maritime : non ; exercer à la date du dossier en zone non prioritaire de Charente-Maritime : non (non)).',
    );
  });
});

describe('6. fiche 13 : « pendant la durée de leur formation en pratique avancée »', () => {
  it('un IPA déjà diplômé est refusé en le disant', () => {
    const r = evaluateAid(aid('cd17-fiche-13'), ctx('fragile'), { beneficiary: 'ipa', mode: 'liberal' });
    expect(r.blocker).toBe("Être en formation d'infirmier en pratique avancée, ou y entrer : non (déjà diplômé).");
  });
});

describe('7. fiche 3 : « 800€ pour les 2 jours de formation » est certain', () => {
  it('le montant est 800 €, le coût de la formation est nommé à côté ; le total compte 800 €', () => {
    const p: Profile = { beneficiary: 'medecin', eventDate: '2026-02-10', requestDate: '2026-02-20' };
    const r = evaluateAid(aid('cd17-fiche-03'), ctx('non-prioritaire'), p);
    expect(r.amountText).toBe("800 € pour les 2 jours de formation ; le coût de la formation est pris en charge en plus (non connu à l'avance)");
    const e = evaluateAids(cd17.catalogue.aids, ctx('non-prioritaire'), p);
    expect(e.counted).toContain('cd17-fiche-03');
    expect(e.total).toBe(800);
  });
});

describe('8. fiche 6 : « à partir de novembre 2026 » dit quand arrivent les docteurs juniors', () => {
  it('la fiche dit quand les docteurs juniors arrivent, l\'aide suit la date du dossier', () => {
    expect(aid('cd17-fiche-06').summary).toContain('les docteurs juniors arrivent à partir de novembre 2026');
    expect(aid('cd17-fiche-06').validity.from).toBe('2025-08-01');
  });
});

describe('9. délais « au plus tard N mois après » / « dans un délai de N mois après »', () => {
  it.each([
    ['fiche 8, demande avant le premier jour d\'exercice : à préciser', 'cd17-fiche-08', { ...gp, eventDate: '2026-05-04', requestDate: '2026-04-20' }, 'depends', "Demande dans les 3 mois suivant le premier jour d'exercice dans la commune : à préciser, car la demande (le 20 avril 2026) précède le premier jour d'exercice dans la commune (le 4 mai 2026) ; elle sera à confirmer ensuite, au plus tard le 4 août 2026."],
    ['fiche 3, « dans le mois suivant la formation » (dernier jour)', 'cd17-fiche-03', { beneficiary: 'medecin', eventDate: '2026-01-31', requestDate: '2026-02-28' }, 'yes', 'Demande dans le mois suivant la formation : oui (le 28 février 2026, limite le 28 février 2026).'],
    ['fiche 3, demande non datée', 'cd17-fiche-03', { beneficiary: 'medecin', eventDate: '2026-01-31' }, 'depends', 'Demande dans le mois suivant la formation : à préciser (renseignez : date de la demande (réception du dossier)).'],
  ] as const)('%s', (_w, id, p, eligible, text) => {
    const r = evaluateAid(aid(id), ctx('fragile'), p);
    expect(r.eligible).toBe(eligible);
    expect(r.reasons.map((x) => x.text)).toContain(text);
  });
});

describe('10–12. Mauges', () => {
  it('10. sans statut ni temps de présence : « à préciser » avec le plafond, jamais 30 000 € certains', () => {
    const r = evaluateAid(aid('mauges-installation-medecin'), ctx('zip'), { ...installing, beneficiary: 'medecin' });
    expect({ eligible: r.eligible, amount: r.amount, ceiling: r.ceiling }).toEqual({ eligible: 'depends', amount: null, ceiling: 30_000 });
    expect(r.amountText).toMatch(/^Jusqu'à 30\u202f000 €/);
    expect(reason(r, 'Le montant est à préciser')).toBe('Le montant est à préciser (renseignez : temps de présence) ; il sera au plus de 30\u202f000 €.');
  });
  it('11. docteur junior : admis par interprétation, dite dans la raison', () => {
    const r = evaluateAid(aid('mauges-indemnite-deplacement'), ctx('hors-zonage'), { beneficiary: 'docteur-junior', distanceKm: 100 });
    expect(reason(r, 'votre profil')).toContain("Interprétation : un docteur junior est un interne en médecine générale en 4e année ; le plan parle des internes sans distinguer cette année (le Plan santé de la Charente-Maritime, lui, sépare l'« année de docteur junior » des trois années d'internat)");
  });
  it('12. indemnité d\'études : la raison dit que l\'engagement porte sur l\'exercice futur', () => {
    const r = evaluateAid(aid('mauges-indemnite-etudes-odontologie'), ctx('hors-zonage'), { beneficiary: 'etudiant-odontologie' });
    expect(r.eligible).toBe('depends');
    expect(reason(r, 'Testville')).toContain("cela ne refuse pas l'aide, car l'engagement porte sur l'exercice futur « sur les communes zonées », à la date de l'installation");
  });
  it('13. contact du plan : « 02 41 71 77 00 » et « solidarites-sante@maugescommunaute.fr », le guichet des offres reste l\'exemple', async () => {
    expect(mauges.catalogue.plans[0].contact).toEqual({
      name: 'Mauges Communauté',
      phone: '02 41 71 77 00',
      email: 'solidarites-sante@maugescommunaute.fr',
      source: "CLS 2.0, plan d'attractivité médicale et paramédicale 2025-2028, rubrique « Nous contacter »",
    });
    const { loadTerritories } = await import('../../scripts/lib/inputs.ts');
    expect(loadTerritories().find((t) => t.id === 'mauges')!.guichet).toMatchObject({ example: true });
  });
});

describe('rédaction', () => {
  const profiles: Profile[] = [{}, gp, { beneficiary: 'interne', internshipYear: 2 }, { beneficiary: 'commune', projectCost: 1000 }, { beneficiary: 'medecin', daysPerWeek: 3.5 }, { beneficiary: 'docteur-junior' }];
  const all = [...cd17.catalogue.aids, ...mauges.catalogue.aids];
  it('chaque raison est une phrase complète : majuscule, point final, ni « (s) » ni « les 1 mois »', () => {
    for (const a of all)
      for (const p of profiles)
        for (const date of ['2025-01-01', '2026-06-01'])
          for (const r of evaluateAid(a, ctx('fragile', { date }), p).reasons) {
            expect(r.text, a.id).toMatch(/^[A-ZÀ-Ý«].*[.»)]$/s);
            expect(r.text).not.toMatch(/\(s\)|les 1 mois|\u0001|\u0005/);
          }
  });
  it('décimales françaises : « 3,5 jours par semaine »', () => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('fragile'), { ...gp, daysPerWeek: 3.5 });
    expect(r.blocker).toBe('Exercer au moins 4 jours par semaine : non (3,5 jours par semaine).');
  });
  it('aucun « Jusqu\'à 0 € », même avant l\'ouverture d\'une aide', () => {
    for (const a of all)
      for (const date of ['2025-01-01', '2025-09-15', '2029-01-01']) expect(evaluateAid(a, ctx('fragile', { date })).amountText, a.id).not.toContain("Jusqu'à 0 €");
  });
  it.each([
    [0, '0 aide'],
    [1, '1 aide'],
    [2, '2 aides'],
    [1.5, '1,5 aide'],
  ])('pluriels par Intl.PluralRules : %s → « %s »', (n, text) => expect(count(n, 'aide', 'aides')).toBe(text));
  it('plural', () => expect(plural(3, 'ouverte', 'ouvertes')).toBe('ouvertes'));
  it.each([0, 7, 999, 1_000, 1_375, 79_851, 1_234_567, 9_007_199_254_740_991, -1_234, 12.6])('formatInteger(%s) écrit comme Intl fr-FR', (n) =>
    expect(formatInteger(n)).toBe(new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(n)),
  );
});

describe('moteur : une évaluation partagée entre communes aux mêmes faits', () => {
  it('deux communes de même classe : mêmes verdicts, chacune son nom et sa population dans les raisons', () => {
    const at = (nom: string, population: number) => ({ ...ctx('fragile'), commune: { code: '17000', nom, population } });
    const a = evaluateAids(cd17.catalogue.aids, at('Aulnay', 1_200), gp);
    const b = evaluateAids(cd17.catalogue.aids, at('Brizambourg', 5_000), gp);
    expect(reason(a.results.find((x) => x.id === 'cd17-fiche-08')!, 'est en zone')).toMatch(/^Aulnay est/);
    expect(reason(b.results.find((x) => x.id === 'cd17-fiche-08')!, 'est en zone')).toMatch(/^Brizambourg est/);
    expect(reason(a.results.find((x) => x.id === 'cd17-fiche-11')!, 'habitants')).toContain('(1\u202f200 habitants)');
    expect(reason(b.results.find((x) => x.id === 'cd17-fiche-11')!, 'habitants')).toContain('(5\u202f000 habitants)');
  });
  it.each(profilesForMemo())('chaque résultat de evaluateAids est celui de evaluateAid (%#)', (profile, zone, population) => {
    const c = { ...ctx(zone), commune: { code: '17000', nom: 'Testville', population } };
    for (const catalogue of [cd17.catalogue, mauges.catalogue]) {
      evaluateAids(catalogue.aids, { ...c, commune: { ...c.commune, nom: 'Autre' } }, profile); // fills the memo
      const e = evaluateAids(catalogue.aids, c, profile);
      const byId = new Map(catalogue.aids.map((x) => [x.id, x]));
      const nameOf = (id: string) => `« ${byId.get(id)!.title} » (${byId.get(id)!.ref})`;
      for (const r of e.results) expect(r).toEqual(evaluateAid(byId.get(r.id)!, { ...c, nameOf }, profile));
    }
  });
});

function profilesForMemo(): Array<[Profile, string, number]> {
  return [
    [{}, 'fragile', 900],
    [gp, 'tres-fragile', 4_500],
    [{ ...gp, otherAids: ['cd17-fiche-07'] }, 'intermediaire', 100],
    [{ beneficiary: 'commune', projectCost: 100_000, housingCost: 10 }, 'zip', 3_999],
    [{ beneficiary: 'interne', internshipStartDate: '2025-11-03', requestDate: '2026-02-01' }, 'hors-zonage', 10],
  ];
}

describe('raisons, engagements et échéances', () => {
  it('une zone non éligible dit pourquoi, en français, et à quelle date (sans zonage à d\'autres dates, celle du contexte)', () => {
    const r = evaluateAid(aid('cd17-fiche-08'), ctx('intermediaire'), gp);
    expect(r.blocker).toBe('Réservée aux zones fragiles et très fragiles ; Testville est en zone intermédiaire au 1er décembre 2026 (zonage de test).');
  });

  it('hors période : dit à partir de quand, ou jusqu\'à quand, et à quelle date', () => {
    expect(evaluateAid(aid('cd17-fiche-12'), ctx('fragile', { date: '2025-10-31' })).blocker).toBe("Pas encore ouverte au 31 octobre 2025 : elle l'est à partir du 1er janvier 2026.");
    expect(evaluateAid(aid('mauges-installation-kine'), ctx('sous-dotee', { date: '2028-10-01' })).blocker).toBe("Terminée au 1er octobre 2028 : elle était ouverte jusqu'au 30 septembre 2028.");
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

  it('fiches 8, 9 et 10 : ouvertes ensemble, le conflit est expliqué ; sans bénéficiaire, aucun total', () => {
    const e = evaluateAids(cd17.catalogue.aids, ctx('tres-fragile'), { projectCost: 200_000, antennas: 0 });
    expect(e.conflicts.map((c) => c.ids)).toEqual([
      ['cd17-fiche-08', 'cd17-fiche-09'],
      ['cd17-fiche-08', 'cd17-fiche-10'],
      ['cd17-fiche-09', 'cd17-fiche-10'],
      ['cd17-fiche-10', 'cd17-fiche-11'],
    ]);
    expect(e.conflicts[0].text).toContain('ne sont pas cumulables');
    expect(e.totalFor).toBeNull();
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
    expect(evaluateAid(revised, ctx('fragile', { date: '2026-12-31' }), { ...gp, requestDate: undefined }).amount).toBe(10_000);
    expect(evaluateAid(revised, ctx('fragile', { date: '2027-01-01' }), { ...gp, requestDate: undefined }).amount).toBe(12_000);
    expect(evaluateAid(revised, ctx('fragile', { date: '2027-03-01' }), { ...gp, eventDate: '2026-12-01', requestDate: '2026-12-20' }).amount).toBe(10_000);
  });
});

describe('Mauges : les zones du plan lues dans le zonage ARS de densité', () => {
  it('dites comme une interprétation citant le plan', () => {
    const dentist = evaluateAid(aid('mauges-installation-dentiste'), ctx('sous-dotee'));
    expect(dentist.reasons.find((r) => r.text.includes('zone éligible'))!.text).toContain(
      "Interprétation : le plan nomme les zones du zonage des médecins (« Installation pendant 5 ans minimum en Zone d'Action Complémentaire ou Zone d'intervention prioritaire »)",
    );
    const kine = evaluateAid(aid('mauges-installation-kine'), ctx('intermediaire'));
    expect(kine.reasons.find((r) => r.status === 'failed' && r.text.includes('Réservée'))!.text).toContain(
      'le plan dit « Installation pendant 5 ans minimum en zone sous dense ou très sous dense »',
    );
  });
});

describe('« Je suis… » : les questions qui comptent pour une personne', () => {
  it.each([
    // Only what the interne's aids read: the internship (fiche 7) and the dossier date.
    ['charente-maritime', 'interne', ['requestDate', 'internshipYear', 'internshipStartDate', 'internshipSemester', 'internshipEndDate']],
    // Fiche 8: status, mode, age, first installation or years in a non-priority zone (which also tell whether one
    // practises there now: not asked twice), days, PDSA, first day; fiche 6: the cost.
    ['charente-maritime', 'medecin', ['status', 'mode', 'age', 'firstInstallation', 'yearsInNonPriorityZone', 'daysPerWeek', 'pdsa', 'eventDate', 'requestDate', 'projectCost']],
    ['charente-maritime', 'infirmier', ['mode', 'ipaTraining', 'eventDate', 'requestDate']],
    ['charente-maritime', 'commune', ['eventDate', 'requestDate', 'projectCost', 'housingCost']],
    // No CD17 aid for a dentist: nothing to ask.
    ['charente-maritime', 'chirurgien-dentiste', []],
    ['mauges', 'interne', ['distanceKm']],
    ['mauges', 'masseur-kinesitherapeute', ['status', 'firstInstallation', 'cpam', 'pluriprofessional', 'eventDate', 'presenceShare']],
  ])('%s, %s', (territory, persona, fields) => {
    const aids = (territory === 'mauges' ? mauges : cd17).catalogue.aids;
    expect(relevantFields(aids, persona)).toEqual(fields);
  });

  it('sans personne choisie, toutes les questions de toutes les aides, jamais le bénéficiaire lui-même', () => {
    const all = relevantFields(cd17.catalogue.aids);
    expect(all).toEqual(expect.arrayContaining(['status', 'internshipStartDate', 'housingCost', 'antennas', 'ipaTraining']));
    expect(all).not.toContain('beneficiary');
    expect(all).not.toContain('otherAids');
    expect(all).not.toContain('distanceKm'); // only the withdrawn fiche 5 read it
  });
});

describe('« Je suis… » : les aides de la personne d\'abord, les aides financières à part', () => {
  const r = (id: string, beneficiaries: string[], kind: 'financiere' | 'accompagnement', eligible: AidResult['eligible'] = 'depends') =>
    ({ id, beneficiaries, kind, eligible }) as AidResult;
  const aids = (results: AidResult[], authority: string[] = []) =>
    results.map((x) => ({ id: x.id, beneficiaries: x.beneficiaries, kind: x.kind, ...(authority.includes(x.id) ? { audience: 'authority' } : {}) }) as unknown as ResolvedAid);
  const results = [
    r('carto', ['medecin', 'interne', 'commune'], 'accompagnement'),
    r('logement', ['commune'], 'financiere'),
    r('bourse', ['interne'], 'financiere'),
    r('installation', ['medecin'], 'financiere', 'yes'),
    r('formation', ['medecin'], 'financiere'),
    r('accueil', ['interne', 'medecin'], 'accompagnement'),
    r('ferme', ['interne'], 'financiere', 'no'),
  ];
  const shape = (persona?: string) =>
    arrangeForPersona(results, aids(results, ['carto']), persona).map((s) => [s.id, s.financial.map((x) => x.id), s.actions.map((x) => x.id)]);
  it.each([
    ['interne', [['persona', ['bourse'], ['accueil']], ['medecins', ['installation', 'formation'], []], ['structures', ['logement'], []]]],
    // Open aids before those that depend on the situation, then the plan's order.
    ['medecin', [['persona', ['installation', 'formation'], ['accueil']], ['etudiants', ['bourse'], []], ['structures', ['logement'], []]]],
    ['commune', [['persona', ['logement'], []], ['etudiants', ['bourse'], ['accueil']], ['medecins', ['installation', 'formation'], []]]],
    ['chirurgien-dentiste', [['etudiants', ['bourse'], ['accueil']], ['medecins', ['installation', 'formation'], []], ['structures', ['logement'], []]]],
    [undefined, [['etudiants', ['bourse'], ['accueil']], ['medecins', ['installation', 'formation'], []], ['structures', ['logement'], []]]],
  ])('%s', (persona, expected) => {
    expect(shape(persona)).toEqual(expected);
  });

  it('la fiche 1 (le travail du Département) n\'est pas une aide à demander', () => {
    const fiche1 = cd17.catalogue.aids.find((a) => a.ref === 'fiche 1')!;
    expect(isApplicable(fiche1)).toBe(false);
    expect(cd17.catalogue.aids.filter((a) => !isApplicable(a)).map((a) => a.ref)).toEqual(['fiche 1']);
    const all = evaluateAids(cd17.catalogue.aids, ctx('fragile')).results;
    const listed = arrangeForPersona(all, cd17.catalogue.aids, 'medecin').flatMap((s) => [...s.financial, ...s.actions]).map((x) => x.id);
    expect(listed).not.toContain(fiche1.id);
    expect(listed).toContain('cd17-fiche-08');
  });
});

// A commune the ARS file gives no class, or one class per part: the zonage cannot say no, the address decides.
describe('zonage sans classe ou selon la partie : à préciser', () => {
  const undetermined = (effective: string, words: string): AidContext => {
    const z: ZoneAt = { zonage: 'zonage ARS de test', effective, effectiveLabel: effective, base: effective, baseLabel: effective, undetermined: words };
    return { date: '2026-12-01', commune: { code: '49000', nom: 'Testville', population: 1000 }, zone: () => z };
  };
  const kine: Profile = { ...installing, beneficiary: 'masseur-kinesitherapeute', status: 'titulaire', presenceShare: 1 };
  const medecin: Profile = { ...installing, beneficiary: 'medecin', status: 'titulaire', presenceShare: 1 };
  it.each([
    ['mauges-installation-kine', 'sans-classe', "n'a pas de classe dans ce zonage (résultat non disponible)", kine],
    ['mauges-installation-medecin', 'parties', 'a des classes différentes selon la partie (A : zip ; B : hors zonage)', medecin],
  ] as const)('%s en %s → à préciser', (id, effective, words, profile) => {
    const r = evaluateAid(aid(id), undetermined(effective, words), profile);
    expect(r.eligible).toBe('depends');
    expect(r.reasons.find((x) => x.text.includes(words))?.status).toBe('unknown');
  });
  it('une classe ordinaire hors des zones reste un refus', () => {
    expect(evaluateAid(aid('mauges-installation-kine'), ctx('intermediaire'), kine).eligible).toBe('no');
  });
});
