// An aid is data (data/territories/<id>/aides/*.json): who can get it, where, on what conditions, how
// much, with what commitments and deadlines, from when to when, with what it cumulates, and the
// sentence of the plan that says so. One engine (engine.ts) reads them all; adding an aid is
// adding a file. Amounts may be dated like OpenFisca parameters: { "2025-08-01": 10000 }.
import { isIsoDate } from '../dates.ts';
import type { Plan } from '../territory.ts';
import { BENEFICIARIES, ANSWERED_BY, PROFILE_FIELDS, STATUSES, type Beneficiary, type Profile } from './profile.ts';

/** A number, or its values by date of effect (the latest date on or before the evaluation date applies). */
export type Dated = number | Record<string, number>;

export type Amount = (
  | { type: 'fixed'; value: Dated; byStatus?: Record<string, Dated>; prorata?: 'presenceShare' }
  | { type: 'byClass'; values: Record<string, Dated> }
  | { type: 'monthly'; perMonth: Dated; months: number }
  | { type: 'schedule'; perMonthByYear: Record<string, Dated>; monthsPerYear: number }
  | { type: 'perKm'; rate: Dated; cap: Dated }
  /** A share of an operation's cost: `cost` names the profile field that holds it (projectCost by default). */
  | { type: 'shareOfCost'; share: number; cap?: Dated; cost?: CostField }
  | { type: 'yearly'; perYear: Dated; years?: number }
  | { type: 'sum'; parts: Amount[] }
  | { type: 'none' }
  | { type: 'unspecified' }
) & { note?: string };

/** Profile fields that hold the cost of an operation: one operation, one cost. */
export type CostField = 'projectCost' | 'housingCost';
export const COST_FIELDS: CostField[] = ['projectCost', 'housingCost'];

export type Operator = '=' | 'in' | '<' | '<=' | '>' | '>=';

/** A condition on a profile field or on the commune (« commune.population »). */
export interface FieldCondition {
  field: keyof Profile | 'commune.population';
  op: Operator;
  value: string | number | boolean | string[] | number[];
  /** The requirement in plain French, as a person reads it (« exercer en libéral »). */
  text: string;
  quote?: string;
}

/** Every one of these conditions (a branch of an « any »: in a non-priority zone AND for less than 10 years). */
export interface AllCondition {
  all: FieldCondition[];
  text: string;
}

export interface AnyCondition {
  any: Array<FieldCondition | AllCondition>;
  text: string;
  quote?: string;
}

export type Condition = FieldCondition | AnyCondition;

/** Where the aid applies: communes of these effective classes in the zonage of that profession. */
export interface ZoneCondition {
  profession: string;
  classes: string[];
  /** The classes in words, as in « réservée aux zones fragiles et très fragiles ». */
  text: string;
  /** Other classes admitted on a further condition (fiche 9: non prioritaire with two antennas). */
  exception?: { classes: string[]; condition: FieldCondition };
  quote?: string;
  /** When the plan names zones the zonage does not have: how they were read, quoting the plan (said in the reasons). */
  interpretation?: string;
}

export interface Deadline {
  label: string;
  /** The profile date the deadline counts from, and what it is in words. */
  from: 'eventDate' | 'internshipEndDate';
  event: string;
  /** Within `months` after the event (« au plus tard N mois après » closes N months after it), or strictly before it. */
  months?: number;
  before?: boolean;
  /** The profile date that must meet the deadline (a request). */
  check?: 'requestDate';
}

export interface Commitment {
  text: string;
  /** Duration counted from the profile's eventDate, when it is one. */
  years?: number;
  /** 'installation': counted from a future installation the profile does not date (CD17 fiche 7). */
  from?: 'eventDate' | 'installation';
  quote?: string;
}

export interface Cumulation {
  /** Aids that cannot be combined with this one. */
  exclusive?: string[];
  /** Aids not combined with this one for one project by a reading of the plan, said as « interprétation » (fiche 11 is « une alternative aux Maisons de Santé Pluri-professionnelles »). */
  alternative?: { ids: string[]; text: string; quote: string };
  /** Aids the plan says explicitly it cumulates with. */
  cumulable?: string[];
  /** When combined with another aid, the commitment becomes longer. */
  combined?: Array<{ with: string; commitmentYears: number; quote: string }>;
  quote?: string;
}

export interface AidSource {
  plan: string;
  ref: string;
  quote: string;
}

export interface Aid {
  id: string;
  title: string;
  /** The plan's id in territory.json. */
  plan: string;
  ref: string;
  kind: 'financiere' | 'accompagnement';
  /** 'authority': the authority's own work (CD17 fiche 1, the zonage), listed in the plan but not an aid
   * anyone applies for; 'applicants' (the default) otherwise. */
  audience?: 'applicants' | 'authority';
  /** How to apply, where the plan says it (who files, what to provide), with the plan's sentence. Without
   * `provide`, the plan does not say what to provide. */
  apply?: { steps?: string[]; provide?: string[]; quote: string };
  beneficiaries: Beneficiary[];
  summary: string;
  quote: string;
  /** Defaults to the plan's validity; `quote` cites the sentence that dates the aid; `earlier` says what a
   * dossier received before the plan's start falls under (« relève des fiches antérieures »). */
  validity?: { from?: string; until?: string; quote?: string; earlier?: string };
  /** The plan withdrew this action (CD17 fiche 5): never offered, the quote says so. */
  withdrawn?: { text: string; quote: string };
  /** Beneficiaries admitted by a reading of the plan (docteurs juniors as internes), with that reading. */
  beneficiaryNotes?: Partial<Record<Beneficiary, string>>;
  zone?: ZoneCondition;
  /** When the zone is judged: at the dossier date by default; 'eve-of-event' on the day before the
   * profile's eventDate (an installing doctor's own arrival does not take the class away, fiche 1);
   * 'installation' for a future installation: a commune not eligible today does not refuse the aid. */
  zoneDate?: { rule: 'eve-of-event' | 'installation'; text: string; quote: string };
  conditions: Condition[];
  amount: Amount;
  commitments: Commitment[];
  deadlines: Deadline[];
  /** A beneficiary gets it once (an id listed in otherAids refuses it). */
  once?: boolean;
  cumulation?: Cumulation;
}

/** An aid as the app reads it (public/data/<id>/aides.json): the plan's title and validity resolved. */
export interface ResolvedAid extends Aid {
  source: AidSource;
  /** `planFrom`: the plan's own start, before which `earlier` applies. */
  validity: { from?: string; until?: string; quote?: string; earlier?: string; planFrom?: string };
}

/** How to reach the authority behind a plan, as the plan prints it. */
export interface PlanContact {
  name: string;
  phone?: string;
  email?: string;
  /** The authority's site, when the plan prints no contact. */
  url?: string;
  source: string;
}

/** A territory's catalogue as built into public/data/<id>/aides.json. */
export interface AidCatalogue {
  territory: string;
  plans: Array<Pick<Plan, 'id' | 'title' | 'reference' | 'validFrom' | 'validUntil' | 'cumulation'> & { contact?: PlanContact }>;
  aids: ResolvedAid[];
}

const OPERATORS: Operator[] = ['=', 'in', '<', '<=', '>', '>='];
const AMOUNT_TYPES = ['fixed', 'byClass', 'monthly', 'schedule', 'perKm', 'shareOfCost', 'yearly', 'sum', 'none', 'unspecified'];

/** Validates one aid file; every problem names the file and the field, in French. */
export function parseAid(raw: unknown, file: string, plans: Array<{ id: string }>): { aid?: Aid; problems: string[] } {
  const problems: string[] = [];
  const fail = (field: string, message: string) => problems.push(`${file}, champ « ${field} » : ${message}`);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [`${file} : un objet JSON est attendu.`] };
  const a = raw as Record<string, unknown>;
  const text = (field: string, required = true) => {
    const v = a[field];
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || !v.trim()) fail(field, 'texte obligatoire.');
  };
  if (typeof a.id !== 'string' || !/^[a-z0-9-]{3,60}$/.test(a.id)) fail('id', 'identifiant en minuscules, chiffres et tirets attendu.');
  for (const f of ['title', 'ref', 'summary', 'quote']) text(f);
  if (!plans.some((p) => p.id === a.plan)) fail('plan', `plan « ${String(a.plan)} » inconnu dans territory.json (${plans.map((p) => p.id).join(', ')}).`);
  if (a.kind !== 'financiere' && a.kind !== 'accompagnement') fail('kind', '« financiere » ou « accompagnement » attendu.');
  const known = BENEFICIARIES.map((b) => b.id as string);
  if (!Array.isArray(a.beneficiaries) || !a.beneficiaries.length || a.beneficiaries.some((b) => !known.includes(b)))
    fail('beneficiaries', `liste non vide parmi : ${known.join(', ')}.`);
  if (a.audience !== undefined && a.audience !== 'applicants' && a.audience !== 'authority') fail('audience', '« applicants » ou « authority » attendu.');
  const apply = a.apply as Aid['apply'];
  if (apply !== undefined) {
    if (typeof apply?.quote !== 'string' || !apply.quote.trim()) fail('apply.quote', 'la phrase du plan est obligatoire.');
    for (const k of ['steps', 'provide'] as const)
      if (apply?.[k] !== undefined && (!Array.isArray(apply[k]) || !apply[k].length || apply[k].some((x) => typeof x !== 'string' || !x.trim()))) fail(`apply.${k}`, 'liste de textes non vide attendue.');
  }
  const validity = a.validity as { from?: unknown; until?: unknown } | undefined;
  if (validity !== undefined) {
    for (const k of ['from', 'until'] as const) if (validity[k] !== undefined && !isIsoDate(validity[k])) fail(`validity.${k}`, 'date AAAA-MM-JJ attendue.');
    if (isIsoDate(validity.from) && isIsoDate(validity.until) && validity.from > validity.until) fail('validity', 'la date de début suit la date de fin.');
  }
  const withdrawn = a.withdrawn as Aid['withdrawn'];
  if (withdrawn !== undefined && (typeof withdrawn?.text !== 'string' || typeof withdrawn?.quote !== 'string')) fail('withdrawn', '« text » et « quote » attendus.');
  const zoneDate = a.zoneDate as Aid['zoneDate'];
  if (zoneDate !== undefined && (!['eve-of-event', 'installation'].includes(zoneDate?.rule) || typeof zoneDate.text !== 'string' || typeof zoneDate.quote !== 'string'))
    fail('zoneDate', '« rule » (« eve-of-event » ou « installation »), « text » et « quote » attendus.');
  for (const [b, note] of Object.entries((a.beneficiaryNotes as Record<string, unknown>) ?? {}))
    if (!(a.beneficiaries as string[] | undefined)?.includes(b) || typeof note !== 'string') fail(`beneficiaryNotes.${b}`, 'texte attendu pour un bénéficiaire de la liste « beneficiaries ».');
  const zone = a.zone as ZoneCondition | undefined;
  if (zone !== undefined) {
    if (typeof zone.profession !== 'string' || !Array.isArray(zone.classes) || !zone.classes.length || typeof zone.text !== 'string')
      fail('zone', '« profession », « classes » (liste non vide) et « text » attendus.');
    if (zone.exception) checkCondition(zone.exception.condition, 'zone.exception.condition', fail);
    if (zone.interpretation !== undefined && typeof zone.interpretation !== 'string') fail('zone.interpretation', 'texte attendu.');
  }
  if (!Array.isArray(a.conditions)) fail('conditions', 'liste attendue (éventuellement vide).');
  else
    a.conditions.forEach((c: Condition, i: number) => {
      if (c && 'any' in c) {
        if (!Array.isArray(c.any) || !c.any.length || typeof c.text !== 'string') fail(`conditions[${i}]`, '« any » (liste) et « text » attendus.');
        else
          c.any.forEach((x, j) => {
            if (x && 'all' in x) {
              if (!Array.isArray(x.all) || !x.all.length || typeof x.text !== 'string') fail(`conditions[${i}].any[${j}]`, '« all » (liste) et « text » attendus.');
              else x.all.forEach((y, k) => checkCondition(y, `conditions[${i}].any[${j}].all[${k}]`, fail));
            } else checkCondition(x, `conditions[${i}].any[${j}]`, fail);
          });
      } else checkCondition(c, `conditions[${i}]`, fail);
    });
  checkAmount(a.amount, 'amount', fail);
  if (!Array.isArray(a.commitments) || a.commitments.some((c: Commitment) => typeof c?.text !== 'string')) fail('commitments', 'liste de { text, years?, from? } attendue.');
  else a.commitments.forEach((c: Commitment, i: number) => c.from !== undefined && c.from !== 'eventDate' && c.from !== 'installation' && fail(`commitments[${i}].from`, '« eventDate » ou « installation » attendu.'));
  if (!Array.isArray(a.deadlines)) fail('deadlines', 'liste attendue (éventuellement vide).');
  else
    a.deadlines.forEach((d: Deadline, i: number) => {
      if (!d || typeof d.label !== 'string' || typeof d.event !== 'string') fail(`deadlines[${i}]`, '« label » et « event » attendus.');
      else if (d.from !== 'eventDate' && d.from !== 'internshipEndDate') fail(`deadlines[${i}].from`, '« eventDate » ou « internshipEndDate » attendu.');
      else if (d.months === undefined && !d.before) fail(`deadlines[${i}]`, '« months » ou « before » attendu.');
    });
  return problems.length ? { problems } : { aid: a as unknown as Aid, problems };
}

function checkCondition(c: FieldCondition, at: string, fail: (field: string, message: string) => void) {
  if (!c || typeof c !== 'object') return fail(at, 'condition attendue.');
  if (c.field !== 'commune.population' && !Object.hasOwn(PROFILE_FIELDS, c.field)) fail(`${at}.field`, `champ « ${String(c.field)} » inconnu du profil.`);
  if (!OPERATORS.includes(c.op)) fail(`${at}.op`, `opérateur parmi ${OPERATORS.join(' ')} attendu.`);
  if (c.op === 'in' && !Array.isArray(c.value)) fail(`${at}.value`, "liste attendue avec l'opérateur « in ».");
  if (c.field === 'status' && Array.isArray(c.value) && c.value.some((v) => !STATUSES.some((s) => s.id === v))) fail(`${at}.value`, 'statut inconnu.');
  if (typeof c.text !== 'string' || !c.text) fail(`${at}.text`, 'texte de la condition obligatoire.');
}

function checkDated(v: unknown, at: string, fail: (field: string, message: string) => void) {
  if (typeof v === 'number' && v >= 0) return;
  if (v && typeof v === 'object' && Object.keys(v).length && Object.entries(v).every(([d, n]) => isIsoDate(d) && typeof n === 'number' && n >= 0)) return;
  fail(at, 'montant (nombre) ou montants datés { "AAAA-MM-JJ": nombre } attendus.');
}

function checkAmount(m: unknown, at: string, fail: (field: string, message: string) => void) {
  const a = m as Amount;
  if (!a || !AMOUNT_TYPES.includes(a.type)) return fail(`${at}.type`, `modèle de montant parmi ${AMOUNT_TYPES.join(', ')} attendu.`);
  switch (a.type) {
    case 'fixed':
      checkDated(a.value, `${at}.value`, fail);
      for (const [s, v] of Object.entries(a.byStatus ?? {})) checkDated(v, `${at}.byStatus.${s}`, fail);
      break;
    case 'byClass':
      for (const [k, v] of Object.entries(a.values ?? {})) checkDated(v, `${at}.values.${k}`, fail);
      break;
    case 'monthly':
      checkDated(a.perMonth, `${at}.perMonth`, fail);
      if (!Number.isInteger(a.months)) fail(`${at}.months`, 'nombre de mois attendu.');
      break;
    case 'schedule':
      for (const [y, v] of Object.entries(a.perMonthByYear ?? {})) checkDated(v, `${at}.perMonthByYear.${y}`, fail);
      if (!Number.isInteger(a.monthsPerYear)) fail(`${at}.monthsPerYear`, 'nombre de mois attendu.');
      break;
    case 'perKm':
      checkDated(a.rate, `${at}.rate`, fail);
      checkDated(a.cap, `${at}.cap`, fail);
      break;
    case 'shareOfCost':
      if (!(a.share > 0 && a.share <= 1)) fail(`${at}.share`, 'part entre 0 et 1 attendue.');
      if (a.cap !== undefined) checkDated(a.cap, `${at}.cap`, fail);
      if (a.cost !== undefined && !COST_FIELDS.includes(a.cost)) fail(`${at}.cost`, `champ de coût parmi ${COST_FIELDS.join(', ')} attendu.`);
      break;
    case 'yearly':
      checkDated(a.perYear, `${at}.perYear`, fail);
      break;
    case 'sum':
      if (!Array.isArray(a.parts) || !a.parts.length) fail(`${at}.parts`, 'liste de montants attendue.');
      else a.parts.forEach((p, i) => checkAmount(p, `${at}.parts[${i}]`, fail));
      break;
  }
}

/** Whether people apply for the aid (not the authority's own work, like the zonage of CD17 fiche 1). */
export const isApplicable = (aid: Pick<Aid, 'audience'>) => aid.audience !== 'authority';

/** The profile fields an amount reads. */
function amountFields(m: Amount): Array<keyof Profile> {
  switch (m.type) {
    case 'fixed':
      return [...(m.byStatus ? (['status'] as const) : []), ...(m.prorata ? [m.prorata] : [])];
    case 'shareOfCost':
      return [m.cost ?? 'projectCost'];
    case 'perKm':
      return ['distanceKm'];
    case 'schedule':
      return ['internshipStartDate', 'internshipSemester', 'internshipYear'];
    case 'sum':
      return m.parts.flatMap(amountFields);
    default:
      return [];
  }
}

/**
 * The questions that matter for one person: the profile fields read by the conditions, zone exceptions,
 * deadlines, commitments and amounts of the aids open to that beneficiary (every aid without one), in the
 * profile's order. The beneficiary itself and the aids already granted are asked apart.
 */
export function relevantFields(aids: Aid[], beneficiary?: string): Array<keyof Profile> {
  const used = new Set<keyof Profile>();
  for (const a of aids) {
    if (a.withdrawn || !isApplicable(a) || (beneficiary && !(a.beneficiaries as string[]).includes(beneficiary))) continue;
    // The dossier date decides which fiches apply (« dossiers reçus à compter du 1er août 2025 »).
    if (a.validity?.earlier) used.add('requestDate');
    const fields = (c: Condition): FieldCondition[] => ('any' in c ? c.any.flatMap((b) => ('all' in b ? b.all : [b])) : [c]);
    for (const c of a.conditions) for (const x of fields(c)) if (x.field !== 'commune.population') used.add(x.field);
    if (a.zone?.exception && a.zone.exception.condition.field !== 'commune.population') used.add(a.zone.exception.condition.field);
    if (a.zoneDate?.rule === 'eve-of-event') used.add('eventDate');
    for (const d of a.deadlines) {
      used.add(d.from);
      if (d.check) used.add(d.check);
    }
    for (const c of a.commitments) if (c.years !== undefined && c.from !== 'installation') used.add('eventDate');
    for (const f of amountFields(a.amount)) used.add(f);
  }
  // A question answered by another one asked is not asked (ANSWERED_BY).
  const answered = (k: keyof Profile) => used.has(ANSWERED_BY[k] as keyof Profile);
  return (Object.keys(PROFILE_FIELDS) as Array<keyof Profile>).filter((k) => k !== 'beneficiary' && k !== 'otherAids' && used.has(k) && !answered(k));
}

/** The value in force at a date, or undefined before the first date of effect. */
export function valueAt(v: Dated, date: string): number | undefined {
  if (typeof v === 'number') return v;
  const dates = Object.keys(v).filter((d) => d <= date).sort();
  return dates.length ? v[dates[dates.length - 1]] : undefined;
}

/** The plan's amount at a date; before its first date of effect, the first one (a retroactive month,
 * or an aid shown before it opens, is priced at the plan's amount, never at 0 €). */
export function planValue(v: Dated, date: string): number {
  if (typeof v === 'number') return v;
  const at = valueAt(v, date);
  return at ?? v[Object.keys(v).sort()[0]];
}

/** Validity of an aid, falling back to its plan's. */
export function resolveAid(aid: Aid, plan: { title: string; validFrom?: string; validUntil?: string }): ResolvedAid {
  return {
    ...aid,
    source: { plan: plan.title, ref: aid.ref, quote: aid.quote },
    validity: { ...aid.validity, from: aid.validity?.from ?? plan.validFrom, until: aid.validity?.until ?? plan.validUntil, planFrom: plan.validFrom },
  };
}
