// One engine for every aid: for a commune, a date and a profile, each aid says whether it is open
// (yes / no / depends), how much, with what commitments and deadlines, and why — one reason per
// condition, met, failed or still to be specified, each saying which date it used. Conditions are
// read through one table of tests (by operator), never one `if` per aid.
import { addDays, addMonths, periodEnd } from '../dates.ts';
import { formatDate, formatInteger, formatNumber, plural } from '../format.ts';
import { BENEFICIARY_GROUPS, IPA_TRAINING, MODES, PROFILE_FIELDS, STATUSES, beneficiaryLabel, groupOf, beneficiaryPlural, deriveProfile, semesterStart, type Profile } from './profile.ts';
import { isApplicable, planValue, type ResolvedAid } from './model.ts';
import type { AllCondition, Amount, Condition, CostField, FieldCondition } from './schema.ts';
import type { ZonageBundle } from '../zonage/bundle.ts';
import { zoneResolver, type ZoneAt } from '../zonage/resolver.ts';

type ZoneLookup = (profession: string) => ZoneAt | undefined;

export interface AidContext {
  /** The date of the project: the dossier date when the profile gives no request date. */
  date: string;
  commune: { code: string; nom: string; population: number | null };
  /** The commune's classes at `date`. */
  zone: ZoneLookup;
  /** The commune's classes at another date (the dossier's, the eve of an installation). Without it,
   * zones are read at `date` and the reasons say so. */
  zoneOn?: (date: string) => ZoneLookup;
  /** How to name another aid in a reason (« Aide à l'installation… (fiche 8) »); its id otherwise. */
  nameOf?: (id: string) => string;
}

// A territory's effective zonage at a date, computed once per bundle and date (the simulator asks again
// at every keystroke).
const resolverCache = new WeakMap<ZonageBundle, Map<string, ReturnType<typeof zoneResolver>>>();
function resolverOn(bundle: ZonageBundle, date: string) {
  let byDate = resolverCache.get(bundle);
  if (!byDate) resolverCache.set(bundle, (byDate = new Map()));
  let r = byDate.get(date);
  if (!r) {
    if (byDate.size > 50) byDate.clear();
    byDate.set(date, (r = zoneResolver(bundle, date)));
  }
  return r;
}

/** The context of a commune from a territory's zonage, able to read its classes at any date (the
 * dossier's, the eve of an installation). */
export function communeContext(bundle: ZonageBundle, commune: AidContext['commune'], date: string): AidContext {
  const zoneOn = (d: string) => resolverOn(bundle, d)(commune.code);
  return { date, commune, zone: zoneOn(date), zoneOn };
}

export type Status = 'met' | 'failed' | 'unknown';
export interface Reason {
  status: Status;
  text: string;
}

export interface AidResult {
  id: string;
  title: string;
  kind: ResolvedAid['kind'];
  beneficiaries: string[];
  summary: string;
  source: ResolvedAid['source'];
  eligible: 'yes' | 'no' | 'depends';
  /** In euros; null when it depends on missing profile fields (or the aid is not financial). */
  amount: number | null;
  /** The most it can be, when bounded. */
  ceiling: number | null;
  amountText: string;
  commitments: Array<{ text: string; until: string | null }>;
  deadlines: Array<{ label: string; date: string | null; text: string }>;
  reasons: Reason[];
  /** What first makes it unavailable, when something does (validity, zone, beneficiary…). */
  blocker?: string;
}

const euroCache = new Map<number, string>();
export function euros(n: number): string {
  let s = euroCache.get(n);
  if (s === undefined) {
    s = `${Number.isInteger(n) ? formatInteger(n) : n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
    if (euroCache.size > 10_000) euroCache.clear();
    euroCache.set(n, s);
  }
  return s;
}

const AND = new Intl.ListFormat('fr-FR', { type: 'conjunction' });
const round = (n: number) => Math.round(n * 100) / 100;
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// ---- Field values in words ------------------------------------------------------------------------

function show(field: string, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v)) return v.map((x) => show(field, x)).join(', ') || 'aucune';
  const n = Number(v);
  switch (field) {
    case 'age':
      return `${formatNumber(n)} ans`;
    case 'daysPerWeek':
      return `${formatNumber(n)} ${plural(n, 'jour', 'jours')} par semaine`;
    case 'presenceShare':
      return `${formatNumber(n * 100)} %`;
    case 'yearsInNonPriorityZone':
      return `${formatNumber(n)} ${plural(n, 'an', 'ans')}`;
    case 'internshipYear':
      return n === 1 ? '1re année' : `${n}e année`;
    case 'internshipSemester':
      return n === 1 ? '1er semestre' : `${n}e semestre`;
    case 'commune.population':
      return POP; // the commune's, put back in by named()
    case 'projectCost':
    case 'housingCost':
      return euros(n);
    case 'distanceKm':
      return `${formatNumber(n)} km`;
    case 'status':
      return STATUSES.find((s) => s.id === v)?.label ?? String(v);
    case 'mode':
      return MODES.find((m) => m.id === v)?.label ?? String(v);
    case 'ipaTraining':
      return IPA_TRAINING.find((t) => t.id === v)?.label ?? String(v);
    default:
      return typeof v === 'number' ? formatNumber(v) : String(v);
  }
}

const label = (field: string) => (field === 'commune.population' ? 'population de la commune' : (PROFILE_FIELDS[field as keyof Profile]?.label ?? field));

// ---- The table of condition tests -----------------------------------------------------------------

const TESTS: Record<FieldCondition['op'], (actual: unknown, expected: FieldCondition['value']) => boolean> = {
  '=': (a, e) => a === e,
  in: (a, e) => (e as unknown[]).includes(a),
  '<': (a, e) => Number(a) < Number(e),
  '<=': (a, e) => Number(a) <= Number(e),
  '>': (a, e) => Number(a) > Number(e),
  '>=': (a, e) => Number(a) >= Number(e),
};

interface Facts {
  profile: Profile;
  population: number | null;
}


function check(c: FieldCondition, f: Facts): { status: Status; shown: string; missing: string[] } {
  const actual = c.field === 'commune.population' ? (f.population ?? undefined) : f.profile[c.field];
  if (actual === undefined) return { status: 'unknown', shown: '', missing: [label(c.field)] };
  return { status: TESTS[c.op](actual, c.value) ? 'met' : 'failed', shown: show(c.field, actual), missing: [] };
}

/** A branch of an « any »: one condition, or several that must all hold. */
function checkBranch(b: FieldCondition | AllCondition, f: Facts): { status: Status; shown: string; missing: string[] } {
  if (!('all' in b)) return check(b, f);
  const parts = b.all.map((x) => ({ x, r: check(x, f) }));
  const failed = parts.filter((p) => p.r.status === 'failed');
  if (failed.length) return { status: 'failed', shown: failed.map((p) => `${p.x.text} : non (${p.r.shown})`).join(', '), missing: [] };
  const missing = parts.flatMap((p) => p.r.missing);
  return missing.length ? { status: 'unknown', shown: '', missing } : { status: 'met', shown: '', missing: [] };
}

/** One condition, its verdict and why, in a sentence: « Avoir 60 ans au plus : non (61 ans). » */
function test(c: Condition, f: Facts): Reason {
  if ('any' in c) {
    const parts = c.any.map((x) => ({ x, r: checkBranch(x, f) }));
    const met = parts.find((p) => p.r.status === 'met');
    if (met) return { status: 'met', text: `${sentence(c.text)} : oui (${met.x.text}).` };
    const missing = parts.flatMap((p) => p.r.missing);
    if (missing.length) return { status: 'unknown', text: `${sentence(c.text)} : à préciser (renseignez : ${[...new Set(missing)].join(', ')}).` };
    return { status: 'failed', text: `${sentence(c.text)} : non (${parts.map((p) => ('all' in p.x ? p.r.shown : `${p.x.text} : ${p.r.shown}`)).join(' ; ')}).` };
  }
  const r = check(c, f);
  if (r.status === 'unknown') return { status: 'unknown', text: `${sentence(c.text)} : à préciser (renseignez : ${label(c.field)}).` };
  const detail = r.shown === 'oui' || r.shown === 'non' ? '' : ` (${r.shown})`;
  return { status: r.status, text: `${sentence(c.text)} : ${r.status === 'met' ? 'oui' : 'non'}${detail}.` };
}

// ---- Amounts --------------------------------------------------------------------------------------

interface AmountValue {
  amount: number | null;
  ceiling: number | null;
  /** Profile fields the amount still needs. */
  missing: Array<keyof Profile>;
}

function computeAmount(m: Amount, date: string, profile: Profile, zone: ZoneAt | undefined): AmountValue {
  const at = (v: Parameters<typeof planValue>[0]) => planValue(v, date);
  switch (m.type) {
    case 'fixed': {
      // Without the status the amount is not known: the full one is the ceiling (the reduced one is for collaborators).
      const full = at(m.value);
      const own = profile.status && m.byStatus?.[profile.status] !== undefined ? at(m.byStatus[profile.status]) : full;
      const missing: Array<keyof Profile> = [...(m.byStatus && !profile.status ? (['status'] as const) : []), ...(m.prorata && profile.presenceShare === undefined ? (['presenceShare'] as const) : [])];
      if (missing.length) return { amount: null, ceiling: profile.status ? own : full, missing };
      return { amount: m.prorata ? round(own * profile.presenceShare!) : own, ceiling: own, missing };
    }
    case 'byClass': {
      const ceiling = Math.max(...Object.values(m.values).map(at));
      const v = zone && m.values[zone.effective] !== undefined ? at(m.values[zone.effective]) : null;
      return { amount: v, ceiling: v ?? ceiling, missing: [] };
    }
    case 'monthly':
      return { amount: at(m.perMonth) * m.months, ceiling: at(m.perMonth) * m.months, missing: [] };
    case 'schedule': {
      // « La bourse sera rétroactive au premier jour du semestre en cours » : from the current semester on,
      // six months of its year when it is the year's second semester.
      const years = Object.keys(m.perMonthByYear).map(Number).sort((a, b) => a - b);
      const perMonth = (y: number) => (m.perMonthByYear[String(y)] === undefined ? 0 : at(m.perMonthByYear[String(y)]));
      const fromSemester = (s: number) => {
        const y = Math.ceil(s / 2);
        return years.filter((x) => x > y).reduce((sum, x) => sum + perMonth(x) * m.monthsPerYear, perMonth(y) * (s % 2 ? m.monthsPerYear : m.monthsPerYear / 2));
      };
      if (profile.internshipSemester !== undefined) return { amount: fromSemester(profile.internshipSemester), ceiling: fromSemester(profile.internshipSemester), missing: [] };
      const first = profile.internshipYear !== undefined ? 2 * profile.internshipYear - 1 : 1;
      return { amount: null, ceiling: fromSemester(first), missing: ['internshipSemester'] };
    }
    case 'perKm':
      return { amount: profile.distanceKm === undefined ? null : round(Math.min(at(m.rate) * profile.distanceKm, at(m.cap))), ceiling: at(m.cap), missing: profile.distanceKm === undefined ? ['distanceKm'] : [] };
    case 'shareOfCost': {
      const cap = m.cap === undefined ? null : at(m.cap);
      const cost = profile[m.cost ?? 'projectCost'];
      if (cost === undefined) return { amount: null, ceiling: cap, missing: [m.cost ?? 'projectCost'] };
      const share = round(m.share * cost);
      return { amount: cap === null ? share : Math.min(share, cap), ceiling: cap, missing: [] };
    }
    case 'yearly':
      return { amount: at(m.perYear) * (m.years ?? 1), ceiling: at(m.perYear) * (m.years ?? 1), missing: [] };
    case 'sum': {
      const parts = m.parts.map((p) => computeAmount(p, date, profile, zone));
      return {
        amount: parts.every((p) => p.amount !== null) ? round(parts.reduce((s, p) => s + p.amount!, 0)) : null,
        ceiling: parts.every((p) => p.ceiling !== null) ? round(parts.reduce((s, p) => s + p.ceiling!, 0)) : null,
        missing: parts.flatMap((p) => p.missing),
      };
    }
    case 'none':
    case 'unspecified':
      return { amount: null, ceiling: null, missing: [] };
  }
}

// ---- Dates and zone -------------------------------------------------------------------------------

/** « en zone intermédiaire », « en zone d'action complémentaire (ZAC) », « hors zonage ». */
export function inZone(classLabel: string): string {
  const l = lower(classLabel);
  return l.startsWith('zone') ? `en ${l}` : l.startsWith('hors') ? l : `en zone ${l}`;
}

/** The dossier date decides (« applicables aux dossiers reçus à compter du 1er août 2025 »): the request
 * date when the profile gives one, otherwise the project's date. */
const dossierDate = (ctx: AidContext, p: Profile) => p.requestDate ?? ctx.date;
const atDossier = (ctx: AidContext, p: Profile) => (p.requestDate ? `à la date de la demande, le ${formatDate(p.requestDate)}` : `au ${formatDate(ctx.date)}`);

/** The date an aid's zone is judged at, and how to say it. */
function zoneDateOf(aid: ResolvedAid, ctx: AidContext, p: Profile): { date: string; words: string } {
  if (aid.zoneDate?.rule === 'eve-of-event' && p.eventDate) {
    const eve = addDays(p.eventDate, -1);
    return { date: eve, words: `au ${formatDate(eve)}, ${aid.zoneDate.text}` };
  }
  return { date: dossierDate(ctx, p), words: atDossier(ctx, p) };
}

/** The commune's class at a date; without `zoneOn`, at the context's date (and the reason says that one). */
function lookup(ctx: AidContext, profession: string, date: string, words: string): { z: ZoneAt | undefined; words: string } {
  if (date === ctx.date) return { z: ctx.zone(profession), words };
  if (ctx.zoneOn) return { z: ctx.zoneOn(date)(profession), words };
  return { z: ctx.zone(profession), words: `au ${formatDate(ctx.date)}` };
}

// The commune's name is left out of cached results and put back in: a placeholder stands for it.
const NOM = '\u0001';
const POP = '\u0005';

function zoneReason(aid: ResolvedAid, z: ZoneAt | undefined, words: string, f: Facts): Reason {
  if (!aid.zone) return { status: 'met', text: "L'aide vaut sur tout le territoire du plan." };
  const where = `réservée aux ${aid.zone.text}`;
  if (!z) return { status: 'unknown', text: `${sentence(where)} : aucun zonage n'est en vigueur ${words} pour ${NOM}.` };
  const rule = z.ruleNote ? ` — ${z.ruleNote}` : '';
  const is = `${NOM} est ${inZone(z.effectiveLabel)} ${words} (${z.zonage})${rule}`;
  const future = aid.zoneDate?.rule === 'installation' ? aid.zoneDate.text : null;
  // How the plan's zones are read in this zonage (e.g. the dentists' density scale for the plan's ZIP/ZAC).
  const read = aid.zone.interpretation ? ` ${aid.zone.interpretation}` : '';
  // No class, or one per part of the commune: the zonage cannot refuse the aid, the address decides.
  if (z.undetermined && !aid.zone.classes.includes(z.effective))
    return { status: 'unknown', text: `${NOM} ${z.undetermined} ${words} (${z.zonage})${rule} : éligibilité à préciser.${read}` };
  if (aid.zone.classes.includes(z.effective))
    return { status: 'met', text: future ? `${is} : zone éligible à cette date ; ${future}.${read}` : `${is} : zone éligible.${read}` };
  const ex = aid.zone.exception;
  if (ex?.classes.includes(z.effective)) {
    const r = test(ex.condition, f);
    return { status: r.status, text: `${is} : elle est admise à condition de ${lower(r.text)}` };
  }
  // A future installation: a commune not eligible today does not refuse the aid.
  if (future) return { status: 'unknown', text: `${is}, hors des ${aid.zone.text} : cela ne refuse pas l'aide, car ${future}.${read}` };
  return { status: 'failed', text: `${sentence(where)} ; ${is}.${read}` };
}

function validityReason(aid: ResolvedAid, ctx: AidContext, p: Profile): Reason {
  if (aid.withdrawn) return { status: 'failed', text: `${sentence(aid.withdrawn.text)} : « ${aid.withdrawn.quote} ».` };
  const { from, until, planFrom, earlier } = aid.validity;
  const d = dossierDate(ctx, p);
  const when = atDossier(ctx, p);
  if (earlier && planFrom && d < planFrom)
    return { status: 'failed', text: `${p.requestDate ? `Dossier reçu le ${formatDate(d)}` : `Au ${formatDate(d)}`}, avant le ${formatDate(planFrom)} : ${earlier}.` };
  if (from && d < from) return { status: 'failed', text: `Pas encore ouverte ${when} : elle l'est à partir du ${formatDate(from)}.` };
  if (until && d > until) return { status: 'failed', text: `Terminée ${when} : elle était ouverte jusqu'au ${formatDate(until)}.` };
  return { status: 'met', text: `En vigueur ${when}${from ? ` (depuis le ${formatDate(from)}${until ? `, jusqu'au ${formatDate(until)}` : ''})` : ''}.` };
}

const within = (months: number) => (months === 1 ? 'dans le mois suivant' : `dans les ${months} mois suivant`);

// ---- One aid --------------------------------------------------------------------------------------

/** Evaluates one aid. `profile` is used as given; evaluateAids derives implied facts first. */
function evaluate(aid: ResolvedAid, ctx: AidContext, profile: Profile, z: ZoneAt | undefined, zoneWords: string): AidResult {
  const nameOf = ctx.nameOf ?? ((id: string) => `« ${id} »`);
  const f: Facts = { profile, population: ctx.commune.population };
  const reasons: Reason[] = [validityReason(aid, ctx, profile)];

  if (profile.beneficiary) {
    const ok = (aid.beneficiaries as string[]).includes(profile.beneficiary);
    const note = aid.beneficiaryNotes?.[profile.beneficiary];
    reasons.push({
      status: ok ? 'met' : 'failed',
      text: ok
        ? `L'aide s'adresse aux ${beneficiaryPlural(profile.beneficiary)}, votre profil.${note ? ` ${sentence(note)}` : ''}`
        : `L'aide est réservée aux ${aid.beneficiaries.map(beneficiaryPlural).join(', ')} ; votre profil : ${lower(beneficiaryLabel(profile.beneficiary))}.`,
    });
  }
  if (!aid.withdrawn) reasons.push(zoneReason(aid, z, zoneWords, f));
  for (const c of aid.conditions) reasons.push(test(c, f));

  if (aid.once && profile.otherAids !== undefined)
    reasons.push(profile.otherAids.includes(aid.id) ? { status: 'failed', text: "L'aide ne s'obtient qu'une fois par bénéficiaire, et elle a déjà été obtenue." } : { status: 'met', text: "L'aide ne s'obtient qu'une fois par bénéficiaire ; elle n'a pas encore été obtenue." });
  for (const other of aid.cumulation?.exclusive ?? [])
    if (profile.otherAids?.includes(other)) reasons.push({ status: 'failed', text: `Elle n'est pas cumulable avec ${nameOf(other)}, déjà obtenue.` });
  const alt = aid.cumulation?.alternative;
  if (alt) {
    const taken = alt.ids.find((id) => profile.otherAids?.includes(id));
    reasons.push({ status: taken ? 'failed' : 'met', text: `Interprétation : ${alt.text}${taken ? ` ; ${nameOf(taken)} est déjà obtenue pour ce projet` : ''}.` });
  }
  if (aid.amount.type === 'shareOfCost')
    reasons.push({
      status: 'met',
      text: `Interprétation : une opération a un seul coût ; avec les autres aides calculées sur le même ${label(aid.amount.cost ?? 'projectCost').replace(' (€)', '')}, le total ne dépasse pas ${formatNumber(aid.amount.share * 100)} % de ce coût.`,
    });

  const deadlines = aid.deadlines.map((d) => {
    const base = profile[d.from];
    const req = d.check ? profile[d.check] : undefined;
    if (d.before) {
      if (d.check)
        reasons.push(
          !req || !base
            ? { status: 'unknown', text: `${d.label} avant ${d.event} : à préciser (renseignez : ${[!req && label(d.check), !base && label(d.from)].filter(Boolean).join(', ')}).` }
            : req < base
              ? { status: 'met', text: `${d.label} avant ${d.event} : oui (le ${formatDate(req)}, avant le ${formatDate(base)}).` }
              : { status: 'failed', text: `${d.label} avant ${d.event} : non (le ${formatDate(req)}, ${d.event} le ${formatDate(base)}).` },
        );
      return { label: d.label, date: base ?? null, text: `${d.label} : avant ${d.event}${base ? ` (le ${formatDate(base)})` : ''}.` };
    }
    const limit = base ? addMonths(base, d.months!) : null;
    const rule = `${d.label} ${within(d.months!)} ${d.event}`;
    if (d.check)
      reasons.push(
        !req || !limit
          ? { status: 'unknown', text: `${rule} : à préciser (renseignez : ${[!req && label(d.check), !base && label(d.from)].filter(Boolean).join(', ')}).` }
          : req < base!
            ? { status: 'unknown', text: `${rule} : à préciser, car la demande (le ${formatDate(req)}) précède ${d.event} (le ${formatDate(base!)}) ; elle sera à confirmer ensuite, au plus tard le ${formatDate(limit)}.` }
            : req <= limit
              ? { status: 'met', text: `${rule} : oui (le ${formatDate(req)}, limite le ${formatDate(limit)}).` }
              : { status: 'failed', text: `${rule} : non (le ${formatDate(req)}, limite dépassée le ${formatDate(limit)}).` },
      );
    return {
      label: d.label,
      date: limit,
      text: limit ? `${d.label} : au plus tard le ${formatDate(limit)} (${d.months} mois après ${d.event}).` : `${d.label} : au plus tard ${d.months} mois après ${d.event} ; renseignez cette date pour obtenir la date limite.`,
    };
  });

  // Combined with an aid the beneficiary already has (fiche 7 then fiche 8), the commitment is longer.
  const combined = aid.cumulation?.combined?.find((c) => profile.otherAids?.includes(c.with));
  const commitments = aid.commitments.map((c) => {
    const years = c.years !== undefined && combined ? combined.commitmentYears : c.years;
    const text = years !== c.years ? `${c.text.replace(`${c.years} ans`, `${years} ans`)} (cumul avec ${nameOf(combined!.with)})` : c.text;
    const until = years !== undefined && c.from !== 'installation' && profile.eventDate ? periodEnd(profile.eventDate, years * 12) : null;
    return { text: until ? `${text}, jusqu'au ${formatDate(until)}` : text, until };
  });

  const value = computeAmount(aid.amount, dossierDate(ctx, profile), profile, z);
  // What the amount still needs, unless a condition already asks for it.
  const asked = new Set(reasons.filter((r) => r.status === 'unknown').map((r) => r.text));
  const missing = [...new Set(value.missing)].filter((m) => ![...asked].some((t) => t.includes(label(m))));
  if (missing.length && !aid.withdrawn)
    reasons.push({
      status: 'unknown',
      text: `Le montant est à préciser (renseignez : ${missing.map(label).join(', ')})${value.ceiling ? ` ; il sera au plus de ${euros(value.ceiling)}` : ''}.`,
    });
  if (aid.amount.type === 'schedule' && profile.internshipSemester !== undefined && profile.internshipStartDate)
    reasons.push({ status: 'met', text: `La bourse est rétroactive au premier jour du semestre en cours (${show('internshipSemester', profile.internshipSemester)}, commencé le ${formatDate(semesterStart(profile.internshipStartDate, profile.internshipSemester))}).` });

  const failed = reasons.find((r) => r.status === 'failed');
  const eligible = failed ? 'no' : reasons.some((r) => r.status === 'unknown') ? 'depends' : 'yes';
  return {
    id: aid.id,
    title: aid.title,
    kind: aid.kind,
    beneficiaries: aid.beneficiaries,
    summary: aid.summary,
    source: aid.source,
    eligible,
    amount: eligible === 'no' ? null : value.amount,
    ceiling: value.ceiling,
    amountText: amountText(aid, value, eligible),
    commitments,
    deadlines,
    reasons,
    blocker: failed?.text,
  };
}

function amountText(aid: ResolvedAid, v: AmountValue, eligible: AidResult['eligible']): string {
  const m = aid.amount;
  if (aid.withdrawn) return 'Fiche supprimée : aucun montant';
  if (m.type === 'none') return 'Accompagnement (sans montant)';
  const note = m.note ? ` — ${m.note}` : '';
  if (m.type === 'unspecified') return `Montant non fixé par le plan${note}`;
  if (eligible !== 'no' && v.amount !== null) return `${euros(v.amount)}${note}`;
  if (v.ceiling) return `Jusqu'à ${euros(v.ceiling)}${note}`;
  return m.note ? sentence(m.note) : 'Montant à préciser';
}

/** A text cut around the placeholders: pieces of text, and between them the commune's name or population. */
interface Hole {
  pieces: string[];
  /** For each gap between pieces, true when it is the population (otherwise the name). */
  population: boolean[];
}

/** A result computed without the commune's name and population, which placeholders stand for. */
interface Template {
  result: AidResult;
  /** Reasons holding a placeholder, by index. */
  holes: Array<Hole & { i: number }>;
  blocker?: Hole;
}

const hasHole = (text: string) => text.includes(NOM) || text.includes(POP);
function cut(text: string): Hole {
  const parts = text.split(/([\u0001\u0005])/);
  return { pieces: parts.filter((_, i) => i % 2 === 0), population: parts.filter((_, i) => i % 2 === 1).map((x) => x === POP) };
}

function template(result: AidResult): Template {
  const holes = result.reasons.flatMap((r, i) => (hasHole(r.text) ? [{ i, ...cut(r.text) }] : []));
  const b = result.blocker;
  return { result, holes, ...(b && hasHole(b) ? { blocker: cut(b) } : {}) };
}

/** The commune's words for the placeholders; its population is formatted only when a text shows it. */
interface Words {
  nom: string;
  population: number | null;
  shown?: string;
}

function fill(hole: Hole, w: Words): string {
  let out = hole.pieces[0];
  for (let i = 0; i < hole.population.length; i++) {
    if (hole.population[i]) w.shown ??= w.population === null ? 'population inconnue' : `${formatInteger(w.population)} habitants`;
    out += (hole.population[i] ? w.shown : w.nom) + hole.pieces[i + 1];
  }
  return out;
}

/** Puts the commune's name and population in the texts of a result computed without them. */
function named(t: Template, w: Words): AidResult {
  if (!t.holes.length && !t.blocker) return t.result;
  const r = t.result;
  const reasons = r.reasons.slice();
  for (const h of t.holes) reasons[h.i] = { status: reasons[h.i].status, text: fill(h, w) };
  // Written out rather than spread: the same shape for every result is faster to build.
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    beneficiaries: r.beneficiaries,
    summary: r.summary,
    source: r.source,
    eligible: r.eligible,
    amount: r.amount,
    ceiling: r.ceiling,
    amountText: r.amountText,
    commitments: r.commitments,
    deadlines: r.deadlines,
    reasons,
    blocker: t.blocker ? fill(t.blocker, w) : r.blocker,
  };
}

/** The zone an aid reads for this profile (at the dossier date or on the eve of the installation). */
function zoneFor(aid: ResolvedAid, ctx: AidContext, p: Profile) {
  if (!aid.zone) return { z: undefined, words: '' };
  const when = zoneDateOf(aid, ctx, p);
  return lookup(ctx, aid.zone.profession, when.date, when.words);
}

export function evaluateAid(aid: ResolvedAid, ctx: AidContext, profile: Profile = {}): AidResult {
  const p = deriveProfile(profile, dossierDate(ctx, profile));
  const { z, words } = zoneFor(aid, ctx, p);
  return named(template(evaluate(aid, ctx, p, z, words)), { nom: ctx.commune.nom, population: ctx.commune.population });
}

// ---- A whole catalogue ----------------------------------------------------------------------------

export interface Evaluation {
  results: AidResult[];
  /** Pairs of aids open together that the plan says (or is read to say) cannot be combined. */
  conflicts: Array<{ ids: [string, string]; text: string }>;
  /** Sum of the computed amounts of the aids open (yes) to the chosen beneficiary, keeping the best of
   * non-cumulable ones and one operation within its cost; 0 without a beneficiary (aids meant for a
   * centre de santé and for a commune do not add up). */
  total: number;
  /** The beneficiary the total is for, or null when none is chosen (then no total is shown). */
  totalFor: string | null;
  counted: string[];
  /** How the total was bounded, in sentences (« interprétation »). */
  notes: string[];
}

const exclusive = (a: ResolvedAid, b: ResolvedAid) =>
  !!(a.cumulation?.exclusive?.includes(b.id) || b.cumulation?.exclusive?.includes(a.id) || a.cumulation?.alternative?.ids.includes(b.id) || b.cumulation?.alternative?.ids.includes(a.id));

const populationConditions = (c: Condition | AllCondition): FieldCondition[] =>
  'any' in c ? c.any.flatMap(populationConditions) : 'all' in c ? c.all.flatMap(populationConditions) : c.field === 'commune.population' ? [c] : [];

/** Per catalogue: the evaluations already made for one date and profile, by commune facts. */
interface Memo {
  key: string;
  byId: Map<string, ResolvedAid>;
  nameOf: (id: string) => string;
  /** Per aid, the zone it reads (profession and date, the same for every commune): an index in `slots`. */
  slotOf: number[];
  slots: Array<{ profession: string; date: string; words: string }>;
  /** Every condition of the catalogue that reads the commune's population, and per aid which ones. */
  population: FieldCondition[];
  populationOf: number[][];
  /** Per aid, its result by the commune facts it reads. */
  results: Array<Map<string, Template>>;
  /** Per combination of commune facts, every aid's result and the catalogue's conflicts and total. */
  rows: Map<string, { templates: Template[]; rest: Omit<Evaluation, 'results'> }>;
}
const memos = new WeakMap<ResolvedAid[], Memo>();
const zoneKey = (z: ZoneAt | undefined) => (z ? `${z.effective}\u0002${z.base}\u0002${z.zonage}\u0002${z.ruleNote ?? ''}` : '');

function memoFor(aids: ResolvedAid[], ctx: AidContext, profile: Profile): Memo {
  const key = `${ctx.date}\u0003${JSON.stringify(profile)}\u0003${ctx.zoneOn ? 1 : 0}`;
  const memo = memos.get(aids);
  if (memo && memo.key === key && memo.rows.size < 20_000) return memo;
  const byId = new Map(aids.map((a) => [a.id, a]));
  const p = deriveProfile(profile, dossierDate(ctx, profile));
  const slots: Memo['slots'] = [];
  const slotOf = aids.map((a) => {
    if (!a.zone) return -1;
    const when = zoneDateOf(a, ctx, p);
    const i = slots.findIndex((x) => x.profession === a.zone!.profession && x.date === when.date && x.words === when.words);
    return i >= 0 ? i : slots.push({ profession: a.zone.profession, ...when }) - 1;
  });
  const population: FieldCondition[] = [];
  const populationOf = aids.map((a) => a.conditions.flatMap(populationConditions).map((c) => population.push(c) - 1));
  const fresh: Memo = {
    key,
    byId,
    nameOf: (id: string) => (byId.has(id) ? `« ${byId.get(id)!.title} » (${byId.get(id)!.ref})` : `« ${id} »`),
    slotOf,
    slots,
    population,
    populationOf,
    results: aids.map(() => new Map()),
    rows: new Map(),
  };
  memos.set(aids, fresh);
  return fresh;
}

/**
 * Every aid of a catalogue for one commune. Aids depend on a commune only through a few facts (its
 * effective classes, whether its population meets a condition), so each evaluation is kept, without
 * the commune's name, for the next commune with the same facts, date and profile: a whole territory
 * costs little more than its distinct combinations.
 */
export function evaluateAids(aids: ResolvedAid[], ctx: AidContext, profile: Profile = {}): Evaluation {
  const memo = memoFor(aids, ctx, profile);
  // The commune's facts: its class in each zone the aids read, and which population conditions it meets.
  const zones = memo.slots.map((s) => lookup(ctx, s.profession, s.date, s.words));
  const pop = ctx.commune.population;
  let rowKey = zones.map((z) => zoneKey(z.z)).join('\u0006');
  if (memo.population.length) rowKey += `\u0005${pop === null ? 'n' : memo.population.map((c) => (TESTS[c.op](pop, c.value) ? 1 : 0)).join('')}`;
  let row = memo.rows.get(rowKey);
  if (!row) {
    const p = deriveProfile(profile, dossierDate(ctx, profile));
    const shared: AidContext = { ...ctx, nameOf: ctx.nameOf ?? memo.nameOf };
    const templates = aids.map((aid, i) => {
      const slot = memo.slotOf[i];
      const zone = slot >= 0 ? zones[slot] : { z: undefined, words: '' };
      const bits = pop === null ? 'n' : memo.populationOf[i].map((j) => (TESTS[memo.population[j].op](pop, memo.population[j].value) ? 1 : 0)).join('');
      const k = `${zoneKey(zone.z)}\u0005${bits}`;
      let t = memo.results[i].get(k);
      if (!t) memo.results[i].set(k, (t = template(evaluate(aid, shared, p, zone.z, zone.words))));
      return t;
    });
    row = { templates, rest: combine(templates.map((t) => t.result), memo.byId, p) };
    memo.rows.set(rowKey, row);
  }
  const words: Words = { nom: ctx.commune.nom, population: pop };
  const results: AidResult[] = new Array(row.templates.length);
  for (let i = 0; i < results.length; i++) results[i] = named(row.templates[i], words);
  return { results, ...row.rest };
}

/** Conflicts and the total of a commune's results. */
function combine(results: AidResult[], byId: Map<string, ResolvedAid>, profile: Profile): Omit<Evaluation, 'results'> {
  const conflicts: Evaluation['conflicts'] = [];
  const live = results.filter((r) => r.eligible !== 'no');
  for (let i = 0; i < live.length; i++)
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [byId.get(live[i].id)!, byId.get(live[j].id)!];
      if (!exclusive(a, b)) continue;
      const reading = [a, b].map((x) => x.cumulation?.alternative).find((x) => x && [a.id, b.id].some((id) => x.ids.includes(id)));
      conflicts.push({
        ids: [a.id, b.id],
        text: `« ${a.title} » (${a.ref}) et « ${b.title} » (${b.ref}) ne sont pas cumulables${reading ? ` (interprétation : ${reading.text})` : ''} : une seule des deux peut être obtenue.`,
      });
    }
  const totalFor = profile.beneficiary ?? null;
  const counted: string[] = [];
  const notes: string[] = [];
  if (!totalFor) return { conflicts, total: 0, totalFor, counted, notes };
  // The best of non-cumulable aids first; then one operation's aids stay within the largest share of its cost.
  const operations = new Map<CostField, { ids: string[]; sum: number; share: number }>();
  let total = 0;
  for (const r of results.filter((x) => x.eligible === 'yes' && x.amount).sort((x, y) => y.amount! - x.amount!)) {
    const aid = byId.get(r.id)!;
    if (counted.some((id) => exclusive(byId.get(id)!, aid))) continue;
    counted.push(r.id);
    if (aid.amount.type === 'shareOfCost') {
      const field = aid.amount.cost ?? 'projectCost';
      const op = operations.get(field) ?? { ids: [], sum: 0, share: 0 };
      op.ids.push(r.id);
      op.sum += r.amount!;
      op.share = Math.max(op.share, aid.amount.share);
      operations.set(field, op);
    } else total += r.amount!;
  }
  for (const [field, op] of operations) {
    const limit = round(op.share * (profile[field] as number));
    if (op.ids.length > 1 && op.sum > limit)
      notes.push(
        `Interprétation : les aides ${AND.format(op.ids.map((id) => byId.get(id)!.ref))} sont calculées sur le même ${label(field).replace(' (€)', '')} ; ensemble, elles restent dans la limite de ${formatNumber(op.share * 100)} % de ce coût, soit ${euros(limit)} au lieu de ${euros(round(op.sum))}.`,
      );
    total += Math.min(op.sum, limit);
  }
  return { conflicts, total: round(total), totalFor, counted, notes };
}

// ---- For one person -------------------------------------------------------------------------------

/** Aids of one section, financial ones apart from support without an amount. */
export interface AidSection {
  id: string;
  label: string;
  financial: AidResult[];
  actions: AidResult[];
}

/**
 * A commune's open aids arranged for a person (« Je suis… »): that person's aids first, then the others by
 * who applies; in each, financial aids apart from support, open ones before those that depend on the
 * situation, in the plan's order. The authority's own work (fiche 1) is not an aid to apply for: left out.
 */
export function arrangeForPersona(results: AidResult[], aids: ResolvedAid[], persona?: string): AidSection[] {
  const byId = new Map(aids.map((a) => [a.id, a]));
  const open = results.filter((r) => r.eligible !== 'no' && byId.has(r.id) && isApplicable(byId.get(r.id)!));
  const rank = (r: AidResult) => (r.eligible === 'yes' ? 0 : 1);
  const section = (id: string, label: string, list: AidResult[]): AidSection => {
    const sorted = list.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
    return { id, label, financial: sorted.filter((r) => r.kind === 'financiere'), actions: sorted.filter((r) => r.kind !== 'financiere') };
  };
  const mine = persona ? open.filter((r) => r.beneficiaries.includes(persona)) : [];
  const rest = open.filter((r) => !mine.includes(r));
  const sections = BENEFICIARY_GROUPS.map((g) => section(g.id, persona ? `Autres aides — ${lower(g.label)}` : g.label, rest.filter((r) => groupOf(r.beneficiaries).id === g.id)));
  const first = persona ? [section('persona', `Pour vous : ${lower(beneficiaryLabel(persona))}`, mine)] : [];
  return [...first, ...sections].filter((s) => s.financial.length + s.actions.length);
}
