// One engine for every aid: for a commune, a date and a profile, each aid says whether it is open
// (yes / no / depends), how much, with what commitments and deadlines, and why — one reason per
// condition, met, failed or still to be specified. Conditions are read through one table of tests
// (by operator), never one `if` per aid.
import { addMonths, periodEnd } from './dates.ts';
import { formatDate, formatInteger } from './format.ts';
import { MODES, PROFILE_FIELDS, STATUSES, beneficiaryLabel, beneficiaryPlural, type Profile } from './profile.ts';
import { valueAt, type Amount, type Condition, type FieldCondition, type ResolvedAid } from './aids.ts';

/** The commune's effective class in the zonage of one profession at the evaluation date. */
export interface ZoneAt {
  /** « zonage départemental 2026 » */
  zonage: string;
  effective: string;
  effectiveLabel: string;
  base: string;
  baseLabel: string;
  /** Why the effective class differs from the base class (the pharmacy rule of fiche 1). */
  ruleNote?: string;
}

export interface AidContext {
  date: string;
  commune: { code: string; nom: string; population: number | null };
  zone: (profession: string) => ZoneAt | undefined;
  /** How to name another aid in a reason (« Aide à l'installation… (fiche 8) »); its id otherwise. */
  nameOf?: (id: string) => string;
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

export const euros = (n: number): string =>
  `${Number.isInteger(n) ? formatInteger(n) : n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

const round = (n: number) => Math.round(n * 100) / 100;

// ---- Field values in words ------------------------------------------------------------------------

function show(field: string, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v)) return v.map((x) => show(field, x)).join(', ') || 'aucune';
  switch (field) {
    case 'age':
      return `${v} ans`;
    case 'daysPerWeek':
      return `${v} jour${Number(v) > 1 ? 's' : ''} par semaine`;
    case 'presenceShare':
      return `${formatInteger(Number(v) * 100)} %`;
    case 'yearsInNonPriorityZone':
      return `${v} an${Number(v) > 1 ? 's' : ''}`;
    case 'internshipYear':
      return Number(v) === 1 ? '1re année' : `${v}e année`;
    case 'commune.population':
      return `${formatInteger(Number(v))} habitants`;
    case 'projectCost':
      return euros(Number(v));
    case 'distanceKm':
      return `${formatInteger(Number(v))} km`;
    case 'status':
      return STATUSES.find((s) => s.id === v)?.label ?? String(v);
    case 'mode':
      return MODES.find((m) => m.id === v)?.label ?? String(v);
    default:
      return String(v);
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

function fieldValue(c: FieldCondition, ctx: AidContext, profile: Profile): unknown {
  return c.field === 'commune.population' ? (ctx.commune.population ?? undefined) : profile[c.field];
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function check(c: FieldCondition, ctx: AidContext, profile: Profile): { status: Status; shown: string } {
  const actual = fieldValue(c, ctx, profile);
  if (actual === undefined) return { status: 'unknown', shown: '' };
  return { status: TESTS[c.op](actual, c.value) ? 'met' : 'failed', shown: show(c.field, actual) };
}

/** One condition, its verdict and why, in a sentence: « Avoir 60 ans au plus : non (61 ans). » */
function test(c: Condition, ctx: AidContext, profile: Profile): Reason {
  if ('any' in c) {
    const parts = c.any.map((x) => ({ x, r: check(x, ctx, profile) }));
    const met = parts.find((p) => p.r.status === 'met');
    if (met) return { status: 'met', text: `${sentence(c.text)} : oui (${met.x.text}).` };
    const missing = parts.filter((p) => p.r.status === 'unknown');
    if (missing.length) return { status: 'unknown', text: `${sentence(c.text)} : à préciser (renseignez : ${missing.map((p) => label(p.x.field)).join(', ')}).` };
    return { status: 'failed', text: `${sentence(c.text)} : non (${parts.map((p) => `${p.x.text} : ${p.r.shown}`).join(' ; ')}).` };
  }
  const r = check(c, ctx, profile);
  if (r.status === 'unknown') return { status: 'unknown', text: `${sentence(c.text)} : à préciser (renseignez : ${label(c.field)}).` };
  const detail = r.shown === 'oui' || r.shown === 'non' ? '' : ` (${r.shown})`;
  return { status: r.status, text: `${sentence(c.text)} : ${r.status === 'met' ? 'oui' : 'non'}${detail}.` };
}

// ---- Amounts --------------------------------------------------------------------------------------

interface AmountValue {
  amount: number | null;
  ceiling: number | null;
}

function computeAmount(m: Amount, date: string, profile: Profile, zone: ZoneAt | undefined): AmountValue {
  const at = (v: Parameters<typeof valueAt>[0]) => valueAt(v, date) ?? 0;
  switch (m.type) {
    case 'fixed': {
      const byStatus = profile.status && m.byStatus?.[profile.status];
      const full = at(byStatus ?? m.value);
      // Without the status, the ceiling is the full amount (the reduced one is for collaborators).
      if (m.prorata) return profile.presenceShare === undefined ? { amount: null, ceiling: full } : { amount: round(full * profile.presenceShare), ceiling: full };
      return { amount: full, ceiling: full };
    }
    case 'byClass': {
      const values = Object.values(m.values).map(at);
      const ceiling = Math.max(...values);
      const v = zone && m.values[zone.effective] !== undefined ? at(m.values[zone.effective]) : null;
      return { amount: v, ceiling: v ?? ceiling };
    }
    case 'monthly':
      return { amount: at(m.perMonth) * m.months, ceiling: at(m.perMonth) * m.months };
    case 'schedule': {
      const years = Object.keys(m.perMonthByYear).map(Number).sort((a, b) => a - b);
      const total = (from: number) => years.filter((y) => y >= from).reduce((s, y) => s + at(m.perMonthByYear[String(y)]) * m.monthsPerYear, 0);
      return { amount: total(profile.internshipYear ?? years[0]), ceiling: total(years[0]) };
    }
    case 'perKm':
      return { amount: profile.distanceKm === undefined ? null : round(Math.min(at(m.rate) * profile.distanceKm, at(m.cap))), ceiling: at(m.cap) };
    case 'shareOfCost': {
      const cap = m.cap === undefined ? null : at(m.cap);
      if (profile.projectCost === undefined) return { amount: null, ceiling: cap };
      const share = round(m.share * profile.projectCost);
      return { amount: cap === null ? share : Math.min(share, cap), ceiling: cap };
    }
    case 'yearly':
      return { amount: at(m.perYear) * (m.years ?? 1), ceiling: at(m.perYear) * (m.years ?? 1) };
    case 'sum': {
      const parts = m.parts.map((p) => computeAmount(p, date, profile, zone));
      return {
        amount: parts.every((p) => p.amount !== null) ? round(parts.reduce((s, p) => s + p.amount!, 0)) : null,
        ceiling: parts.every((p) => p.ceiling !== null) ? round(parts.reduce((s, p) => s + p.ceiling!, 0)) : null,
      };
    }
    case 'none':
    case 'unspecified':
      return { amount: null, ceiling: null };
  }
}

// ---- Zone -----------------------------------------------------------------------------------------

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** « en zone intermédiaire », « en zone d'action complémentaire (ZAC) », « hors zonage ». */
export function inZone(classLabel: string): string {
  const l = lower(classLabel);
  return l.startsWith('zone') ? `en ${l}` : l.startsWith('hors') ? l : `en zone ${l}`;
}

function zoneReason(aid: ResolvedAid, ctx: AidContext, profile: Profile): { reason: Reason; zone?: ZoneAt } {
  if (!aid.zone) return { reason: { status: 'met', text: `Tout le territoire : ${ctx.commune.nom} en fait partie.` } };
  const z = ctx.zone(aid.zone.profession);
  const where = `réservée aux ${aid.zone.text}`;
  if (!z) return { reason: { status: 'unknown', text: `${sentence(where)} : aucun zonage en vigueur à cette date pour ${ctx.commune.nom}.` } };
  const rule = z.ruleNote ? ` — ${z.ruleNote}` : '';
  const read = aid.zone.interpretation ? ` ${aid.zone.interpretation}` : '';
  if (aid.zone.classes.includes(z.effective)) return { zone: z, reason: { status: 'met', text: `${ctx.commune.nom} est ${inZone(z.effectiveLabel)} (${z.zonage})${rule} : zone éligible.${read}` } };
  const ex = aid.zone.exception;
  if (ex?.classes.includes(z.effective)) {
    const r = test(ex.condition, ctx, profile);
    return { zone: z, reason: { status: r.status, text: `${ctx.commune.nom} est ${inZone(z.effectiveLabel)} (${z.zonage}) : admise à condition de ${lower(r.text)}` } };
  }
  return { zone: z, reason: { status: 'failed', text: `${sentence(where)} ; ${ctx.commune.nom} est ${inZone(z.effectiveLabel)} (${z.zonage})${rule}.${read}` } };
}

// ---- One aid --------------------------------------------------------------------------------------

export function evaluateAid(aid: ResolvedAid, ctx: AidContext, profile: Profile = {}): AidResult {
  const nameOf = ctx.nameOf ?? ((id: string) => `« ${id} »`);
  const reasons: Reason[] = [];
  const { from, until } = aid.validity;
  if (from && ctx.date < from) reasons.push({ status: 'failed', text: `Pas encore ouverte : à partir du ${formatDate(from)}.` });
  else if (until && ctx.date > until) reasons.push({ status: 'failed', text: `Terminée : ouverte jusqu'au ${formatDate(until)}.` });
  else reasons.push({ status: 'met', text: `En vigueur à cette date${from ? ` (depuis le ${formatDate(from)}${until ? `, jusqu'au ${formatDate(until)}` : ''})` : ''}.` });

  if (profile.beneficiary) {
    const ok = (aid.beneficiaries as string[]).includes(profile.beneficiary);
    reasons.push({
      status: ok ? 'met' : 'failed',
      text: ok ? `Bénéficiaire : ${lower(beneficiaryLabel(profile.beneficiary))}.` : `Réservée aux ${aid.beneficiaries.map(beneficiaryPlural).join(', ')} ; profil : ${lower(beneficiaryLabel(profile.beneficiary))}.`,
    });
  }
  const { reason, zone } = zoneReason(aid, ctx, profile);
  reasons.push(reason);
  for (const c of aid.conditions) reasons.push(test(c, ctx, profile));

  if (aid.once && profile.otherAids !== undefined)
    reasons.push(profile.otherAids.includes(aid.id) ? { status: 'failed', text: 'Une seule fois par bénéficiaire : déjà obtenue.' } : { status: 'met', text: 'Une seule fois par bénéficiaire : pas encore obtenue.' });
  for (const other of aid.cumulation?.exclusive ?? [])
    if (profile.otherAids?.includes(other)) reasons.push({ status: 'failed', text: `Non cumulable avec ${nameOf(other)}, déjà obtenue.` });

  const deadlines = aid.deadlines.map((d) => {
    const base = profile[d.from];
    if (d.before) {
      if (d.check) {
        const req = profile[d.check];
        reasons.push(
          !req || !base
            ? { status: 'unknown', text: `${d.label} avant ${d.event} : à préciser (dates non renseignées).` }
            : req < base
              ? { status: 'met', text: `${d.label} avant ${d.event} : oui (le ${formatDate(req)}, avant le ${formatDate(base)}).` }
              : { status: 'failed', text: `${d.label} avant ${d.event} : non (le ${formatDate(req)}, ${d.event} le ${formatDate(base)}).` },
        );
      }
      return { label: d.label, date: base ?? null, text: `${d.label} : avant ${d.event}${base ? ` (le ${formatDate(base)})` : ''}.` };
    }
    const limit = base ? addMonths(base, d.months!) : null;
    if (d.check) {
      const req = profile[d.check];
      reasons.push(
        !req || !limit
          ? { status: 'unknown', text: `${d.label} dans les ${d.months} mois suivant ${d.event} : à préciser (dates non renseignées).` }
          : req <= limit && req >= base!
            ? { status: 'met', text: `${d.label} dans les ${d.months} mois suivant ${d.event} : oui (le ${formatDate(req)}, limite le ${formatDate(limit)}).` }
            : { status: 'failed', text: `${d.label} dans les ${d.months} mois suivant ${d.event} : non (le ${formatDate(req)}, ${req < base! ? `avant ${d.event}` : `limite dépassée le ${formatDate(limit)}`}).` },
      );
    }
    return { label: d.label, date: limit, text: `${d.label} : ${limit ? `au plus tard le ${formatDate(limit)} (` : ''}${d.months} mois après ${d.event}${limit ? ')' : ''}.` };
  });

  // Combined with an aid the beneficiary already has (fiche 7 then fiche 8), the commitment is longer.
  const combined = aid.cumulation?.combined?.find((c) => profile.otherAids?.includes(c.with));
  const commitments = aid.commitments.map((c) => {
    const years = c.years !== undefined && combined ? combined.commitmentYears : c.years;
    const text = years !== c.years ? `${c.text.replace(`${c.years} ans`, `${years} ans`)} (cumul avec ${nameOf(combined!.with)})` : c.text;
    const until = years !== undefined && profile.eventDate ? periodEnd(profile.eventDate, years * 12) : null;
    return { text: until ? `${text}, jusqu'au ${formatDate(until)}` : text, until };
  });

  const value = computeAmount(aid.amount, ctx.date, profile, zone);
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
    amountText: amountText(aid.amount, value, eligible),
    commitments,
    deadlines,
    reasons,
    blocker: failed?.text,
  };
}

function amountText(m: Amount, v: AmountValue, eligible: AidResult['eligible']): string {
  if (m.type === 'none') return 'Accompagnement (sans montant)';
  const note = m.note ? ` — ${m.note}` : '';
  if (m.type === 'unspecified') return `Montant non fixé par le plan${note}`;
  if (eligible !== 'no' && v.amount !== null) return `${euros(v.amount)}${note}`;
  if (v.ceiling !== null) return `Jusqu'à ${euros(v.ceiling)}${note}`;
  return m.note ? sentence(m.note) : 'Montant à préciser';
}

// ---- A whole catalogue ----------------------------------------------------------------------------

export interface Evaluation {
  results: AidResult[];
  /** Pairs of aids open together that the plan says cannot be combined. */
  conflicts: Array<{ ids: [string, string]; text: string }>;
  /** Sum of the computed amounts of the aids open (yes), keeping the best of non-cumulable ones. */
  total: number;
  counted: string[];
}

const exclusive = (a: ResolvedAid, b: ResolvedAid) => !!(a.cumulation?.exclusive?.includes(b.id) || b.cumulation?.exclusive?.includes(a.id));

export function evaluateAids(aids: ResolvedAid[], ctx: AidContext, profile: Profile = {}): Evaluation {
  const byId = new Map(aids.map((a) => [a.id, a]));
  const nameOf = (id: string) => (byId.has(id) ? `« ${byId.get(id)!.title} » (${byId.get(id)!.ref})` : `« ${id} »`);
  const results = aids.map((a) => evaluateAid(a, { nameOf, ...ctx }, profile));
  const conflicts: Evaluation['conflicts'] = [];
  const live = results.filter((r) => r.eligible !== 'no');
  for (let i = 0; i < live.length; i++)
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [byId.get(live[i].id)!, byId.get(live[j].id)!];
      if (exclusive(a, b))
        conflicts.push({ ids: [a.id, b.id], text: `« ${a.title} » (${a.ref}) et « ${b.title} » (${b.ref}) ne sont pas cumulables : une seule des deux peut être obtenue.` });
    }
  const counted: string[] = [];
  let total = 0;
  for (const r of [...results].filter((x) => x.eligible === 'yes' && x.amount).sort((x, y) => y.amount! - x.amount!)) {
    if (counted.some((id) => exclusive(byId.get(id)!, byId.get(r.id)!))) continue;
    counted.push(r.id);
    total += r.amount!;
  }
  return { results, conflicts, total: round(total), counted };
}
