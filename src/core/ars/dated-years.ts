// A territory's ARS layer after a national file was imported: the national table's dated lists that name its
// communes become years of the layer, each from its arrêté's date, with every commune's class in force then
// (its new class, or the export's for a commune the lists leave alone). The year they follow says from when
// it is replaced, and by what, so that « nouvelle liste non importée » is no longer said there.
import { addDays } from '../dates.ts';
import { formatDate } from '../format.ts';
import type { BundleZonage } from '../zonage/bundle.ts';
import { PARTS } from './schemes.ts';
import { classesAt, type ArsTableFile } from './table-file.ts';

/** « arrêté du 30 décembre 2025 (fichier national DataSanté du 30 juillet 2026) », as a replacement's « by ». */
export const listAct = (from: string, inForceOn: string) => `arrêté du ${formatDate(from)} (fichier national DataSanté du ${formatDate(inForceOn)})`;

/**
 * The base year (the export) with its replacement completed, then one year per arrêté date of the lists naming
 * the territory's communes (after the base year's validity only). Numbered by the arrêté's year, or the next
 * free one of the layer.
 */
export function datedYears(table: Pick<ArsTableFile, 'classes' | 'lists'>, communes: Set<string>, base: BundleZonage, taken: number[]): BundleZonage[] {
  const lists = (table.lists ?? []).filter((l) => l.from > base.validUntil && Object.values(l.classes).some((codes) => codes.split(' ').some((c) => communes.has(c))));
  if (!lists.length) return [base];
  const used = new Set(taken);
  const years: BundleZonage[] = [];
  for (const [i, list] of lists.entries()) {
    const next = lists[i + 1];
    const classes: Record<string, string> = {};
    for (const [code, c] of classesAt(table, list.from)) if (communes.has(code)) classes[code] = c.class;
    const parts = Object.fromEntries(Object.entries(base.parts ?? {}).filter(([code]) => classes[code] === PARTS));
    let year = Number(list.from.slice(0, 4));
    while (used.has(year)) year++;
    used.add(year);
    years.push({
      year,
      scheme: base.scheme,
      profession: base.profession,
      ...(base.authority ? { authority: base.authority } : {}),
      validFrom: list.from,
      validUntil: next ? addDays(next.from, -1) : list.inForceOn,
      ...(next ? { replaced: { from: next.from, by: listAct(next.from, next.inForceOn), listFrom: next.from } } : { lastKnown: true }),
      example: false,
      source: list.source,
      classes: Object.fromEntries(Object.entries(classes).sort(([a], [b]) => (a < b ? -1 : 1))),
      ...(Object.keys(parts).length ? { parts } : {}),
    });
  }
  const first = lists[0];
  // The export: replaced from the act's publication when known (data/ars/schemes.json), else from the new list.
  const replaced = base.replaced ? { from: base.replaced.from, by: base.replaced.by, listFrom: first.from } : { from: first.from, by: listAct(first.from, first.inForceOn), listFrom: first.from };
  return [{ ...base, replaced }, ...years];
}
