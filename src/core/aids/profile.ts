// The profile of a project (who applies, in what situation): the engine's input, the CLI's --profile
// file and the simulator's URL state. Every field is optional; a missing one makes a condition
// « à préciser » rather than failed.
import { addMonths, isIsoDate } from '../dates.ts';

export const BENEFICIARIES = [
  { id: 'medecin', label: 'Médecin généraliste', plural: 'médecins généralistes' },
  { id: 'interne', label: 'Interne en médecine générale', plural: 'internes en médecine générale' },
  { id: 'docteur-junior', label: 'Docteur junior', plural: 'docteurs juniors' },
  { id: 'etudiant-odontologie', label: 'Étudiant en odontologie', plural: 'étudiants en odontologie' },
  { id: 'etudiant-sante', label: 'Étudiant en santé', plural: 'étudiants en santé' },
  { id: 'chirurgien-dentiste', label: 'Chirurgien-dentiste', plural: 'chirurgiens-dentistes' },
  { id: 'masseur-kinesitherapeute', label: 'Masseur-kinésithérapeute', plural: 'masseurs-kinésithérapeutes' },
  { id: 'infirmier', label: 'Infirmier', plural: 'infirmiers' },
  { id: 'ipa', label: 'Infirmier en pratique avancée (IPA)', plural: 'infirmiers en pratique avancée' },
  { id: 'commune', label: 'Commune ou intercommunalité', plural: 'communes' },
  { id: 'etablissement-sante', label: 'Établissement public de santé', plural: 'établissements publics de santé' },
  { id: 'centre-sante', label: 'Centre de santé', plural: 'centres de santé' },
  { id: 'msp', label: 'Maison de santé pluriprofessionnelle (MSP)', plural: 'maisons de santé pluriprofessionnelles' },
  { id: 'lyceen', label: 'Lycéen', plural: 'lycéens' },
] as const;

export const STATUSES = [
  { id: 'titulaire', label: 'titulaire' },
  { id: 'collaborateur', label: 'collaborateur' },
  { id: 'associe', label: 'associé' },
  { id: 'assistant', label: 'assistant' },
  { id: 'adjoint', label: 'adjoint' },
  { id: 'remplacant', label: 'remplaçant' },
] as const;

export const MODES = [
  { id: 'liberal', label: 'libéral' },
  { id: 'salarie', label: 'salarié' },
] as const;

/** Where a nurse stands with the two-year IPA training (CD17 fiche 13). */
export const IPA_TRAINING = [
  { id: 'a-venir', label: 'entre en formation' },
  { id: 'en-cours', label: 'en formation' },
  { id: 'diplome', label: 'déjà diplômé' },
  { id: 'non', label: 'pas de formation' },
] as const;

export type Beneficiary = (typeof BENEFICIARIES)[number]['id'];

export interface Profile {
  beneficiary?: Beneficiary;
  status?: (typeof STATUSES)[number]['id'];
  mode?: (typeof MODES)[number]['id'];
  age?: number;
  /** First installation in the territory (CD17 fiche 8; « primo installation » in Mauges). */
  firstInstallation?: boolean;
  /** Practising, at the dossier date, in a non-priority zone of the département (CD17 fiche 8). */
  inNonPriorityZone?: boolean;
  yearsInNonPriorityZone?: number;
  daysPerWeek?: number;
  pdsa?: boolean;
  cpam?: boolean;
  /** Taking part in the local multi-professional dynamics (Mauges installation aids). */
  pluriprofessional?: boolean;
  ipaTraining?: (typeof IPA_TRAINING)[number]['id'];
  /** The first day of practice, of the internship or of the works, or the end of a training. */
  eventDate?: string;
  /** The day the dossier is received: it decides which fiches apply. */
  requestDate?: string;
  /** Year of internship (1–3; 4 is the docteur junior year). */
  internshipYear?: number;
  /** First day of the internship (semesters start in November and May), or the current semester. */
  internshipStartDate?: string;
  internshipSemester?: number;
  /** End of the third year of internship (not counting the docteur junior year). */
  internshipEndDate?: string;
  /** Kilometres travelled to the internship during the training year. */
  distanceKm?: number;
  /** Share of full time at the practice, 0–1. */
  presenceShare?: number;
  projectCost?: number;
  /** The cost of a housing operation (CD17 fiche 4), another operation than the practice's. */
  housingCost?: number;
  /** Antennas a centre de santé commits to open in fragile or very fragile zones (fiche 9). */
  antennas?: number;
  /** Ids of aids already granted. */
  otherAids?: string[];
}

type Kind = { type: 'enum'; values: readonly string[] } | { type: 'number'; min: number; max: number; integer?: boolean } | { type: 'boolean' } | { type: 'date' } | { type: 'ids' };

/** Each field, its French label (for messages and reasons) and its shape. */
export const PROFILE_FIELDS: Record<keyof Profile, { label: string; kind: Kind }> = {
  beneficiary: { label: 'bénéficiaire', kind: { type: 'enum', values: BENEFICIARIES.map((b) => b.id) } },
  status: { label: 'statut', kind: { type: 'enum', values: STATUSES.map((s) => s.id) } },
  mode: { label: "mode d'exercice", kind: { type: 'enum', values: MODES.map((m) => m.id) } },
  age: { label: 'âge', kind: { type: 'number', min: 15, max: 100, integer: true } },
  firstInstallation: { label: 'première installation', kind: { type: 'boolean' } },
  inNonPriorityZone: { label: 'exercice actuel en zone non prioritaire du département', kind: { type: 'boolean' } },
  yearsInNonPriorityZone: { label: "années d'exercice en zone non prioritaire", kind: { type: 'number', min: 0, max: 60 } },
  daysPerWeek: { label: "jours d'exercice par semaine", kind: { type: 'number', min: 0, max: 7 } },
  pdsa: { label: 'permanence des soins', kind: { type: 'boolean' } },
  cpam: { label: 'conventionnement CPAM', kind: { type: 'boolean' } },
  pluriprofessional: { label: 'inscription dans les dynamiques pluriprofessionnelles locales', kind: { type: 'boolean' } },
  ipaTraining: { label: 'formation en pratique avancée (IPA)', kind: { type: 'enum', values: IPA_TRAINING.map((t) => t.id) } },
  eventDate: { label: "date de l'événement (début d'exercice, de stage ou de travaux)", kind: { type: 'date' } },
  requestDate: { label: 'date de la demande (réception du dossier)', kind: { type: 'date' } },
  internshipYear: { label: "année d'internat", kind: { type: 'number', min: 1, max: 4, integer: true } },
  internshipStartDate: { label: "date de début de l'internat", kind: { type: 'date' } },
  internshipSemester: { label: "semestre d'internat en cours", kind: { type: 'number', min: 1, max: 8, integer: true } },
  internshipEndDate: { label: "date de fin de la 3e année d'internat (hors année de docteur junior)", kind: { type: 'date' } },
  distanceKm: { label: 'distance parcourue (km)', kind: { type: 'number', min: 0, max: 200_000 } },
  presenceShare: { label: 'temps de présence', kind: { type: 'number', min: 0, max: 1 } },
  projectCost: { label: "coût de l'opération (€)", kind: { type: 'number', min: 0, max: 100_000_000 } },
  housingCost: { label: "coût de l'opération de logement (€)", kind: { type: 'number', min: 0, max: 100_000_000 } },
  antennas: { label: 'antennes en zone fragile ou très fragile', kind: { type: 'number', min: 0, max: 50, integer: true } },
  otherAids: { label: 'aides déjà obtenues', kind: { type: 'ids' } },
};

export const isProfileField = (k: string): k is keyof Profile => Object.hasOwn(PROFILE_FIELDS, k);

/**
 * Questions answered by another one, so the simulator does not ask them twice (deriveProfile fills them):
 * years of practice in a non-priority zone, 0 when not practising there, tell whether one practises there
 * now (fiche 8: « exerçants en zone non prioritaire … depuis moins de 10 ans »).
 */
export const ANSWERED_BY: Partial<Record<keyof Profile, keyof Profile>> = { inNonPriorityZone: 'yearsInNonPriorityZone' };

/** Checks one raw value (from JSON or a URL) and returns it typed, or a French problem. */
function checkField(key: keyof Profile, value: unknown): { value?: unknown; problem?: string } {
  const { label, kind } = PROFILE_FIELDS[key];
  const bad = (what: string) => ({ problem: `« ${key} » (${label}) : ${what}.` });
  switch (kind.type) {
    case 'enum':
      return typeof value === 'string' && kind.values.includes(value) ? { value } : bad(`valeur « ${String(value)} » inconnue ; valeurs possibles : ${kind.values.join(', ')}`);
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'oui' || value === 'true') return { value: true };
      if (value === 'non' || value === 'false') return { value: false };
      return bad('oui ou non attendu');
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value.replace(',', '.')) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad(`nombre attendu, « ${String(value)} » lu`);
      if (kind.integer && !Number.isInteger(n)) return bad('nombre entier attendu');
      if (n < kind.min || n > kind.max) return bad(`doit être compris entre ${kind.min} et ${kind.max}`);
      return { value: n };
    }
    case 'date':
      return isIsoDate(value) ? { value } : bad(`date AAAA-MM-JJ attendue, « ${String(value)} » lu`);
    case 'ids': {
      const list = typeof value === 'string' ? value.split(',').filter(Boolean) : value;
      return Array.isArray(list) && list.every((x) => typeof x === 'string' && /^[a-z0-9-]{1,60}$/.test(x)) ? { value: list } : bad("liste d'identifiants d'aides attendue");
    }
  }
}

/** A profile from JSON (CLI file) or from URL parameters: valid fields kept, every problem named. */
export function parseProfile(raw: unknown): { profile: Profile; problems: string[] } {
  const profile: Record<string, unknown> = {};
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { profile, problems: ['le profil doit être un objet JSON ({ "beneficiary": "medecin", … }).'] };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null || value === '') continue;
    if (!isProfileField(key)) {
      problems.push(`champ « ${key} » inconnu (champs possibles : ${Object.keys(PROFILE_FIELDS).join(', ')}).`);
      continue;
    }
    const r = checkField(key, value);
    if (r.problem) problems.push(r.problem);
    else profile[key] = r.value;
  }
  return { profile: profile as Profile, problems };
}

/** URL parameters for a profile (the simulator's shareable state), in the fields' order. */
export function profileToParams(profile: Profile): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PROFILE_FIELDS) as Array<keyof Profile>) {
    const v = profile[key];
    if (v === undefined) continue;
    params.set(key, Array.isArray(v) ? v.join(',') : String(v));
  }
  return params;
}

export const profileFromParams = (params: URLSearchParams) => parseProfile(Object.fromEntries(params));

/** Months from one ISO date to a later one, counting whole months (1 November → 1 May = 6). */
function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** The semester an internship started on `start` is in at `date` (1 = first six months), or undefined
 * before it starts. */
export function semesterAt(start: string, date: string): number | undefined {
  if (date < start) return undefined;
  return Math.floor(monthsBetween(start, date) / 6) + 1;
}

/** The first day of the current semester, given the internship's start. */
export const semesterStart = (start: string, semester: number): string => addMonths(start, (semester - 1) * 6);

/** Facts that follow from others, filled in once before the aids read the profile: the year and
 * semester of internship from its start date (at the dossier date), and a qualified IPA's training. */
export function deriveProfile(profile: Profile, date: string): Profile {
  const p: Profile = { ...profile };
  if (p.internshipSemester === undefined && p.internshipStartDate) p.internshipSemester = semesterAt(p.internshipStartDate, date);
  if (p.internshipYear === undefined && p.internshipSemester !== undefined) p.internshipYear = Math.min(4, Math.ceil(p.internshipSemester / 2));
  // An infirmier en pratique avancée has completed the training.
  if (p.beneficiary === 'ipa' && p.ipaTraining === undefined) p.ipaTraining = 'diplome';
  // ANSWERED_BY: some years there means practising there now; an explicit answer is kept.
  if (p.inNonPriorityZone === undefined && p.yearsInNonPriorityZone !== undefined) p.inNonPriorityZone = p.yearsInNonPriorityZone > 0;
  return p;
}

export const beneficiaryLabel = (id: string) => BENEFICIARIES.find((b) => b.id === id)?.label ?? id;
export const beneficiaryPlural = (id: string) => BENEFICIARIES.find((b) => b.id === id)?.plural ?? id;

/** How aids are grouped for people: by who applies (an aid goes with its first beneficiary). */
export const BENEFICIARY_GROUPS = [
  { id: 'etudiants', label: 'Pour les étudiants et les internes', members: ['interne', 'docteur-junior', 'etudiant-odontologie', 'etudiant-sante', 'lyceen'] },
  { id: 'medecins', label: 'Pour les médecins généralistes', members: ['medecin'] },
  { id: 'professionnels', label: 'Pour les autres professionnels de santé', members: ['chirurgien-dentiste', 'masseur-kinesitherapeute', 'infirmier', 'ipa'] },
  { id: 'structures', label: 'Pour les communes et les structures de soins', members: ['commune', 'etablissement-sante', 'centre-sante', 'msp'] },
] as const;

export const groupOf = (beneficiaries: readonly string[]) =>
  BENEFICIARY_GROUPS.find((g) => (g.members as readonly string[]).includes(beneficiaries[0])) ?? BENEFICIARY_GROUPS[BENEFICIARY_GROUPS.length - 1];
