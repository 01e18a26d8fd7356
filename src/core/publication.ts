// The yearly import as the CLI, the publish command and the browser all run it: one importer per kind
// of file, the normalized file it gives, and the declaration of a newly published zonage year.
import type { Commune } from './communes.ts';
import { communeResolver, pharmaciesSink, practitionersSink, zonageSink, type CommuneResolver, type ImportReport, type ImportSink, type SinkOptions, type ZonageRow } from './csv-import.ts';
import { runSink } from './import/table.ts';
import { pharmaciesFile, practitionersFile, zonageFile } from './normalized.ts';
import type { ZonageYear } from './zonage-config.ts';
import type { Pharmacy, Practitioner, ZonageScheme } from './zonage.ts';

export type ImportKind = 'zonage' | 'medecins' | 'pharmacies';
export const IMPORT_KINDS: ImportKind[] = ['zonage', 'medecins', 'pharmacies'];
export const isImportKind = (k: unknown): k is ImportKind => IMPORT_KINDS.includes(k as ImportKind);

export interface ImportContext {
  communes: Commune[];
  schemes: ZonageScheme[];
  /** The profession of a zonage file. */
  profession: string;
  resolve?: CommuneResolver;
}

export type FileReport = ImportReport<unknown> & { missing: string[] };

/** The streaming importer of a kind of file: write chunks, then end() gives the report. */
export function importSink(kind: ImportKind, name: string, ctx: ImportContext, options?: SinkOptions): ImportSink<unknown> & { end(): FileReport } {
  const resolve = ctx.resolve ?? communeResolver(ctx.communes);
  const sink: ImportSink<unknown> =
    kind === 'zonage'
      ? zonageSink(name, { resolve, schemes: ctx.schemes, profession: ctx.profession, communes: ctx.communes }, options)
      : kind === 'medecins'
        ? practitionersSink(name, { resolve }, options)
        : pharmaciesSink(name, { resolve }, options);
  return {
    write: (chunk) => sink.write(chunk),
    progress: () => sink.progress(),
    end: () => {
      const r = sink.end() as FileReport;
      // `missing` lists the communes a zonage leaves unclassified.
      return { ...r, missing: r.missing ?? [] };
    },
  };
}

/** Runs the importer of a kind of file over bytes in memory. */
export function importFile(kind: ImportKind, name: string, bytes: Uint8Array, ctx: ImportContext): FileReport {
  return runSink(importSink(kind, name, ctx), bytes) as FileReport;
}

/** The normalized file's content: a zonage keeps the rows of its profession only. */
export function normalizedContent(kind: ImportKind, rows: unknown[], profession: string): string {
  if (kind === 'zonage') return zonageFile((rows as ZonageRow[]).filter((r) => r.profession === profession));
  return kind === 'medecins' ? practitionersFile(rows as Practitioner[]) : pharmaciesFile(rows as Pharmacy[]);
}

/** The zonage.json key of the practitioner and pharmacy lists. */
export const LIST_KEY = { medecins: 'practitioners', pharmacies: 'pharmacies' } as const;

/** A zonage year as published: an existing year keeps its file and validity unless told otherwise. */
export function publishedYear(
  previous: ZonageYear | undefined,
  y: { year: number; scheme: string; profession: string; source: string; validFrom?: string; validUntil?: string },
): ZonageYear {
  return {
    year: y.year,
    scheme: y.scheme,
    profession: y.profession,
    file: previous?.file ?? `zonages/${y.profession}-${y.year}.csv`,
    validFrom: y.validFrom ?? previous?.validFrom ?? `${y.year}-01-01`,
    validUntil: y.validUntil ?? previous?.validUntil ?? `${y.year}-12-31`,
    example: false,
    source: y.source,
  };
}

// ---- Commands shown for copy-paste ----------------------------------------------------------------
// A file name comes from the user's disk and may hold anything (`$(touch x).json`, quotes, spaces): it is
// single-quoted for a POSIX shell, where nothing is interpreted, and a leading « - » is made a path so the
// command never reads it as an option. Pages call these; they never build commands themselves.

/** A word as a POSIX shell reads it literally. */
export function shellQuote(word: string): string {
  const w = word.startsWith('-') ? `./${word}` : word;
  return /^[A-Za-z0-9._/@%+=:,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The publish command for a file checked in the browser. */
export function publishCommand(o: { kind: ImportKind; file: string; territory: string; year?: number; profession?: string; keepValid?: boolean }): string {
  const zonage = o.kind === 'zonage' && o.year ? ` --year ${o.year}${o.profession ? ` --profession ${shellQuote(o.profession)}` : ''}` : '';
  return `npm run --silent publish:data -- ${o.kind} ${shellQuote(o.file)} --territory ${shellQuote(o.territory)}${zonage}${o.keepValid ? ' --keep-valid' : ''}`;
}

/** The command that accepts offer files reviewed in the browser. */
export function acceptOffersCommand(files: string[], territory: string, replace = false): string {
  return `npm run --silent cli -- offers accept ${files.map(shellQuote).join(' ')} --territory ${shellQuote(territory)}${replace ? ' --replace' : ''}`;
}
