// Codes move: rows keyed on a year's codes are attached to today's communes. A former code alone is
// attached with a warning (Orée d'Anjou 49069 → 49126); several codes of one commune today (merged
// communes, arrondissements of Paris, Lyon, Marseille) are combined by the caller's rule and said so.
// Nothing is dropped silently: read = used + attached + rejected.
import type { CodeMatch } from '../ars/commune-index.ts';

export type Resolve = (code: string) => CodeMatch | undefined;

export interface RowIssue {
  file: string;
  sheet?: string;
  line: number;
  field: string;
  message: string;
}

export interface Resolved<T> {
  value: T;
  /** actuelle: the commune's own row; ancienne: one former code; fusion: several codes combined; arrondissements: its arrondissements combined. */
  via: 'actuelle' | 'ancienne' | 'fusion' | 'arrondissements';
  /** Codes of the file the value comes from, when not (only) the commune's own. */
  from?: string[];
}

export interface Resolution<T> {
  values: Map<string, Resolved<T>>;
  read: number;
  /** Rows under a current code. */
  used: number;
  /** Rows under a former code or an arrondissement, attached to today's commune. */
  attached: number;
  rejected: RowIssue[];
  warnings: RowIssue[];
}

export function resolveRows<R extends { line: number; code: string }, T>(
  where: { file: string; sheet?: string; field?: string },
  rows: R[],
  resolve: Resolve,
  combine: (rows: R[]) => T,
): Resolution<T> {
  const field = where.field ?? 'code_insee';
  const at = { file: where.file, ...(where.sheet ? { sheet: where.sheet } : {}) };
  const groups = new Map<string, Array<{ row: R; match: CodeMatch }>>();
  const res: Resolution<T> = { values: new Map(), read: rows.length, used: 0, attached: 0, rejected: [], warnings: [] };
  for (const row of rows) {
    const match = resolve(row.code);
    if (!match) {
      res.rejected.push({ ...at, line: row.line, field, message: `le code ${row.code} n'est ni une commune actuelle, ni une ancienne commune, ni un arrondissement du COG` });
      continue;
    }
    if (match.via === 'actuelle') res.used++;
    else res.attached++;
    groups.set(match.commune, [...(groups.get(match.commune) ?? []), { row, match }]);
  }
  for (const [commune, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = combine(group.map((g) => g.row));
    const codes = group.map((g) => g.row.code).sort();
    if (group.length === 1 && group[0].match.via === 'actuelle') {
      res.values.set(commune, { value, via: 'actuelle' });
      continue;
    }
    const nom = group[0].match.nom;
    const via = group.every((g) => g.match.via === 'arrondissement') ? 'arrondissements' : group.length === 1 ? 'ancienne' : 'fusion';
    res.values.set(commune, { value, via, from: codes });
    if (via === 'ancienne') {
      res.warnings.push({ ...at, line: group[0].row.line, field, message: `ancien code ${codes[0]} rattaché à la commune actuelle ${commune} (${nom})` });
    }
  }
  return res;
}

/** Mean weighted by a weight (the DREES's rule for an APL over several communes: standardised population). */
export function weightedMean(pairs: Array<[value: number | null, weight: number | null]>): number | null {
  let sum = 0;
  let w = 0;
  for (const [v, p] of pairs) {
    if (v === null || p === null || p <= 0) continue;
    sum += v * p;
    w += p;
  }
  return w > 0 ? Math.round((sum / w) * 1000) / 1000 : null;
}

/** Median weighted by population (the DREES: quantiles use the non-standardised population). */
export function weightedMedian(pairs: Array<[value: number | null, weight: number | null]>): number | null {
  const ok = pairs.filter((p): p is [number, number] => p[0] !== null && p[1] !== null && p[1] > 0).sort((a, b) => a[0] - b[0]);
  const total = ok.reduce((s, p) => s + p[1], 0);
  if (total === 0) return null;
  let acc = 0;
  for (const [v, w] of ok) {
    acc += w;
    if (acc >= total / 2) return v;
  }
  return ok[ok.length - 1][0];
}
