// The streaming skeleton of every tabular format: bytes are written chunk by chunk; the encoding is
// decided on the first megabyte, the header picks the format, then each record is checked by the format's
// `row` and counted. Memory holds one chunk, the kept rows and the first rejections, whatever the size.
import { SAMPLE_BYTES, detectEncoding, textDecoder, type Encoding } from './encoding.ts';
import { LineSplitter, MAX_LINE_CHARS, RecordReader, detectSeparator, type TextRecord } from './records.ts';
import { addRejection, addWarning, checkCounts, emptyReport, q, type ImportFormat, type ImportReport, type RejectSink, type RowError, type Warning } from './report.ts';
import { normalizeKey } from '../text.ts';
import { count, formatInteger, plural } from '../format.ts';

export interface Column {
  key: string;
  label: string;
  required: boolean;
}

export interface RowContext {
  line: number;
  /** The trimmed cell of a column ('' when absent); a neutralised formula ('=…) is read back as written. */
  get: (key: string) => string;
  reject: (field: string, message: string) => void;
  warn: (field: string, message: string) => void;
  /** Counts the row under a reason instead of accepting it (national files). */
  ignore: (reason: string) => void;
}

export interface TableSpec<T> {
  format: ImportFormat;
  columns: Column[];
  /** Fixed separator; else detected on the header line. */
  separator?: string;
  /** False for formats that never quote: `"` is then an ordinary character. */
  quoting: boolean;
  /** Formats without a header (FINESS): fixed column names, and whether a first line is a title to skip. */
  fixedColumns?: { names: string[]; isTitle: (cells: string[]) => boolean };
  row: (ctx: RowContext) => T | undefined;
  /** A reason to count a row as ignored before checking its shape (other record types). */
  skip?: (cells: string[]) => string | undefined;
  /** Runs once every row is read (a zonage's completeness). */
  finish?: (report: ImportReport<T>) => void;
}

export interface ImportSink<T> {
  write(chunk: Uint8Array): void;
  end(): ImportReport<T>;
  /** Progress: bytes written so far and data rows read. */
  progress(): { bytes: number; rows: number };
  /** True once a file error stops the reading: the caller may stop sending bytes (a 500 MB line). */
  done?(): boolean;
}

export interface SinkOptions {
  /** Receives every rejection (the report keeps the first MAX_LISTED). */
  onReject?: RejectSink;
  /** Receives every warning (the report keeps the first MAX_LISTED). */
  onWarning?: (w: Warning) => void;
  /** Keep accepted rows in the report (false when only the counts are wanted). */
  keepRows?: boolean;
  /** Bytes looked at before deciding the encoding (tests lower it to exercise chunk boundaries). */
  sampleBytes?: number;
}

/** A spreadsheet formula neutralised by a leading apostrophe ('=1+1) is read back as its text. */
export const unneutralise = (v: string) => (v.length > 1 && v.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

const BINARY_SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'archive ZIP ou classeur .xlsx'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'classeur Excel .xls'],
  [[0x1f, 0x8b], 'fichier compressé .gz'],
  [[0x25, 0x50, 0x44, 0x46], 'document PDF'],
];

/** A file-level reason not to read a file as text, from its first bytes and decoded start. */
export function binaryReason(head: Uint8Array, text: string): string | undefined {
  for (const [sig, what] of BINARY_SIGNATURES) if (sig.every((b, i) => head[i] === b)) return what;
  const controls = text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return controls > 4 ? 'fichier binaire' : undefined;
}

/** A cell that reads as data, not as a column name: a commune code (17300, 2A004), a number or a date. */
const DATA_CELL = /^(\d[\dAB]\d{3}|\d+([.,]\d+)?|\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/;

export function tableSink<T>(file: string, choose: (firstLine: string) => TableSpec<T>, options: SinkOptions = {}): ImportSink<T> {
  const report = emptyReport<T>(file);
  const keepRows = options.keepRows !== false;
  let sample: Uint8Array[] | undefined = [];
  let sampled = 0;
  let decodeChunk: ((c?: Uint8Array) => string) | undefined;
  let stopped = false; // a file error that prevents reading any further (binary, empty)
  let spec: TableSpec<T> | undefined;
  let reader: RecordReader | undefined;
  let header: 'pending' | 'done' = 'pending';
  let index = new Map<string, number>();
  let headerLength = 0;
  let columnNames: string[] = [];
  let missingColumns = false;
  let rowsSeen = 0;
  let replacedFlagged = false;

  const fileError = (message: string) => report.fileErrors.push(message);
  const pushWarning = (w: Warning) => addWarning(report, w, options.onWarning);
  const pushReject = (e: RowError) => addRejection(report, e, options.onReject);

  const lines = new LineSplitter((text, line, end) => {
    if (!reader) {
      if (text.trim() === '') return; // blank lines before the header are not rows
      spec = choose(text);
      report.format = spec.format;
      report.separator = spec.separator ?? detectSeparator(text);
      reader = new RecordReader(report.separator, spec.quoting, onRecord, (l, cell) => {
        report.read++;
        if (missingColumns) return void report.unread++;
        const field = columnNames[cell]?.trim() || `n° ${cell + 1}`;
        pushReject({ line: l, field, message: `${file}, ligne ${l}, colonne « ${field} » : guillemet ouvert et jamais fermé ; la ligne est rejetée et la lecture reprend à la ligne suivante. Corrigez ce guillemet.` });
      });
    }
    reader.line(text, line, end);
  }, (line, chars) => {
    stopped = true;
    fileError(`${file}, ligne ${line} : ligne de plus de ${formatInteger(MAX_LINE_CHARS)} caractères sans fin de ligne (${formatInteger(chars)} lus) : ce n'est pas un tableau CSV lisible, la lecture s'arrête à cette ligne. Vérifiez le fichier (export complet, fins de ligne).`);
  });

  function onHeader(r: TextRecord): boolean {
    header = 'done';
    const s = spec!;
    let names = r.cells;
    let isData = false;
    if (s.fixedColumns) {
      names = s.fixedColumns.names;
      isData = !s.fixedColumns.isTitle(r.cells);
    }
    headerLength = names.length;
    columnNames = names.map(unneutralise);
    const keys = names.map((h) => normalizeKey(unneutralise(h)));
    index = new Map();
    for (const col of s.columns) {
      const i = keys.indexOf(normalizeKey(col.key));
      if (i >= 0) index.set(col.key, i);
    }
    // Formats that never quote only need the cells up to their last known column (not the 50 of RPPS).
    if (!s.quoting && index.size) reader!.limit = Math.max(...index.values()) + 1;
    const missing = s.columns.filter((c) => c.required && !index.has(c.key));
    if (missing.length) {
      missingColumns = true;
      const shown = r.cells.join(', ');
      // No known column and a first line that reads as data (a code, a number): the header line is missing.
      // That line is then a data row, counted as read (and unread, like every row of the file).
      if (!s.fixedColumns && index.size === 0 && r.cells.some((c) => DATA_CELL.test(c.trim()))) {
        fileError(
          `${file}, ligne ${r.line} : la ligne d'en-tête manque (première ligne lue : ${q(shown)}, qui ressemble à des données). Ajoutez en première ligne le nom des colonnes, séparés par « ${report.separator} » : ${s.columns.filter((c) => c.required).map((c) => `« ${c.key} »`).join(', ')}${s.columns.some((c) => !c.required) ? ` (facultatives : ${s.columns.filter((c) => !c.required).map((c) => `« ${c.key} »`).join(', ')})` : ''}. Aucune ligne n'a pu être lue.`,
        );
        return true;
      }
      fileError(
        `${file}, ligne ${r.line} : ${plural(missing.length, 'colonne obligatoire absente', 'colonnes obligatoires absentes')} : ${missing.map((m) => `« ${m.label} »`).join(', ')} (colonnes lues : ${shown.trim() ? q(shown) : 'aucune'} ; séparateur détecté : ${separatorName(report.separator)}). Aucune ligne n'a pu être lue.`,
      );
    }
    return isData;
  }

  // One context for every row, its fields reset per row: no closures created per row (millions of rows).
  const row = {
    line: 0,
    cells: [] as string[],
    rejected: false,
    ignored: false,
    ctx: undefined as unknown as RowContext,
  };
  row.ctx = {
    get line() {
      return row.line;
    },
    get: (key) => {
      const i = index.get(key);
      return i === undefined ? '' : unneutralise((row.cells[i] ?? '').trim()).trim();
    },
    reject: (field, message) => {
      if (!row.rejected) pushReject({ line: row.line, field, message: `${file}, ligne ${row.line}, colonne « ${field} » : ${message}` });
      row.rejected = true;
    },
    warn: (field, message) => pushWarning({ line: row.line, field, message: `${file}, ligne ${row.line}, colonne « ${field} » : ${message}` }),
    ignore: (reason) => {
      row.ignored = true;
      report.ignored[reason] = (report.ignored[reason] ?? 0) + 1;
    },
  };

  function onRecord(r: TextRecord): void {
    if (header === 'pending' && !onHeader(r)) return;
    const cells = r.cells;
    if (cells.length === 1 ? cells[0].trim() === '' : cells.every((v) => v.trim() === '')) return; // blank line: not a row
    report.read++;
    rowsSeen++;
    if (missingColumns) return void report.unread++;
    const s = spec!;
    const line = r.line;
    const skipped = s.skip?.(cells);
    if (skipped) return void (report.ignored[skipped] = (report.ignored[skipped] ?? 0) + 1);
    row.line = line;
    row.cells = cells;
    row.rejected = false;
    row.ignored = false;
    const ctx = row.ctx;
    if (r.replaced && report.encoding.startsWith('utf-8')) {
      replacedFlagged = true;
      pushWarning({ line, message: `${file}, ligne ${line} : octets invalides en UTF-8, remplacés par « \uFFFD » ; vérifiez les accents de cette ligne.` });
    }
    const short = s.columns.find((c) => c.required && index.get(c.key)! >= cells.length);
    if (short) {
      ctx.reject(short.key, `ligne incomplète (${count(cells.length, 'champ', 'champs')} sur ${headerLength}) : fichier tronqué ou séparateur différent ?`);
      return;
    }
    const value = s.row(ctx);
    if (row.ignored && !row.rejected) return;
    if (!row.rejected && value !== undefined) {
      if (keepRows) report.rows.push(value);
      report.accepted++;
    } else if (!row.rejected) ctx.reject('', 'ligne non lue.');
  }

  function startText(final: boolean): void {
    const head = concat(sample!);
    sample = undefined;
    if (head.length === 0) {
      stopped = true;
      return void fileError(`${file} : fichier vide.`);
    }
    const limit = options.sampleBytes ?? SAMPLE_BYTES;
    const { encoding, skip } = detectEncoding(head.subarray(0, limit), final && head.length <= limit);
    report.encoding = encoding;
    if (head.length === skip && final) {
      stopped = true;
      return void fileError(`${file} : fichier vide (seulement la marque d'encodage ${encoding}).`);
    }
    decodeChunk = textDecoder(encoding);
    const text = decodeChunk(head.subarray(skip));
    const binary = binaryReason(head, text);
    if (binary) {
      stopped = true;
      return void fileError(`${file} : ce n'est pas un fichier texte CSV (${binary}). Enregistrez-le au format « CSV » depuis le tableur.`);
    }
    pushText(text);
  }

  // The per-line U+FFFD check only runs on chunks (and the carry from the previous one) that hold one.
  let hadReplaced = true;
  function pushText(text: string, final = false): void {
    const has = text.includes('\uFFFD');
    if (reader) reader.mayHaveReplaced = has || hadReplaced;
    hadReplaced = has;
    lines.push(text, final);
  }

  return {
    write(chunk) {
      report.bytes += chunk.length;
      if (stopped) return;
      if (sample) {
        sample.push(chunk);
        sampled += chunk.length;
        if (sampled >= (options.sampleBytes ?? SAMPLE_BYTES)) startText(false);
        return;
      }
      pushText(decodeChunk!(chunk));
    },
    end() {
      if (sample) startText(true);
      if (!stopped) {
        pushText(decodeChunk!(), true);
        reader?.end();
        if (!reader) fileError(`${file} : aucune ligne d'en-tête (fichier sans texte).`);
        else if (header === 'pending') fileError(`${file} : aucune ligne d'en-tête.`);
      }
      if (!report.fileErrors.length && report.read === 0) pushWarning({ message: `${file} : aucune ligne de données après la ligne d'en-tête.` });
      if (replacedFlagged) pushWarning({ message: `${file} : encodage UTF-8 décidé sur le début du fichier ; des octets invalides plus loin ont été remplacés sur les lignes signalées.` });
      if (!report.fileErrors.length) spec?.finish?.(report);
      checkCounts(report);
      return report;
    },
    progress: () => ({ bytes: report.bytes, rows: rowsSeen }),
    done: () => stopped,
  };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const separatorName = (sep: string): string =>
  ({ ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation', '|': 'barre verticale' })[sep] ?? sep;

/** A sink that picks the real one from the first bytes (at least 16, or the whole file if shorter). */
export function deferredSink<T>(decide: (head: Uint8Array) => ImportSink<T>): ImportSink<T> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let sink: ImportSink<T> | undefined;
  const start = () => {
    const head = concat(parts);
    sink = decide(head);
    if (head.length) sink.write(head);
    parts = [];
  };
  return {
    write(chunk) {
      if (sink) return sink.write(chunk);
      parts.push(chunk);
      size += chunk.length;
      if (size >= 16) start();
    },
    end() {
      if (!sink) start();
      return sink!.end();
    },
    progress: () => sink?.progress() ?? { bytes: size, rows: 0 },
    done: () => sink?.done?.() ?? false,
  };
}

/** Runs a sink over bytes already in memory (the build, tests, small files). */
export function runSink<T>(sink: ImportSink<T>, bytes: Uint8Array): ImportReport<T> {
  sink.write(bytes);
  return sink.end();
}

export type { Encoding };
