// An aid is data (data/territories/<id>/aides/*.json): who can get it, where, on what conditions, how
// much, with what commitments and deadlines, from when to when, with what it cumulates, and the
// sentence of the plan that says so. One engine (engine.ts) reads them all; adding an aid is
// adding a file. Amounts may be dated like OpenFisca parameters: { "2025-08-01": 10000 }.
import type { Plan } from '../territory.ts';
import { ANSWERED_BY, PROFILE_FIELDS, type Profile } from './profile.ts';
import type { Aid, Amount, Condition, Dated, FieldCondition } from './schema.ts';

export interface AidSource {
  plan: string;
  ref: string;
  quote: string;
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
