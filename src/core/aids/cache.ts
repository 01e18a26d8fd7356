// The memoisation of evaluateAids (catalogue.ts), an optimisation only: evaluating every aid afresh for each
// commune gives the same results (test/unit/aids.test.ts compares both). Aids depend on a commune only
// through a few facts — its effective class in each zone the aids read, and which population conditions it
// meets — so each aid's result is kept, with markers for the commune's name (commune-words.ts), for the next
// commune with the same facts, date and profile: a whole territory costs little more than its distinct
// combinations. Keys are the JSON text of those facts. One memo per catalogue, for the last date and profile.
import type { ZoneAt } from '../zonage/resolver.ts';
import { deriveProfile, type Profile } from './profile.ts';
import type { ResolvedAid } from './model.ts';
import type { AllCondition, Condition, FieldCondition } from './schema.ts';
import type { AidContext } from './context.ts';
import type { Evaluation } from './totals.ts';
import type { Template } from './commune-words.ts';
import { TESTS } from './conditions.ts';
import { dossierDate, lookup, zoneDateOf } from './reasons.ts';

const populationConditions = (c: Condition | AllCondition): FieldCondition[] =>
  'any' in c ? c.any.flatMap(populationConditions) : 'all' in c ? c.all.flatMap(populationConditions) : c.field === 'commune.population' ? [c] : [];

/** Per catalogue: the evaluations already made for one date and profile, by commune facts. */
export interface Memo {
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
/** What of a commune's class an aid's result reads. */
const zoneFacts = (z: ZoneAt | undefined) => (z ? [z.effective, z.base, z.zonage, z.ruleNote ?? ''] : null);

export function memoFor(aids: ResolvedAid[], ctx: AidContext, profile: Profile): Memo {
  const key = JSON.stringify([ctx.date, profile, Boolean(ctx.zoneOn)]);
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

/** A commune's facts for the catalogue: its class in each zone the aids read, and the population conditions it meets. */
export function communeFacts(memo: Memo, ctx: AidContext) {
  const zones = memo.slots.map((s) => lookup(ctx, s.profession, s.date, s.words));
  const pop = ctx.commune.population;
  const meets = (j: number) => TESTS[memo.population[j].op](pop, memo.population[j].value);
  const key = JSON.stringify([zones.map((z) => zoneFacts(z.z)), pop === null ? null : memo.population.map((_, j) => meets(j))]);
  /** The key of one aid's result: the facts that aid reads. */
  const aidKey = (i: number, z: ZoneAt | undefined) => JSON.stringify([zoneFacts(z), pop === null ? null : memo.populationOf[i].map(meets)]);
  return { zones, key, aidKey };
}
