// Conditions are read through one table of tests (by operator), never one `if` per aid: each gives its verdict
// (met, failed, unknown) and why, in a sentence: « Avoir 60 ans au plus : non (61 ans). »
import type { Profile } from './profile.ts';
import type { AllCondition, Condition, FieldCondition } from './schema.ts';
import type { Reason, Status } from './result.ts';
import { label, sentence, show } from './wording.ts';

export const TESTS: Record<FieldCondition['op'], (actual: unknown, expected: FieldCondition['value']) => boolean> = {
  '=': (a, e) => a === e,
  in: (a, e) => (e as unknown[]).includes(a),
  '<': (a, e) => Number(a) < Number(e),
  '<=': (a, e) => Number(a) <= Number(e),
  '>': (a, e) => Number(a) > Number(e),
  '>=': (a, e) => Number(a) >= Number(e),
};

export interface Facts {
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
export function test(c: Condition, f: Facts): Reason {
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
