// Texts that name the commune. Most of an aid's result does not depend on which commune it is, only on a few
// of its facts (its class, whether its population meets a condition): the texts are written with a marker
// where the commune's name or population goes, and filled in for each commune. This is what lets the cache
// (cache.ts) keep a result for every commune with the same facts.
import { formatInteger } from '../format.ts';
import type { AidResult } from './result.ts';

/** Where the commune's name goes in a text. */
export const NOM = '\u0001';
/** Where the commune's population (« 1 234 habitants ») goes in a text. */
export const POP = '\u0005';

/** A text cut around the placeholders: pieces of text, and between them the commune's name or population. */
interface Hole {
  pieces: string[];
  /** For each gap between pieces, true when it is the population (otherwise the name). */
  population: boolean[];
}

/** A result computed without the commune's name and population, which placeholders stand for. */
export interface Template {
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

export function template(result: AidResult): Template {
  const holes = result.reasons.flatMap((r, i) => (hasHole(r.text) ? [{ i, ...cut(r.text) }] : []));
  const b = result.blocker;
  return { result, holes, ...(b && hasHole(b) ? { blocker: cut(b) } : {}) };
}

/** The commune's words for the placeholders; its population is formatted only when a text shows it. */
export interface Words {
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
export function named(t: Template, w: Words): AidResult {
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
