// The import report: exact counts for every line, and the first rejections and warnings listed (the
// complete list goes to a sink — a file in the CLI, a download in the browser — so memory stays bounded).
import type { Encoding } from './encoding.ts';

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface Warning {
  line?: number;
  field?: string;
  message: string;
}

export type ImportFormat = 'projet' | 'rpps' | 'finess' | 'finess-json' | 'datasante' | 'cartosante' | 'nom-code-postal';

export interface ImportReport<T> {
  file: string;
  /** Format recognised from the header: the project's simple CSV, or a national extraction. */
  format: ImportFormat;
  /** Data rows a person counts in the file: read = accepted + rejectedCount + ignored + unread. */
  read: number;
  accepted: number;
  rejectedCount: number;
  /** The first MAX_LISTED rejections (every one goes to the reject sink). */
  rejected: RowError[];
  /** Rows of a national file that concern another territory or profession: counted, not errors. */
  ignored: Record<string, number>;
  /** Rows a file-level error kept from being read (a required column missing, for example). */
  unread: number;
  /** Problems of the whole file (binary, empty, no header, required column missing). */
  fileErrors: string[];
  warningCount: number;
  /** The first MAX_LISTED warnings. */
  warnings: Warning[];
  encoding: Encoding;
  separator: string;
  /** Bytes read. */
  bytes: number;
  rows: T[];
}

export const MAX_LISTED = 1000;
/** A value quoted in a message is cut to this many characters. */
export const MAX_QUOTED = 200;

/** A file value as a message shows it: control characters blanked, cut to MAX_QUOTED characters. */
export function q(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `« ${clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean} »`;
}

export const ignoredCount = (r: ImportReport<unknown>) => Object.values(r.ignored).reduce((a, b) => a + b, 0);

export function emptyReport<T>(file: string): ImportReport<T> {
  return {
    file, format: 'projet', read: 0, accepted: 0, rejectedCount: 0, rejected: [], ignored: {}, unread: 0, fileErrors: [],
    warningCount: 0, warnings: [], encoding: 'utf-8', separator: ',', bytes: 0, rows: [],
  };
}

/** A report for a file that could not be read at all. */
export function failedReport<T>(file: string, message: string): ImportReport<T> {
  return { ...emptyReport<T>(file), fileErrors: [message] };
}

/** Every problem of a report, file errors first, as messages (the build and publish steps list them). */
export const problemsOf = (r: ImportReport<unknown>) => [...r.fileErrors, ...r.rejected.map((e) => e.message)];

/** True when nothing in the file was refused: no file error, no rejected row. */
export const isClean = (r: ImportReport<unknown>) => r.fileErrors.length === 0 && r.rejectedCount === 0;

/** Where every rejection goes besides the report's first ones. */
export type RejectSink = (e: RowError) => void;

/** Counts a rejection: every one to `sink`, the first MAX_LISTED listed in the report. */
export function addRejection(report: ImportReport<unknown>, e: RowError, sink?: RejectSink): void {
  report.rejectedCount++;
  if (report.rejected.length < MAX_LISTED) report.rejected.push(e);
  sink?.(e);
}

/** Counts a warning: every one to `sink`, the first MAX_LISTED listed in the report. */
export function addWarning(report: ImportReport<unknown>, w: Warning, sink?: (w: Warning) => void): void {
  report.warningCount++;
  if (report.warnings.length < MAX_LISTED) report.warnings.push(w);
  sink?.(w);
}

/** Every row read is accepted, rejected, ignored or left unread: a reader that lost one is a bug, not a result. */
export function checkCounts(report: ImportReport<unknown>): void {
  if (report.accepted + report.rejectedCount + ignoredCount(report) + report.unread !== report.read) throw new Error(`Comptage incohérent pour ${report.file}.`);
}

export function rejectsCsvHeader(): string {
  return 'fichier;ligne;colonne;message\n';
}

/** One rejection as a CSV line for the complete list (formulae neutralised, quotes doubled). */
export function rejectCsvLine(file: string, e: RowError): string {
  const cell = (v: string) => {
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cell(file), String(e.line), cell(e.field), cell(e.message)].join(';') + '\n';
}
