// The national view's logic, pure (no DOM): a profession's ARS class table read for the map (one `match`
// branch per class, listing its codes), its counts per class, and the rows of the accessible table.
import type { ExpressionSpecification } from 'maplibre-gl';
import { classesAt, type ArsTableFile } from '../../core/ars/table-file.ts';
import { arsClasses, type ArsClass, type ArsSchemes } from '../../core/ars/schemes.ts';
import { replacedAt } from '../../core/ars/replaced.ts';
import type { SearchData } from '../../core/search/data.ts';
import { departementOf } from '../../core/communes.ts';
import { normalizeKey } from '../../core/text.ts';
import { formatDate } from '../../core/format.ts';

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
  // The dated lists of the national file begun by the date: a commune they name is drawn again in a replaced region.
  const at = classesAt(file, date);
  const byClass = new Map<string, string[]>();
  const gone: string[] = [];
  for (const [code, c] of at) {
    if (replaced.has(departementOf(code)) && !c.list) gone.push(code);
    else (byClass.get(c.class) ?? byClass.set(c.class, []).get(c.class)!).push(code);
  }
  const classes = arsClasses(schemes, file.profession).map((k) => {
    const codes = (byClass.get(k.id) ?? []).sort();
    return { ...k, codes, count: codes.length };
  });
  if (!replaced.size) return classes;
  gone.sort();
  return [...classes, { ...schemes.replacedClass, codes: gone, count: gone.length }];
}

/**
 * The national file's dated lists in force at the date, as the legend says them (« Nouvelle-Aquitaine : 4 293
 * communes classées à partir du 30 décembre 2025 — DataSanté…, fichier national des zonages du 30 juillet 2026 »),
 * and the names of the regions they cover (their « nouvelle liste non importée » is no longer said).
 */
export function listNotes(file: ArsTableFile, date: string): { notes: string[]; regions: Set<string> } {
  const lists = (file.lists ?? []).filter((l) => l.from <= date);
  const notes = lists.map((l) => {
    const n = Object.values(l.classes).reduce((k, codes) => k + codes.split(' ').length, 0);
    return `${l.regions.join(', ')} : ${n.toLocaleString('fr-FR')} commune${n > 1 ? 's' : ''} classée${n > 1 ? 's' : ''} à partir du ${formatDate(l.from)} — ${l.source}`;
  });
  return { notes, regions: new Set(lists.flatMap((l) => l.regions)) };
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
  /** The département's code (2A, 17, 971…): the table's filter, never mixed up with a commune's name. */
  departementCode: string;
  population: number | null;
  /** Class id, or '' when the table does not classify the commune. */
  classId: string;
}

export function nationalRows(search: SearchData, classOf: Map<string, string>): NationalRow[] {
  return search.communes.map(([code, nom, , population]) => ({
    code,
    nom,
    departement: search.departements[departementOf(code)] ?? departementOf(code),
    departementCode: departementOf(code),
    population,
    classId: classOf.get(code) ?? '',
  }));
}

export type SortKey = 'nom' | 'code' | 'departement' | 'population' | 'classId';

export interface TableQuery {
  /** A commune's name or the start of its INSEE code. */
  text: string;
  classId: string;
  /** A département's code, '' for all. */
  departement: string;
  sort: SortKey;
  ascending: boolean;
}

/**
 * Filters (name or code; département by its code, so that « Meuse » never brings Bogny-sur-Meuse of the
 * Ardennes; class) and sorts; classes sort in the scale's order.
 */
export function queryRows(rows: NationalRow[], q: TableQuery, classOrder: string[]): NationalRow[] {
  const text = normalizeKey(q.text);
  const rank = new Map(classOrder.map((id, i) => [id, i]));
  const shown = rows.filter(
    (r) =>
      (!q.classId || r.classId === q.classId) &&
      (!q.departement || r.departementCode === q.departement) &&
      (!text || r.code.startsWith(q.text.trim().toUpperCase()) || normalizeKey(r.nom).includes(text)),
  );
  const value = (r: NationalRow): string | number => (q.sort === 'classId' ? (rank.get(r.classId) ?? 99) : q.sort === 'population' ? (r.population ?? -1) : r[q.sort]);
  const collator = new Intl.Collator('fr');
  return shown.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)) || (a.code < b.code ? -1 : 1);
    return q.ascending ? c : -c;
  });
}

/** The départements present in the rows, by code (2A and 2B between 19 and 21, overseas last). */
export function departementsOf(rows: NationalRow[]): Array<{ code: string; nom: string }> {
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.departementCode)) seen.set(r.departementCode, r.departement);
  const key = (code: string) => (code === '2A' || code === '2B' ? `020${code[1]}` : code.padStart(3, '0'));
  return [...seen].map(([code, nom]) => ({ code, nom })).sort((a, b) => key(a.code).localeCompare(key(b.code)));
}

/** Communes and population of a class within a set of rows ('' = not classified by the file). */
export interface ClassTally {
  communes: number;
  population: number;
}

export interface DepartementAggregate {
  code: string;
  nom: string;
  communes: number;
  population: number;
  byClass: Map<string, ClassTally>;
}

/** Communes and population per class id ('' = not classified) of a set of rows. */
export function classTallies(rows: NationalRow[]): Map<string, ClassTally> {
  const byClass = new Map<string, ClassTally>();
  for (const r of rows) {
    const tally = byClass.get(r.classId) ?? { communes: 0, population: 0 };
    tally.communes += 1;
    tally.population += r.population ?? 0;
    byClass.set(r.classId, tally);
  }
  return byClass;
}

/** Per département: communes and population, and both per class; the sum of the classes is the total. */
export function departementAggregates(rows: NationalRow[]): DepartementAggregate[] {
  const byCode = new Map<string, NationalRow[]>();
  for (const r of rows) {
    const own = byCode.get(r.departementCode);
    if (own) own.push(r);
    else byCode.set(r.departementCode, [r]);
  }
  return departementsOf(rows).map(({ code, nom }) => {
    const own = byCode.get(code) ?? [];
    return { code, nom, communes: own.length, population: own.reduce((n, r) => n + (r.population ?? 0), 0), byClass: classTallies(own) };
  });
}

/** Overseas collectivités (975 and 98x: Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie…): no ARS. */
const OUTSIDE_ARS = /^(975|98\d)$/;

/**
 * How many rows the file classifies and why the others are not: overseas collectivités, which have no ARS
 * zonage, and communes the file does not list (created after its export, for instance). They add up to the rows.
 */
export function classedCount(rows: NationalRow[]): { classed: number; unclassified: number; outsideArs: number; missing: number } {
  let classed = 0;
  let outsideArs = 0;
  for (const r of rows) {
    if (r.classId) classed += 1;
    else if (OUTSIDE_ARS.test(r.departementCode)) outsideArs += 1;
  }
  return { classed, unclassified: rows.length - classed, outsideArs, missing: rows.length - classed - outsideArs };
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
