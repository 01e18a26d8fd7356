// npm run generate:register — writes the EXAMPLE registers of dossiers (fictitious people, organisations
// and amounts), deterministically: data/territories/<id>/suivi/dossiers-exemple.csv. Each dossier is
// placed in a commune where the engine opens its aid at that date, for at most the engine's amount, so
// the example imports clean but for the few cases it shows on purpose (a late request, dossiers of the
// earlier fiches still under commitment). Labelled « Exemple — données fictives » wherever it shows.
import path from 'node:path';
import { communeContext } from '../src/core/aids/context.ts';
import { evaluateAid } from '../src/core/aids/evaluate.ts';
import { addDays, addMonths, periodEnd } from '../src/core/dates.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import type { Profile } from '../src/core/aids/profile.ts';
import { buildAidCatalogue } from './build-aids.ts';
import { buildZonageBundle } from './build-zonage.ts';
import { dataDir, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { normalizedRegister, type RegisterRow } from '../src/core/followup/register-file.ts';
import { random } from './lib/random.ts';

const int = (seed: string, lo: number, hi: number) => lo + Math.floor(random(seed) * (hi - lo + 1));
const dayIn = (seed: string, from: string, to: string) => addDays(from, int(seed, 0, Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000)));

// Fictitious names, recognisably so (the no-personal-data test looks for every one of them in dist/).
const FIRST = ['Alix', 'Bastien', 'Capucine', 'Dorian', 'Elsa', 'Fantin', 'Gaëlle', 'Hugo', 'Iris', 'Jules', 'Katell', 'Lénaïc', 'Maëlys', 'Noé', 'Ombeline', 'Pacôme', 'Quitterie', 'Romuald', 'Sixtine', 'Tristan'];
const LAST = ['Fictif-Marsan', 'Exemplaire', 'Imaginé-Durfort', 'Supposé', 'Fabulé-Lestang', 'Inventé', 'Feint-Rochemaure', 'Prétendu', 'Simulé-Arcy', 'Fictif-Bellerive'];

interface Plan {
  aid: string;
  kind: string;
  n: number;
  person: boolean;
  /** Profile fields the engine needs to price the aid. */
  profile?: (seed: string) => Profile;
  event?: (seed: string, received: string) => string;
  commitmentYears?: number;
  commitment?: string;
  units?: (seed: string) => number;
  /** Granted from the engine's amount (or ceiling). */
  share?: number;
}

const CD17: Plan[] = [
  { aid: 'cd17-fiche-03', kind: 'medecin', n: 9, person: true, event: (s, r) => addDays(r, -int(s, 3, 25)) },
  { aid: 'cd17-fiche-04', kind: 'commune', n: 5, person: false, profile: (s) => ({ housingCost: 40_000 + int(s, 0, 40) * 1000 }), event: (s, r) => addDays(r, int(s, 20, 120)), commitment: 'logement mis à disposition de professionnels de santé' },
  { aid: 'cd17-fiche-06', kind: 'commune', n: 4, person: false, profile: (s) => ({ projectCost: 28_000 + int(s, 0, 20) * 1000 }), units: (s) => int(s, 1, 2), commitment: 'accueil de docteurs juniors à partir de novembre 2026' },
  { aid: 'cd17-fiche-07', kind: 'interne', n: 8, person: true, profile: (s) => ({ internshipYear: int(s, 1, 3), internshipSemester: 1, internshipStartDate: '2025-11-03' }), commitmentYears: 4, commitment: "installation 4 ans en zone fragile ou très fragile à l'issue de l'internat" },
  { aid: 'cd17-fiche-08', kind: 'medecin', n: 15, person: true, event: (s, r) => addDays(r, -int(s, 5, 80)), commitmentYears: 5, commitment: 'exercer 5 ans dans la commune' },
  { aid: 'cd17-fiche-09', kind: 'centre-sante', n: 3, person: false, commitment: 'fonctionnement du centre de santé agréé par l\'ARS' },
  { aid: 'cd17-fiche-10', kind: 'commune', n: 4, person: false, profile: (s) => ({ projectCost: 300_000 + int(s, 0, 400) * 1000 }), commitment: 'locaux de la MSP à loyer modéré' },
  { aid: 'cd17-fiche-11', kind: 'commune', n: 5, person: false, profile: (s) => ({ projectCost: 45_000 + int(s, 0, 60) * 1000 }), commitment: 'chercher un médecin pour le cabinet' },
  { aid: 'cd17-fiche-12', kind: 'infirmier', n: 5, person: true, units: () => 1, share: 0 },
  { aid: 'cd17-fiche-13', kind: 'infirmier', n: 4, person: true, commitmentYears: 5, commitment: 'rester 5 ans en zone intermédiaire, fragile ou très fragile' },
  { aid: 'cd17-fiche-17', kind: 'medecin', n: 4, person: true, profile: (s) => ({ projectCost: 26_000 + int(s, 0, 20) * 1000 }), units: (s) => int(s, 1, 2), commitment: "accueil d'assistants médicaux" },
];

const MAUGES: Plan[] = [
  { aid: 'mauges-installation-medecin', kind: 'medecin', n: 4, person: true, profile: (s) => ({ status: random(s) < 0.7 ? 'titulaire' : 'collaborateur', presenceShare: 1 }), event: (s, r) => addDays(r, -int(s, 5, 40)), commitmentYears: 5, commitment: 'installation 5 ans minimum en ZIP ou ZAC' },
  { aid: 'mauges-installation-kine', kind: 'masseur-kinesitherapeute', n: 3, person: true, profile: () => ({ status: 'titulaire', presenceShare: 1 }), event: (s, r) => addDays(r, -int(s, 5, 40)), commitmentYears: 5, commitment: 'installation 5 ans minimum en zone sous-dense ou très sous-dense' },
  { aid: 'mauges-indemnite-deplacement', kind: 'interne', n: 4, person: true, profile: (s) => ({ distanceKm: int(s, 900, 5000) }), commitmentYears: 0, commitment: "participation à une rencontre d'information de Mauges Communauté" },
  { aid: 'mauges-indemnite-etudes-medecine', kind: 'interne', n: 3, person: true, commitment: 'exercer sur les communes zonées pendant une durée égale au versement' },
];

const LAST_DAY = '2026-11-27';
const STATUS_FLOW = ['recu', 'accorde', 'verse', 'verse', 'clos', 'refuse'] as const;

function generate(territoryId: string, plans: Plan[], from: string, to: string, prefix: string): RegisterRow[] {
  const territory = loadTerritories().find((t) => t.id === territoryId)!;
  const communes = territoryCommunes(loadCog(), territory).sort((a, b) => a.code.localeCompare(b.code));
  const { catalogue } = buildAidCatalogue(territoryId);
  const { bundle } = buildZonageBundle(territoryId);
  const rows: RegisterRow[] = [];
  let k = 0;
  for (const p of plans) {
    const aid = catalogue.aids.find((a) => a.id === p.aid)!;
    for (let i = 0; i < p.n; i++) {
      const seed = `${p.aid}/${i}`;
      const start = aid.validity.from && aid.validity.from > from ? aid.validity.from : from;
      const received = dayIn(`${seed}/r`, start, to);
      const event = p.event?.(`${seed}/e`, received) ?? null;
      const profile: Profile = { beneficiary: p.kind as Profile['beneficiary'], requestDate: received, ...(event ? { eventDate: event } : {}), ...(p.profile?.(seed) ?? {}) };
      // The first commune (from a seeded start) where the engine opens the aid.
      let found: { code: string; nom: string; amount: number | null } | undefined;
      for (let j = 0; j < communes.length && !found; j++) {
        const c = communes[(int(`${seed}/c`, 0, communes.length - 1) + j * 7) % communes.length];
        const r = evaluateAid(aid, communeContext(bundle, { code: c.code, nom: c.nom, population: c.population }, received), profile);
        if (r.eligible !== 'no') found = { code: c.code, nom: c.nom, amount: r.amount ?? r.ceiling };
      }
      if (!found) throw new Error(`${p.aid} : aucune commune ouverte au ${received}.`);
      // Late in the plan's life, dossiers are still in progress; a few are refused.
      let status: string = received > addMonths(to, -2) ? 'recu' : STATUS_FLOW[int(`${seed}/s`, 1, STATUS_FLOW.length - 1)];
      const most = found.amount ?? 1200; // fiche 12 sets no amount: a suitcase priced as requested
      const requested = p.share === 0 ? 1000 + int(`${seed}/m`, 0, 8) * 100 : most;
      // Nothing is dated after the register's last day: a step not yet reached leaves the dossier one step back.
      let decided = status === 'recu' ? null : dayIn(`${seed}/d`, addDays(received, 20), addDays(received, 75));
      if (decided && decided > LAST_DAY) [decided, status] = [null, 'recu'];
      const granted = status === 'recu' || status === 'refuse' ? null : requested;
      let convention = granted !== null ? dayIn(`${seed}/v`, addDays(decided!, 5), addDays(decided!, 30)) : null;
      if (convention && convention > LAST_DAY) convention = null;
      let paid = (status === 'verse' || status === 'clos') && convention ? dayIn(`${seed}/p`, addDays(convention, 10), addDays(convention, 60)) : null;
      if ((status === 'verse' || status === 'clos') && (!paid || paid > LAST_DAY)) [paid, status] = [null, 'accorde'];
      const person = p.person ? `${FIRST[int(`${seed}/f`, 0, FIRST.length - 1)]} ${LAST[(k + i) % LAST.length]}` : p.kind === 'commune' ? `Commune de ${found.nom}` : `Centre de santé fictif n° ${i + 1}`;
      const commitmentFrom = event ?? convention ?? received;
      rows.push({
        dossier: `${prefix}-${String(++k).padStart(3, '0')}`,
        aide: aid.ref.startsWith('fiche') ? aid.ref.split(' (')[0] : aid.id,
        beneficiaire_type: p.kind,
        beneficiaire: person,
        code_insee: found.code,
        date_reception: received,
        date_evenement: event ?? '',
        date_decision: decided ?? '',
        date_convention: convention ?? '',
        date_versement: paid ?? '',
        fin_engagement: granted !== null && p.commitmentYears !== undefined ? (p.commitmentYears ? periodEnd(commitmentFrom, p.commitmentYears * 12) : addMonths(received, int(`${seed}/x`, 12, 16))) : '',
        montant_demande: requested,
        montant_accorde: granted ?? '',
        montant_verse: paid ? Math.round(aid.amount.type === 'yearly' || aid.amount.type === 'schedule' || aid.amount.type === 'sum' ? requested / 3 : requested) : '',
        unites: p.units && granted !== null ? p.units(seed) : '',
        statut: status,
        engagement: p.commitment ?? '',
        notes: status === 'refuse' ? 'Exemple fictif : pièces manquantes après relance' : i % 4 === 0 ? `Exemple fictif : suivi par ${FIRST[(k * 3) % FIRST.length]} (agent)` : '',
      });
    }
  }
  return rows;
}

/** Cases shown on purpose: a request received after the deadline, dossiers of the earlier fiches still under commitment. */
function cd17Extras(rows: RegisterRow[]): void {
  const late = rows.find((r) => r.aide === 'fiche 8' && r.statut === 'recu') ?? rows.find((r) => r.aide === 'fiche 8')!;
  late.date_evenement = addMonths(String(late.date_reception), -4);
  late.notes = 'Exemple fictif : demande reçue plus de 3 mois après le premier jour d\'exercice';
  const left = rows.find((r) => r.aide === 'fiche 8' && r.statut === 'verse')!;
  left.statut = 'remboursement';
  left.notes = 'Exemple fictif : départ de la commune avant 5 ans, remboursement au prorata demandé';
  const earlier: Array<[string, string, string, number]> = [
    ['2021-06-14', '17306', 'fiche 8', 10000],
    ['2021-11-02', '17415', 'fiche 8', 10000],
    ['2022-03-21', '17092', 'fiche 8', 30000],
  ];
  earlier.forEach(([received, code, aide, amount], i) => {
    const decided = addDays(received, 40);
    rows.push({
      dossier: `CD17-ANT-${i + 1}`, aide, beneficiaire_type: 'medecin', beneficiaire: `${FIRST[(i * 7 + 3) % FIRST.length]} ${LAST[(i * 3 + 1) % LAST.length]}`,
      code_insee: code, date_reception: received, date_evenement: addDays(received, -30), date_decision: decided, date_convention: addDays(decided, 14),
      date_versement: addDays(decided, 45), fin_engagement: periodEnd(addDays(received, -30), 60), montant_demande: amount, montant_accorde: amount, montant_verse: amount,
      unites: '', statut: 'verse', engagement: 'exercer 5 ans dans la commune (fiches antérieures du Plan santé)', notes: "Exemple fictif : dossier des fiches antérieures, engagement en cours",
    });
  });
}

const cd17 = generate('charente-maritime', CD17, '2025-08-01', '2026-11-20', 'CD17-2025');
cd17Extras(cd17);
const mauges = generate('mauges', MAUGES, '2025-10-01', '2026-11-20', 'MAUGES');
for (const [id, rows] of [['charente-maritime', cd17], ['mauges', mauges]] as const) {
  const file = path.join(dataDir(), id, 'suivi', 'dossiers-exemple.csv');
  writeOutput(file, normalizedRegister(rows));
  console.log(`${path.relative(process.cwd(), file)} : ${rows.length} dossiers (exemple, données fictives).`);
}
