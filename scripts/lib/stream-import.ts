// Runs an import sink over a file read as a Node stream: one chunk in memory at a time, progress on
// stderr when it is a terminal, and every rejection written to a file (--rejects) as it comes.
import fs from 'node:fs';
import path from 'node:path';
import { assertRegularFile, checkOutputPath } from './safe-files.ts';
import { paths } from './paths.ts';
import type { ImportSink, RowError } from '../../src/core/import/index.ts';
import { rejectCsvLine, rejectsCsvHeader } from '../../src/core/import/report.ts';
import { SAMPLE_BYTES, detectEncoding, textDecoder, type Encoding } from '../../src/core/import/encoding.ts';

/**
 * Collects every rejection of one or more imports into a CSV file, written in slices to a temporary file
 * renamed on close: the file named is never an input (checked) and never half-written.
 */
export class RejectsFile {
  private fd: number;
  private buffer = '';
  private temp: string;
  readonly target: string;
  constructor(
    readonly file: string,
    inputs: string[] = [],
  ) {
    this.target = checkOutputPath(file, '--rejects', inputs);
    fs.mkdirSync(path.dirname(this.target), { recursive: true });
    this.temp = `${this.target}.${process.pid}.tmp`;
    this.fd = fs.openSync(this.temp, 'wx');
    this.buffer = rejectsCsvHeader();
  }
  sink(name: string): (e: RowError) => void {
    return (e) => {
      this.buffer += rejectCsvLine(name, e);
      if (this.buffer.length > 1 << 16) this.flush();
    };
  }
  private flush() {
    fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
    fs.renameSync(this.temp, this.target);
  }
}

// IMPORT_MEMORY_STATS=1 (npm run bench): the RSS before the first file is read and the process's peak,
// printed on stderr at exit, so the bench measures the command itself.
let rssBefore: number | undefined;
function memoryStats() {
  if (!paths().importMemoryStats || rssBefore !== undefined) return;
  rssBefore = process.memoryUsage().rss;
  process.on('exit', () => process.stderr.write(`IMPORT_MEMORY_STATS ${JSON.stringify({ rssBefore, maxRss: process.resourceUsage().maxRSS * 1024, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 })}\n`));
}

const mo = (n: number) => `${(n / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Mo`;

/** Where progress is drawn: stderr, or the CLI command's io.stderr (only when it is a terminal). */
interface ProgressWriter {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Streams `file` into `sink`; shows progress on `to` (stderr by default) when it is a terminal. */
export async function streamFile<S extends ImportSink<unknown>>(file: string, sink: S, to: ProgressWriter | false = process.stderr): Promise<ReturnType<S['end']>> {
  const progress = to !== false && to.isTTY === true;
  memoryStats();
  const total = assertRegularFile(file).size;
  const name = path.basename(file);
  let last = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    sink.write(chunk as Buffer);
    if (sink.done?.()) break; // a file error stopped the reading: the rest of the file is not read
    if (progress && Date.now() - last > 250) {
      last = Date.now();
      const p = sink.progress();
      (to as ProgressWriter).write(`\r${name} : ${mo(p.bytes)} sur ${mo(total)} (${Math.round((100 * p.bytes) / Math.max(total, 1))} %), ${p.rows.toLocaleString('fr-FR')} lignes lues  `);
    }
  }
  if (progress && last) (to as ProgressWriter).write('\r\x1b[K');
  return sink.end() as ReturnType<S['end']>;
}

/**
 * Streams a text file to `onText` chunk by chunk, its encoding decided once on the first chunk (UTF-8
 * with or without BOM, UTF-16, else Windows-1252: see the core's encoding); returns that encoding.
 */
export async function streamText(file: string, onText: (text: string) => void): Promise<Encoding> {
  memoryStats();
  const total = assertRegularFile(file).size;
  let decode: ((chunk?: Uint8Array) => string) | undefined;
  let encoding: Encoding = 'utf-8';
  for await (const chunk of fs.createReadStream(file, { highWaterMark: SAMPLE_BYTES })) {
    const bytes = chunk as Buffer;
    if (!decode) {
      const d = detectEncoding(bytes, bytes.length >= total);
      encoding = d.encoding;
      decode = textDecoder(d.encoding);
      onText(decode(bytes.subarray(d.skip)));
    } else onText(decode(bytes));
  }
  if (decode) onText(decode());
  return encoding;
}
