// The compact national class table of one profession (public/data/ars/<profession>.json) and its reading:
// for each class, the codes of today's communes joined by spaces; the parts of « selon la partie » communes.
import type { ArsPart, ClassTable } from './class-table.ts';
import type { ArsReplacedRegion } from './schemes.ts';

/** A replaced region as the table carries it: its name and départements, so that readers need no COG. */
export interface ArsReplacement extends ArsReplacedRegion {
  nom: string;
  departements: string[];
}

export interface ArsTableFile {
  profession: string;
  scheme: string;
  source: string;
  exportedBefore: string;
  /** Class id → commune codes, space-separated, sorted. */
  classes: Record<string, string>;
  /** Commune code → its parts, as [code, name, class]. */
  parts: Record<string, Array<[string, string, string]>>;
  /** Former code written in the file → [its name there, today's commune] (« 49069 » Champtoceaux → 49126 Orée d'Anjou). */
  former: Record<string, [string, string]>;
  /** Regions whose zonage a newer act replaced from a date (data/ars/schemes.json); absent when none. */
  replaced?: ArsReplacement[];
  /** Newer lists imported from the national DataSanté file, oldest first: each commune's class from its own
   * arrêté's date (src/core/ars/updates.ts); absent when none. */
  lists?: ArsDatedList[];
}

/** A dated list: the communes of one arrêté date, their class from that date. */
export interface ArsDatedList {
  /** The arrêté's date: the classes apply from it. */
  from: string;
  /** The national file's update date (`date_maj`): the list is known in force then. */
  inForceOn: string;
  /** « DataSanté, fichier national des zonages du 30 juillet 2026 ; arrêté du 30 décembre 2025 ». */
  source: string;
  /** Regions as the file names them. */
  regions: string[];
  /** Class id → commune codes, space-separated, sorted. */
  classes: Record<string, string>;
}

/** Each commune's class at a date: the table's, then each dated list begun by then (later ones win). */
export function classesAt(file: Pick<ArsTableFile, 'classes' | 'lists'>, date?: string): Map<string, { class: string; list?: ArsDatedList }> {
  const out = new Map<string, { class: string; list?: ArsDatedList }>();
  for (const [id, codes] of Object.entries(file.classes)) for (const c of codes.split(' ')) out.set(c, { class: id });
  for (const list of file.lists ?? []) {
    if (date !== undefined && list.from > date) continue;
    for (const [id, codes] of Object.entries(list.classes)) for (const c of codes.split(' ')) out.set(c, { class: id, list });
  }
  return out;
}

export function tableFile(meta: Omit<ArsTableFile, 'classes' | 'parts' | 'former' | 'replaced'>, table: ClassTable, order: string[], former: ArsTableFile['former'] = {}, replaced: ArsReplacement[] = []): ArsTableFile {
  const classes: Record<string, string> = {};
  for (const id of order) {
    const codes = [...table.classes].filter(([, c]) => c === id).map(([code]) => code).sort();
    if (codes.length) classes[id] = codes.join(' ');
  }
  const parts = Object.fromEntries([...table.parts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, ps]) => [code, ps.map((p): [string, string, string] => [p.code, p.nom, p.class])]));
  return { ...meta, classes, parts, former: Object.fromEntries(Object.entries(former).sort(([a], [b]) => (a < b ? -1 : 1))), ...(replaced.length ? { replaced } : {}) };
}

/** The classes of the given communes only (a territory's share), with the parts of those communes. */
export function readTable(file: ArsTableFile, communes?: Set<string>): { classes: Record<string, string>; parts: Record<string, ArsPart[]>; former: Array<{ code: string; nom: string; commune: string }> } {
  const classes: Record<string, string> = {};
  for (const [id, codes] of Object.entries(file.classes)) for (const code of codes.split(' ')) if (!communes || communes.has(code)) classes[code] = id;
  const parts: Record<string, ArsPart[]> = {};
  for (const [code, ps] of Object.entries(file.parts)) if (!communes || communes.has(code)) parts[code] = ps.map(([c, nom, cls]) => ({ code: c, nom, class: cls }));
  const former = Object.entries(file.former ?? {})
    .filter(([, [, commune]]) => !communes || communes.has(commune))
    .map(([code, [nom, commune]]) => ({ code, nom, commune }));
  return { classes, parts, former };
}
