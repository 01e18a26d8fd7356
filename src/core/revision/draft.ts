// The draft over the proposal: manual classes with their argument, the final class of each commune, the
// counts and population per class, the comparison with last year (transition matrix, entering and leaving
// lists), the warnings, and whether it may be adopted.
import { OVERRIDE_REASONS, type Draft, type Method, type Override } from './schema.ts';
import type { Proposal } from './engine.ts';

export interface Row extends Proposal {
  final: string;
  override?: Override;
  /** Final class differs from last year's. */
  changed: boolean;
  warnings: string[];
}

export const emptyDraft = (method: Method, name: string, year: number): Draft => ({
  format: 'revision-zonage',
  name,
  territory: method.territory,
  year,
  method: { id: method.id, version: method.version },
  parameters: {},
  overrides: {},
});

/** Why an override cannot be adopted yet, or null when it is argued. */
export function overrideProblem(o: Override): string | null {
  if (!o.reason || !(OVERRIDE_REASONS as readonly string[]).includes(o.reason)) return 'motif manquant';
  if (!o.comment?.trim()) return 'commentaire manquant';
  return null;
}

export interface Rank {
  /** Class id → position, 0 = most prioritised. */
  order: Map<string, number>;
}

/**
 * Final rows with warnings. `neighbours` (code → adjacent codes) is optional: without it the « two classes
 * apart » check is not made. `arsPriority` are the ARS classes that should not end non prioritaire.
 */
export function draftRows(
  proposals: Proposal[],
  draft: Draft,
  method: Method,
  classIds: string[],
  opts: { neighbours?: Map<string, string[]>; arsPriority?: string[]; lowest?: string } = {},
): Row[] {
  const order = new Map(classIds.map((c, i) => [c, i]));
  const rows: Row[] = proposals.map((p) => {
    const override = draft.overrides[p.code];
    const final = override?.class ?? p.proposed;
    return { ...p, final, ...(override ? { override } : {}), changed: p.lastYear !== null && final !== p.lastYear, warnings: [] };
  });
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const lowest = opts.lowest ?? classIds[classIds.length - 1];
  const arsPriority = new Set(opts.arsPriority ?? ['zip']);
  for (const r of rows) {
    if (r.final === method.undetermined.id) r.warnings.push(`${method.undetermined.label} : ${r.missing.length ? `indicateur manquant (${r.missing.join(', ')})` : 'aucune règle ne s\'applique'}`);
    if (r.ars && arsPriority.has(r.ars) && r.final === lowest) r.warnings.push(`zone d'intervention prioritaire de l'ARS proposée ${lowest.replace(/-/g, ' ')}`);
    const evo = r.readings.find((x) => x.indicator === 'apl-evolution');
    if (r.lastYear && method.priority.includes(r.lastYear) && (order.get(r.final) ?? 0) > (order.get(r.lastYear) ?? 0) && typeof evo?.value === 'number' && evo.value < 0)
      r.warnings.push(`quitte une classe prioritaire alors que son APL a baissé (${evo.value.toFixed(2).replace('.', ',')} depuis ${evo.since})`);
    if (r.override) {
      const problem = overrideProblem(r.override);
      if (problem) r.warnings.push(`classe manuelle sans argument : ${problem}`);
    }
    const mine = order.get(r.final);
    if (mine !== undefined && opts.neighbours) {
      const far = (opts.neighbours.get(r.code) ?? []).filter((n) => {
        const o = order.get(byCode.get(n)?.final ?? '');
        return o !== undefined && Math.abs(o - mine) >= 2;
      });
      if (far.length) r.warnings.push(`voisine à deux classes d'écart : ${far.map((n) => byCode.get(n)!.nom).join(', ')}`);
    }
  }
  return rows;
}

export interface ClassCount {
  id: string;
  communes: number;
  population: number;
  lastCommunes: number;
  lastPopulation: number;
}

/** Communes and population per class, now and last year (undetermined included when present). */
export function classCounts(rows: Row[], classIds: string[], undetermined: string): ClassCount[] {
  const ids = [...classIds, undetermined];
  const m = new Map(ids.map((id) => [id, { id, communes: 0, population: 0, lastCommunes: 0, lastPopulation: 0 }]));
  for (const r of rows) {
    const c = m.get(r.final);
    if (c) {
      c.communes++;
      c.population += r.population;
    }
    const l = r.lastYear ? m.get(r.lastYear) : undefined;
    if (l) {
      l.lastCommunes++;
      l.lastPopulation += r.population;
    }
  }
  return ids.map((id) => m.get(id)!).filter((c) => c.id !== undetermined || c.communes > 0);
}

export interface Transition {
  from: string;
  to: string;
  communes: number;
  population: number;
}

/** Communes and population from each class of `before` to each final class (only non-empty cells). */
export function transitionMatrix(rows: Row[], before: (r: Row) => string | null): Transition[] {
  const m = new Map<string, Transition>();
  for (const r of rows) {
    const from = before(r) ?? 'aucune';
    const key = `${from}\u0000${r.final}`;
    const t = m.get(key) ?? m.set(key, { from, to: r.final, communes: 0, population: 0 }).get(key)!;
    t.communes++;
    t.population += r.population;
  }
  return [...m.values()].sort((a, b) => (a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1));
}

export interface Movement {
  code: string;
  nom: string;
  from: string | null;
  to: string;
  why: string;
}

/** For each class, the communes entering and leaving it compared with last year, with their reason. */
export function entersAndLeaves(rows: Row[], classIds: string[]): Array<{ id: string; entering: Movement[]; leaving: Movement[] }> {
  const why = (r: Row) => (r.override ? `classe manuelle — ${r.override.reason ?? 'motif manquant'}${r.override.comment ? ` : ${r.override.comment}` : ''}` : r.reason);
  return classIds.map((id) => ({
    id,
    entering: rows.filter((r) => r.changed && r.final === id).map((r) => ({ code: r.code, nom: r.nom, from: r.lastYear, to: r.final, why: why(r) })),
    leaving: rows.filter((r) => r.changed && r.lastYear === id).map((r) => ({ code: r.code, nom: r.nom, from: r.lastYear, to: r.final, why: why(r) })),
  }));
}

/** What blocks the adoption, in French, one line per commune; empty when it may be adopted. */
export function adoptionBlockers(rows: Row[], method: Method): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.override) {
      const p = overrideProblem(r.override);
      if (p) out.push(`${r.nom} (${r.code}) : classe manuelle, ${p}`);
    }
    if (r.final === method.undetermined.id) out.push(`${r.nom} (${r.code}) : classe ${method.undetermined.label.toLowerCase()}, à fixer à la main avec un motif`);
  }
  return out;
}

/** The zonage file of the adopted year, in the format the publish path reads (code_insee,zone). */
export function zonageCsv(rows: Row[]): string {
  return ['code_insee,zone', ...[...rows].sort((a, b) => (a.code < b.code ? -1 : 1)).map((r) => `${r.code},${r.final}`)].join('\n') + '\n';
}
