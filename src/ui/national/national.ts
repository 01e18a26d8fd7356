// The national view's logic, pure (no DOM): a profession's ARS class table read for the map (one `match`
// branch per class, listing its codes), its counts per class, and the rows of the accessible table.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { ArsTableFile } from '../../core/ars/table-file.ts';
import { arsClasses, type ArsClass, type ArsSchemes } from '../../core/ars/schemes.ts';
import { replacedAt } from '../../core/ars/replaced.ts';
import type { SearchData } from '../../core/search/data.ts';
import { departementOf } from '../../core/communes.ts';
import { normalizeKey } from '../../core/text.ts';

/** A commune the table does not classify stays white (never defaulted). */
export const UNCLASSIFIED = '#ffffff';

export interface NationalClass extends ArsClass {
  count: number;
  codes: string[];
}

/**
 * The classes of a profession's table at a date, in the scale's order, each with its communes (classes without
 * any are kept, count 0). Communes of a region whose zonage is replaced at the date leave their former class for
 * the « remplacé » class, listed last when some region is replaced. Without a date, the classes as written.
 */
export function nationalClasses(schemes: ArsSchemes, file: ArsTableFile, date?: string): NationalClass[] {
  const replaced = new Set(date ? replacedAt(file, date).flatMap((r) => r.departements) : []);
  const gone: string[] = [];
  const classes = arsClasses(schemes, file.profession).map((k) => {
    const codes: string[] = [];
    for (const c of file.classes[k.id] ? file.classes[k.id].split(' ') : []) (replaced.has(departementOf(c)) ? gone : codes).push(c);
    return { ...k, codes, count: codes.length };
  });
  if (!replaced.size) return classes;
  gone.sort();
  return [...classes, { ...schemes.replacedClass, codes: gone, count: gone.length }];
}

/** Commune code → class id. */
export function classOfCode(classes: NationalClass[]): Map<string, string> {
  return new Map(classes.flatMap((k) => k.codes.map((c): [string, string] => [c, k.id])));
}

/** `match` on the tiles' `code`: one branch per class listing its codes, so the style stays small. */
export function classExpression(classes: NationalClass[], value: (k: NationalClass) => string, fallback: string): ExpressionSpecification {
  const branches = classes.filter((k) => k.codes.length).flatMap((k) => [k.codes, value(k)]);
  return (branches.length ? ['match', ['get', 'code'], ...branches, fallback] : ['literal', fallback]) as unknown as ExpressionSpecification;
}

export const fillExpression = (classes: NationalClass[]) => classExpression(classes, (k) => k.color, UNCLASSIFIED);
export const patternExpression = (classes: NationalClass[]) => classExpression(classes, (k) => (k.pattern ? `motif-${k.pattern}` : ''), '');

export interface NationalRow {
  code: string;
  nom: string;
  departement: string;
  population: number | null;
  /** Class id, or '' when the table does not classify the commune. */
  classId: string;
}

export function nationalRows(search: SearchData, classOf: Map<string, string>): NationalRow[] {
  return search.communes.map(([code, nom, , population]) => ({
    code,
    nom,
    departement: search.departements[departementOf(code)] ?? departementOf(code),
    population,
    classId: classOf.get(code) ?? '',
  }));
}

export type SortKey = 'nom' | 'code' | 'departement' | 'population' | 'classId';

export interface TableQuery {
  text: string;
  classId: string;
  sort: SortKey;
  ascending: boolean;
}

/** Filters (name, code or département; class) and sorts; classes sort in the scale's order. */
export function queryRows(rows: NationalRow[], q: TableQuery, classOrder: string[]): NationalRow[] {
  const text = normalizeKey(q.text);
  const rank = new Map(classOrder.map((id, i) => [id, i]));
  const shown = rows.filter(
    (r) => (!q.classId || r.classId === q.classId) && (!text || r.code.startsWith(q.text.trim().toUpperCase()) || normalizeKey(r.nom).includes(text) || normalizeKey(r.departement).includes(text)),
  );
  const value = (r: NationalRow): string | number => (q.sort === 'classId' ? (rank.get(r.classId) ?? 99) : q.sort === 'population' ? (r.population ?? -1) : r[q.sort]);
  const collator = new Intl.Collator('fr');
  return shown.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)) || (a.code < b.code ? -1 : 1);
    return q.ascending ? c : -c;
  });
}

/** One page of rows (pages numbered from 1, clamped). */
export function pageOfRows<T>(rows: T[], page: number, size: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((p - 1) * size, p * size), page: p, pages };
}

/** West, south, east, north in degrees. */
export type Bbox = [number, number, number, number];

/** Where each département is, as the tiles' metadata says it (npm run build:tiles, `departements`). */
export interface DepartementView {
  code: string;
  nom: string;
  bbox: Bbox;
}

/**
 * The frame of the national map: an overseas département's box (?vue=974), or metropolitan France, the
 * union of the départements with a two-character code (Corse included). Undefined when the tiles lack it.
 */
export function areaBounds(departements: DepartementView[], area?: string): Bbox | undefined {
  const chosen = departements.filter((d) => (area ? d.code === area : d.code.length === 2));
  if (!chosen.length) return undefined;
  return chosen.reduce<Bbox>((b, { bbox }) => [Math.min(b[0], bbox[0]), Math.min(b[1], bbox[1]), Math.max(b[2], bbox[2]), Math.max(b[3], bbox[3])], [180, 90, -180, -90]);
}
