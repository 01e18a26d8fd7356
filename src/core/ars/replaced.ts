// Regions whose ARS zonage of a profession a newer act replaced (data/ars/schemes.json, carried by the national
// class tables): from the act's publication, the file's classes there are no longer in force and the new list
// is not imported. Said with the status of any zonage (zonageStatus), read at a date (the app's today).
import { departementOf } from '../communes.ts';
import { zonageStatus, type ZonageStatus } from '../zonage/status.ts';
import type { ArsReplacement, ArsTableFile } from './table-file.ts';

/** The file's zonage in a replaced region as a dated zonage: in force at the export, then the last known one until the act. */
export const replacementStatus = (file: Pick<ArsTableFile, 'exportedBefore'>, r: ArsReplacement, date: string): ZonageStatus =>
  zonageStatus({ validFrom: file.exportedBefore, validUntil: file.exportedBefore, lastKnown: true, replaced: { from: r.from, by: r.by } }, date);

export interface ReplacedRegion extends ArsReplacement {
  status: ZonageStatus;
  /** « Nouvelle-Aquitaine : zonage remplacé le 3 février 2026 (publication de l'arrêté …) ; la nouvelle liste n'est pas encore importée ». */
  text: string;
}

/** The regions whose zonage is replaced at the date (none before the act's publication). */
export function replacedAt(file: Pick<ArsTableFile, 'exportedBefore' | 'replaced'>, date: string): ReplacedRegion[] {
  return (file.replaced ?? [])
    .map((r) => ({ ...r, status: replacementStatus(file, r, date) }))
    .filter((r) => r.status.state === 'remplace')
    .map((r) => ({ ...r, text: `${r.nom} : zonage ${r.status.text}` }));
}

/** The replaced region a commune (or an arrondissement) lies in at the date, if any. */
export function replacementOf(file: Pick<ArsTableFile, 'exportedBefore' | 'replaced'>, code: string, date: string): ReplacedRegion | undefined {
  const dep = departementOf(code);
  return replacedAt(file, date).find((r) => r.departements.includes(dep));
}

/**
 * What a territory's zonage read from the national table inherits, whatever the date: the replacement of the
 * region its communes lie in (the first one if several), and its communes outside that region (a territory
 * astride two regions, to be said). Undefined when none of its communes is in a replaced region.
 */
export function territoryReplacement(
  file: Pick<ArsTableFile, 'replaced'>,
  communes: Iterable<string>,
): { replaced: { from: string; by: string }; region: ArsReplacement; outside: string[] } | undefined {
  const codes = [...communes];
  for (const r of file.replaced ?? []) {
    const inside = codes.filter((c) => r.departements.includes(departementOf(c)));
    if (inside.length) return { replaced: { from: r.from, by: r.by }, region: r, outside: codes.filter((c) => !inside.includes(c)).sort() };
  }
  return undefined;
}
