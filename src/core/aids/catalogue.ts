// Every aid of a catalogue for one commune (through the cache, cache.ts), and a commune's open aids arranged
// for one person (« Je suis… »).
import { BENEFICIARY_GROUPS, beneficiaryLabel, deriveProfile, groupOf, type Profile } from './profile.ts';
import { isApplicable, type ResolvedAid } from './model.ts';
import type { AidContext } from './context.ts';
import type { AidResult } from './result.ts';
import { evaluate } from './evaluate.ts';
import { named, template, type Words } from './commune-words.ts';
import { communeFacts, memoFor } from './cache.ts';
import { combine, type Evaluation } from './totals.ts';
import { dossierDate } from './reasons.ts';
import { lowerFirst } from '../text.ts';

/**
 * Every aid of a catalogue for one commune. Each evaluation is kept for the next commune with the same
 * facts, date and profile (cache.ts).
 */
export function evaluateAids(aids: ResolvedAid[], ctx: AidContext, profile: Profile = {}): Evaluation {
  const memo = memoFor(aids, ctx, profile);
  const facts = communeFacts(memo, ctx);
  let row = memo.rows.get(facts.key);
  if (!row) {
    const p = deriveProfile(profile, dossierDate(ctx, profile));
    const shared: AidContext = { ...ctx, nameOf: ctx.nameOf ?? memo.nameOf };
    const templates = aids.map((aid, i) => {
      const slot = memo.slotOf[i];
      const zone = slot >= 0 ? facts.zones[slot] : { z: undefined, words: '' };
      const k = facts.aidKey(i, zone.z);
      let t = memo.results[i].get(k);
      if (!t) memo.results[i].set(k, (t = template(evaluate(aid, shared, p, zone.z, zone.words))));
      return t;
    });
    row = { templates, rest: combine(templates.map((t) => t.result), memo.byId, p) };
    memo.rows.set(facts.key, row);
  }
  const words: Words = { nom: ctx.commune.nom, population: ctx.commune.population };
  const results: AidResult[] = new Array(row.templates.length);
  for (let i = 0; i < results.length; i++) results[i] = named(row.templates[i], words);
  return { results, ...row.rest };
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
  const sections = BENEFICIARY_GROUPS.map((g) => section(g.id, persona ? `Autres aides — ${lowerFirst(g.label)}` : g.label, rest.filter((r) => groupOf(r.beneficiaries).id === g.id)));
  const first = persona ? [section('persona', `Pour vous : ${lowerFirst(beneficiaryLabel(persona))}`, mine)] : [];
  return [...first, ...sections].filter((s) => s.financial.length + s.actions.length);
}
