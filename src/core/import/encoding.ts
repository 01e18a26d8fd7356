// Decides a file's encoding once, on a sample of its start, then decodes the rest chunk by chunk with
// that encoding: a UTF-8 file with a few broken bytes further on stays UTF-8 (those lines are flagged
// by the reader), and nothing is decoded twice.

export type Encoding =
  | 'utf-8'
  | 'utf-8 (BOM)'
  | 'windows-1252'
  | 'utf-16le'
  | 'utf-16le (BOM)'
  | 'utf-16be'
  | 'utf-16be (BOM)';

/** How much of the file is looked at before deciding (the issue's « first megabyte »). */
export const SAMPLE_BYTES = 1 << 20;

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, œ, Œ, ’, …); some TextDecoder implementations
// (Node 20) decode "windows-1252" as Latin-1, so those 27 code points are mapped here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;
export const fixCp1252 = (text: string) => (C1.test(text) ? text.replace(C1, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]) : text);

/** What the first bytes say: the encoding and how many BOM bytes to skip. */
export function detectEncoding(sample: Uint8Array, complete: boolean): { encoding: Encoding; skip: number } {
  const [a, b, c] = sample;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8 (BOM)', skip: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le (BOM)', skip: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be (BOM)', skip: 2 };
  // UTF-16 without BOM: ASCII text has a zero byte in every other position.
  const n = Math.min(sample.length, 4096) & ~1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (n >= 4 && zeroOdd > n * 0.3 && zeroEven < n * 0.02) return { encoding: 'utf-16le', skip: 0 };
  if (n >= 4 && zeroEven > n * 0.3 && zeroOdd < n * 0.02) return { encoding: 'utf-16be', skip: 0 };
  try {
    // stream: true tolerates a character cut at the end of an incomplete sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return { encoding: 'utf-8', skip: 0 };
  } catch {
    return { encoding: 'windows-1252', skip: 0 };
  }
}

/** A streaming decoder for the chosen encoding; `decode(chunk)` then `decode()` at the end. */
export function textDecoder(encoding: Encoding): (chunk?: Uint8Array) => string {
  const label = encoding.startsWith('utf-16le') ? 'utf-16le' : encoding.startsWith('utf-16be') ? 'utf-16be' : encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  // ignoreBOM: the BOM has already been skipped; a second one would be content.
  const d = new TextDecoder(label, { ignoreBOM: true });
  const fix = label === 'windows-1252' ? fixCp1252 : (s: string) => s;
  return (chunk) => fix(chunk ? d.decode(chunk, { stream: true }) : d.decode());
}

/** UTF-8 (with or without BOM), UTF-16, else Windows-1252 (Excel's "CSV"): the whole text at once. */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const { encoding, skip } = detectEncoding(bytes.subarray(0, SAMPLE_BYTES), bytes.length <= SAMPLE_BYTES);
  const d = textDecoder(encoding);
  return { text: d(bytes.subarray(skip)) + d(), encoding };
}
