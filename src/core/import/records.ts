// Text → physical lines → records, chunk by chunk. Every line end counts (CRLF, LF and lone CR, mixed
// in one file), so line numbers are those an editor shows. Formats that never quote (RPPS, FINESS) split
// on the separator only, a `"` being an ordinary character; quoting CSVs follow RFC 4180, a quoted value
// may span lines, and a quote left open is reported at its line and reading resumes at the next line.
// Hand-written rather than papaparse: it must number lines exactly and resume after a broken quote.

export interface TextRecord {
  /** Physical line the record starts on (1-based). */
  line: number;
  cells: string[];
  /** The record's text holds U+FFFD: bytes that were not valid in the file's encoding. */
  replaced: boolean;
}

/** A quoted value left open more than this is a broken quote, not a value on several lines. */
const MAX_OPEN_LINES = 100;
const MAX_OPEN_CHARS = 64 * 1024;

/** Cells of one record; `open` when a quoted value is still open at the end of the text. */
export function splitQuoted(s: string, sep: string): { cells: string[]; open: boolean } {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === 34 /* " */) {
      let v = '';
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) return { cells, open: true };
        v += s.slice(i, q);
        if (s.charCodeAt(q + 1) === 34) {
          v += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Text after the closing quote, up to the separator, is kept (as spreadsheets do).
      const e = s.indexOf(sep, i);
      cells.push(v + s.slice(i, e < 0 ? s.length : e));
      if (e < 0) return { cells, open: false };
      i = e + sep.length;
    } else {
      const e = s.indexOf(sep, i);
      if (e < 0) {
        cells.push(s.slice(i));
        return { cells, open: false };
      }
      cells.push(s.slice(i, e));
      i = e + sep.length;
    }
  }
}

/** A physical line longer than this (characters) is not a line of a table: the file is refused. */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * Splits text into physical lines as it arrives; a CR at the end of a chunk waits for a possible LF.
 * Linear: each chunk is scanned once and a partial line is kept as a list of pieces, joined only when
 * its end comes (rescanning a growing carry was quadratic on a file of one huge line). A line longer
 * than `maxLine` is reported once to `onTooLong` and nothing more is read.
 */
export class LineSplitter {
  private parts: string[] = [];
  private partsLength = 0;
  private pendingCR = false;
  private stopped = false;
  line = 0;
  constructor(
    private onLine: (text: string, line: number, end: string) => void,
    private onTooLong?: (line: number, chars: number) => void,
    private maxLine = MAX_LINE_CHARS,
  ) {}

  private emit(text: string, end: string): void {
    const whole = this.parts.length ? (this.parts.push(text), this.parts.join('')) : text;
    this.parts = [];
    this.partsLength = 0;
    if (whole.length > this.maxLine) return this.tooLong(whole.length);
    this.onLine(whole, ++this.line, end);
  }

  private tooLong(chars: number): void {
    this.stopped = true;
    this.parts = [];
    this.partsLength = 0;
    this.onTooLong?.(this.line + 1, chars);
  }

  push(text: string, final = false): void {
    if (this.stopped) return;
    let start = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.charCodeAt(0) === 10) {
        this.emit('', '\r\n');
        start = 1;
      } else if (text !== '' || final) this.emit('', '\r');
      else this.pendingCR = true;
      if (this.stopped) return;
    }
    const n = text.length;
    for (let i = start; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i === n - 1 && !final) {
        // maybe the CR of a CRLF: decided by the next chunk
        this.keep(text.slice(start, i));
        this.pendingCR = true;
        return;
      }
      const crlf = c === 13 && text.charCodeAt(i + 1) === 10;
      this.emit(text.slice(start, i), crlf ? '\r\n' : c === 13 ? '\r' : '\n');
      if (this.stopped) return;
      if (crlf) i++;
      start = i + 1;
    }
    if (start < n) this.keep(start === 0 ? text : text.slice(start));
    if (final && this.partsLength) this.emit('', '');
  }

  private keep(piece: string): void {
    if (!piece) return;
    this.parts.push(piece);
    this.partsLength += piece.length;
    if (this.partsLength > this.maxLine) this.tooLong(this.partsLength);
  }
}

/** Physical lines → records of cells, with quote handling when the format quotes. */
export class RecordReader {
  /** Set by the reader when the text may hold U+FFFD (checked per chunk, so clean files skip the per-line scan). */
  mayHaveReplaced = true;
  /** Formats that never quote: cells past this count are not needed, so not cut out. */
  limit: number | undefined;
  private open: { line: number; cell: number; text: string; lines: { text: string; line: number; end: string }[] } | undefined;

  constructor(
    private sep: string,
    private quoting: boolean,
    private onRecord: (r: TextRecord) => void,
    /** The line of a quote never closed, and the index of the cell it opens. */
    private onOpenQuote: (line: number, cell: number) => void,
  ) {}

  line(text: string, line: number, end: string): void {
    if (!this.quoting) {
      this.onRecord({ line, cells: text.split(this.sep, this.limit), replaced: this.mayHaveReplaced && text.includes('\uFFFD') });
      return;
    }
    if (this.open) {
      const o = this.open;
      o.lines.push({ text, line, end });
      o.text += o.lines[o.lines.length - 2].end + text;
      const r = splitQuoted(o.text, this.sep);
      if (!r.open) {
        this.open = undefined;
        this.onRecord({ line: o.line, cells: r.cells, replaced: o.text.includes('\uFFFD') });
      } else if (o.lines.length > MAX_OPEN_LINES || o.text.length > MAX_OPEN_CHARS) this.broken();
      return;
    }
    if (!text.includes('"')) {
      this.onRecord({ line, cells: text.split(this.sep), replaced: this.mayHaveReplaced && text.includes('\uFFFD') });
      return;
    }
    const r = splitQuoted(text, this.sep);
    if (r.open) this.open = { line, cell: r.cells.length, text, lines: [{ text, line, end }] };
    else this.onRecord({ line, cells: r.cells, replaced: text.includes('\uFFFD') });
  }

  /** The open quote's line is reported; the lines after it are read again as records of their own. */
  private broken(): void {
    const o = this.open!;
    this.open = undefined;
    this.onOpenQuote(o.line, o.cell);
    for (const l of o.lines.slice(1)) this.line(l.text, l.line, l.end);
  }

  end(): void {
    while (this.open) this.broken();
  }
}

/** The separator that splits the header line into the most fields (quotes respected). */
export function detectSeparator(header: string, candidates = [';', ',', '\t', '|']): string {
  let best = ',';
  let bestCount = 0;
  for (const sep of candidates) {
    const n = splitQuoted(header, sep).cells.length;
    if (n > bestCount) {
      best = sep;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The physical lines of a decoded text, cut by the streaming reader's splitter (CRLF, LF or CR; a final line
 * break ends the last line and opens none): the readers of whole texts (ARS lists, indicator tables) count
 * lines as the import does. A BOM is dropped; a line too long to be a table's is refused, never skipped.
 */
export function textLines(text: string, file = 'fichier'): string[] {
  const out: string[] = [];
  const splitter = new LineSplitter(
    (line) => void out.push(line),
    (line, chars) => {
      throw new Error(`${file}, ligne ${line} : ligne de plus de ${MAX_LINE_CHARS} caractères sans fin de ligne (${chars} lus) : ce n'est pas un tableau CSV lisible.`);
    },
  );
  splitter.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, true);
  return out;
}

/** The records of a decoded text (quotes read as the streaming reader reads them, a quoted value may span
 * lines), blank lines included as one empty cell; a quote never closed is reported by its line and cell. */
export function textRecords(text: string, sep: string, onOpenQuote: (line: number, cell: number) => void, file?: string): TextRecord[] {
  const out: TextRecord[] = [];
  const reader = new RecordReader(sep, true, (r) => void out.push(r), onOpenQuote);
  textLines(text, file).forEach((l, i) => reader.line(l, i + 1, '\n'));
  reader.end();
  return out.sort((a, b) => a.line - b.line);
}
