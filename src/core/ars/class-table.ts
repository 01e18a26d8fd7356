// What every ARS import produces: the import's report (read = accepted + rejected + ignored + unread), its
// accepted rows resolved to today's communes, then merged into one class per commune. Parts of a commune
// (merged communes, arrondissements) that disagree give the « selon la partie » state listing them; one
// place given two classes is a conflict, named, and listed the same way.
import { emptyReport, type ImportFormat, type ImportReport } from '../import/report.ts';
import type { SinkOptions } from '../import/table.ts';
import { PARTS } from './schemes.ts';

/** One accepted row: the place it names, today's commune, and its class id. */
export interface ArsEntry {
  line: number;
  /** The place's own code (former commune, arrondissement, delegated commune or the commune itself). */
  part: string;
  partName: string;
  commune: string;
  class: string;
}

export interface ArsPart {
  code: string;
  nom: string;
  class: string;
}

/** An ARS reader's report before its first row: the decoded text's size, its format and separator. */
export function arsReport(file: string, format: ImportFormat, separator: string, text: string): ImportReport<ArsEntry> {
  return { ...emptyReport<ArsEntry>(file), format, separator, bytes: new TextEncoder().encode(text).length };
}

/** Counts an accepted row, kept unless only the counts are wanted. */
export function acceptEntry(report: ImportReport<ArsEntry>, entry: ArsEntry, sink: SinkOptions): void {
  report.accepted++;
  if (sink.keepRows !== false) report.rows.push(entry);
}

export interface ClassTable {
  /** Today's commune code → class id (PARTS when its parts disagree). */
  classes: Map<string, string>;
  /** For PARTS communes: each part and its class. */
  parts: Map<string, ArsPart[]>;
  /** One place given different classes by different rows. */
  conflicts: string[];
  /** Rows repeating a place with the same class, counted once. */
  repeated: number;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function classTable(entries: ArsEntry[]): ClassTable {
  const byCommune = new Map<string, Map<string, ArsEntry[]>>();
  for (const e of entries) {
    const parts = byCommune.get(e.commune) ?? byCommune.set(e.commune, new Map()).get(e.commune)!;
    (parts.get(e.part) ?? parts.set(e.part, []).get(e.part)!).push(e);
  }
  const classes = new Map<string, string>();
  const partsOf = new Map<string, ArsPart[]>();
  const conflicts: string[] = [];
  let repeated = 0;
  for (const commune of [...byCommune.keys()].sort()) {
    const parts: ArsPart[] = [];
    for (const [code, rows] of byCommune.get(commune)!) {
      const distinct = [...new Set(rows.map((r) => r.class))];
      repeated += rows.length - distinct.length;
      if (distinct.length > 1) {
        conflicts.push(
          `${rows[0].partName} (${code}) : classements contradictoires ${rows.map((r) => `« ${r.class} » ligne ${r.line}`).join(', ')} ; aucun n'est retenu seul.`,
        );
      }
      for (const c of distinct) parts.push({ code, nom: rows[0].partName, class: c });
    }
    const distinct = new Set(parts.map((p) => p.class));
    if (distinct.size === 1) classes.set(commune, parts[0].class);
    else {
      classes.set(commune, PARTS);
      partsOf.set(commune, parts.sort((a, b) => byCode(a, b) || (a.class < b.class ? -1 : 1)));
    }
  }
  return { classes, parts: partsOf, conflicts, repeated };
}

/** Communes per class id, in the given order of ids (ids absent from the table count 0). */
export function countClasses(classes: Map<string, string>, ids: string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const c of classes.values()) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}
