// The search index (see index.ts for how a query reads it): the names' distinct words sorted, each with the
// names holding it, the communes' codes, and a work space for queries. Built once when the search box opens.
import type { SearchData } from './data.ts';
import { searchKey } from './key.ts';

/** The highest score a commune can get (scores are kept in a byte). */
export const MAX_SCORE = 127;

export interface SearchIndex {
  // Communes, most populous first: a commune's number is its rank, so the lower number wins a tie.
  code: string[];
  nom: string[];
  /** Postal codes joined by spaces, as in the file. */
  postal: string[];
  population: Float64Array;
  epci: Array<string | null>;
  territories: string[][];
  departements: Record<string, string>;
  // Names, current and former, in commune order: the commune, the name as written, its key, its words.
  nameCommune: Int32Array;
  nameFormer: Uint8Array;
  nameText: string[];
  nameKey: string[];
  nameWordStart: Int32Array;
  nameWords: Int32Array;
  nameFirstWord: Int32Array;
  // Distinct words of all names, sorted, each with the names holding it (postings), and grouped by length.
  words: string[];
  postingStart: Int32Array;
  postings: Int32Array;
  wordsByLength: Int32Array[];
  /** The letters of each word as bits: a cheap test before computing an edit distance. */
  wordLetters: Int32Array;
  // Multi-word names without their spaces, sorted, with their names: « larochelle » finds La Rochelle.
  glued: string[];
  gluedStart: Int32Array;
  gluedNames: Int32Array;
  // Distinct postal codes, sorted, with their communes; INSEE codes, sorted, with their commune.
  postalCodes: string[];
  postalStart: Int32Array;
  postalCommunes: Int32Array;
  inseeCodes: string[];
  inseeCommune: Int32Array;
  scratch: Scratch;
}

/** Per-query work space, allocated once: stamps avoid clearing arrays between queries. */
export interface Scratch {
  generation: number;
  nameGeneration: number;
  communeStamp: Uint32Array;
  nameStamp: Uint32Array;
  best: Uint8Array;
  bestName: Int32Array;
  found: Int32Array;
  count: number;
  histogram: Uint32Array;
}

/** Sorted keys and, for each, the numbers listed under it (in the order they were added). */
function postingList(map: Map<string, number[]>): { keys: string[]; start: Int32Array; items: Int32Array } {
  const keys = [...map.keys()].sort();
  const start = new Int32Array(keys.length + 1);
  keys.forEach((k, i) => (start[i + 1] = start[i] + map.get(k)!.length));
  const items = new Int32Array(start[keys.length]);
  keys.forEach((k, i) => items.set(map.get(k)!, start[i]));
  return { keys, start, items };
}

/** One bit per letter or digit class present in the word. */
export function letters(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) % 31);
  return bits;
}

export function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

export function buildSearchIndex(data: SearchData): SearchIndex {
  // Most populous first, then in the file's order (by code): one native numeric sort of packed keys.
  const SLOT = 2 ** 20;
  const packed = Float64Array.from(data.communes, (r, i) => -(r[3] ?? 0) * SLOT + i).sort();
  const rows = Array.from(packed, (k) => data.communes[((k % SLOT) + SLOT) % SLOT]);
  const territoriesOf = new Map<string, string[]>();
  for (const id of Object.keys(data.territories).sort())
    for (const code of data.territories[id]) territoriesOf.set(code, [...(territoriesOf.get(code) ?? []), id]);

  // Words get a number as first seen, renumbered once sorted: one map lookup per word of a name.
  const nameCommune: number[] = [];
  const nameFormer: number[] = [];
  const nameText: string[] = [];
  const nameKey: string[] = [];
  const nameWordStart = [0];
  const seenWords: number[] = [];
  const firstSeen = new Map<string, number>();
  const wordNames: number[][] = [];
  const postal = new Map<string, number[]>();
  const addName = (c: number, text: string, former: number) => {
    const n = nameText.length;
    const key = searchKey(text);
    nameCommune.push(c);
    nameFormer.push(former);
    nameText.push(text);
    nameKey.push(key);
    for (const w of key.split(' ')) {
      if (!w) continue;
      let id = firstSeen.get(w);
      if (id === undefined) {
        firstSeen.set(w, (id = wordNames.length));
        wordNames.push([]);
      }
      seenWords.push(id);
      const list = wordNames[id];
      if (list[list.length - 1] !== n) list.push(n);
    }
    nameWordStart.push(seenWords.length);
  };
  for (let c = 0; c < rows.length; c++) {
    const [, nom, postals, , , former] = rows[c];
    if (postals) for (const p of postals.split(' ')) push(postal, p, c);
    addName(c, nom, 0);
    for (const f of former) addName(c, f, 1);
  }
  const words = [...firstSeen.keys()].sort();
  const order = words.map((w) => firstSeen.get(w)!);
  const renumber = new Int32Array(order.length);
  order.forEach((old, i) => (renumber[old] = i));
  const postingStart = new Int32Array(words.length + 1);
  order.forEach((old, i) => (postingStart[i + 1] = postingStart[i] + wordNames[old].length));
  const postings = new Int32Array(postingStart[words.length]);
  order.forEach((old, i) => postings.set(wordNames[old], postingStart[i]));
  const nameWords = Int32Array.from(seenWords, (id) => renumber[id]);
  const byLength: number[][] = [];
  words.forEach((w, i) => (byLength[w.length] ??= []).push(i));
  const glued = new Map<string, number[]>();
  nameKey.forEach((k, n) => k.includes(' ') && push(glued, k.replace(/ /g, ''), n));
  const gluedList = postingList(glued);
  const postals = postingList(postal);
  // INSEE codes, sorted, each with its commune's rank.
  const rankOf = new Map(rows.map((r, c) => [r[0], c]));
  const inseeCodes = data.communes.map((r) => r[0]).sort();
  return {
    code: rows.map((r) => r[0]),
    nom: rows.map((r) => r[1]),
    postal: rows.map((r) => r[2]),
    population: Float64Array.from(rows, (r) => r[3] ?? 0),
    epci: rows.map((r) => (r[4] >= 0 ? data.epcis[r[4]] : null)),
    territories: rows.map((r) => territoriesOf.get(r[0]) ?? []),
    departements: data.departements,
    nameCommune: Int32Array.from(nameCommune),
    nameFormer: Uint8Array.from(nameFormer),
    nameText,
    nameKey,
    nameWordStart: Int32Array.from(nameWordStart),
    nameWords,
    nameFirstWord: Int32Array.from(nameWordStart.slice(0, -1), (k) => nameWords[k]),
    words,
    postingStart,
    postings,
    wordsByLength: Array.from(byLength, (ids) => Int32Array.from(ids ?? [])),
    wordLetters: Int32Array.from(words, letters),
    glued: gluedList.keys,
    gluedStart: gluedList.start,
    gluedNames: gluedList.items,
    postalCodes: postals.keys,
    postalStart: postals.start,
    postalCommunes: postals.items,
    inseeCodes,
    inseeCommune: Int32Array.from(inseeCodes, (code) => rankOf.get(code)!),
    scratch: {
      generation: 0,
      nameGeneration: 0,
      communeStamp: new Uint32Array(rows.length),
      nameStamp: new Uint32Array(nameText.length),
      best: new Uint8Array(rows.length),
      bestName: new Int32Array(rows.length),
      found: new Int32Array(rows.length),
      count: 0,
      histogram: new Uint32Array(MAX_SCORE + 1),
    },
  };
}

