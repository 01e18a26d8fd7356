// Finding a commune of France by what people type: any case, accents, hyphens or apostrophes (« saint jean d
// angely »), « St »/« Ste », a typo (« la rochele »), a postal code (with or without its leading zero), an
// INSEE code, or a former or delegated commune's name (« Hiers-Brouage » → Marennes-Hiers-Brouage, with a note).
// The index holds the names' distinct words sorted, so the words starting with what was typed are one range found
// by binary search; a query reads only the names holding its rarest word, never all 37,000 names (npm run bench).
import { distance } from 'fastest-levenshtein';
import { bitCount, letters, MAX_SCORE, type Scratch, type SearchIndex } from './build.ts';
import { searchKey } from './key.ts';
import { departementOf } from '../communes.ts';

const ABBREVIATIONS = new Map([['st', 'saint'], ['ste', 'sainte'], ['sts', 'saints'], ['stes', 'saintes']]);
/** A commune's name has at most a dozen words: a longer paste is cut (500,000 words took 14 s). */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 12;

/** The query's words, with « st »/« ste » expanded. */
export const queryWords = (query: string): string[] =>
  searchKey(query.slice(0, MAX_QUERY_CHARS))
    .split(' ')
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => ABBREVIATIONS.get(w) ?? w);

export interface SearchHit {
  code: string;
  nom: string;
  /** The territory whose pages show this commune, or null for a commune outside every territory. */
  territory: string | null;
  /** Every territory holding the commune (a territory may lie inside another). */
  territories: string[];
  departement: { code: string; nom: string };
  epci: string | null;
  /** « ancienne commune Hiers-Brouage, aujourd'hui Marennes-Hiers-Brouage » when the match is a former name. */
  note?: string;
  /** Why a code matched: « code postal 17400 », « code INSEE 17400 ». */
  via?: string;
  score: number;
  population: number;
}

// Scores: a higher one always wins; among equals, the more populous commune.
const CODE_SCORES = { postal: 100, postalPadded: 95, insee: 90, inseePadded: 85, postalPrefix: 40, inseePrefix: 35 };
const NAME_SCORES = { exact: 100, prefix: 80, wordsInOrder: 60, words: 50, typoWhole: 45, typo: 40, gluedPrefix: 39 };
const FORMER_PENALTY = 5;
/** The typo pass runs only when the exact and prefix matches found fewer communes than this. */
const TYPO_BELOW = 5;
/** Edits allowed in a word of this many letters: none under 4, 1 up to 7, then 2. */
const maxEdits = (length: number) => (length < 4 ? 0 : length < 8 ? 1 : 2);

/** Index of the first of the sorted strings that is ≥ value. */
function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range [lo, hi) of the sorted strings starting with prefix. */
const prefixRange = (sorted: string[], prefix: string): [number, number] => [lowerBound(sorted, prefix), lowerBound(sorted, `${prefix}\uffff`)];

/** Records a commune found with a score (and the name that matched, or -1), keeping its best score. */
function offer(s: Scratch, commune: number, score: number, name: number): void {
  if (s.communeStamp[commune] !== s.generation) {
    s.communeStamp[commune] = s.generation;
    s.best[commune] = score;
    s.bestName[commune] = name;
    s.found[s.count++] = commune;
  } else if (score > s.best[commune]) {
    s.best[commune] = score;
    s.bestName[commune] = name;
  }
}

function searchCodes(ix: SearchIndex, code: string): void {
  const s = ix.scratch;
  const padded = /^\d{4}$/.test(code) ? `0${code}` : null;
  const postalsFrom = (from: string, exactScore: number, prefixScore: number) => {
    const [lo, hi] = prefixRange(ix.postalCodes, from);
    for (let t = lo; t < hi; t++) {
      const score = ix.postalCodes[t] === from ? exactScore : prefixScore;
      for (let p = ix.postalStart[t]; p < ix.postalStart[t + 1]; p++) offer(s, ix.postalCommunes[p], score, -1);
    }
  };
  postalsFrom(code, CODE_SCORES.postal, CODE_SCORES.postalPrefix);
  if (padded) postalsFrom(padded, CODE_SCORES.postalPadded, CODE_SCORES.postalPadded);
  // INSEE codes: exact, or as a prefix from two characters on (a département).
  const [lo, hi] = code.length >= 2 ? prefixRange(ix.inseeCodes, code) : [0, 0];
  for (let t = lo; t < hi; t++) offer(s, ix.inseeCommune[t], ix.inseeCodes[t] === code ? CODE_SCORES.insee : CODE_SCORES.inseePrefix, -1);
  if (padded) {
    const t = lowerBound(ix.inseeCodes, padded);
    if (ix.inseeCodes[t] === padded) offer(s, ix.inseeCommune[t], CODE_SCORES.inseePadded, -1);
  }
}

/** What each query word matches: the words of the index in [lo, hi) by prefix, and close words by typo. */
interface WordMatch {
  lo: number;
  hi: number;
  typos: Map<number, number> | null;
}

/** The edits needed for word j to match the index's word t: 0 by prefix, a typo's distance, or -1. */
function editsFor(m: WordMatch, t: number): number {
  if (t >= m.lo && t < m.hi) return 0;
  return m.typos?.get(t) ?? -1;
}

/** Scores the names holding the rarest query word; with typos, a name needs at least one edit to count. */
function searchNames(ix: SearchIndex, words: string[], matches: WordMatch[], typoPass: boolean): void {
  const s = ix.scratch;
  const joined = words.join(' ');
  const postingsOf = (t: number) => ix.postingStart[t + 1] - ix.postingStart[t];
  const size = (m: WordMatch) => ix.postingStart[m.hi] - ix.postingStart[m.lo] + [...(m.typos?.keys() ?? [])].reduce((n, t) => n + postingsOf(t), 0);
  let rarest = 0;
  for (let j = 1; j < matches.length; j++) if (size(matches[j]) < size(matches[rarest])) rarest = j;
  const m = matches[rarest];
  const tokens = [...(m.typos?.keys() ?? [])];
  for (let t = m.lo; t < m.hi; t++) tokens.push(t);
  s.nameGeneration++;
  for (const t of tokens)
    for (let p = ix.postingStart[t]; p < ix.postingStart[t + 1]; p++) {
      const n = ix.postings[p];
      if (s.nameStamp[n] === s.nameGeneration) continue;
      s.nameStamp[n] = s.nameGeneration;
      const score = scoreName(ix, n, words, joined, matches, typoPass);
      if (score > 0) offer(s, ix.nameCommune[n], score - FORMER_PENALTY * ix.nameFormer[n], n);
    }
}

/** exact > prefix > every word starting a word of the name in order > in any order > typo (fewer edits first); 0 if not. */
function scoreName(ix: SearchIndex, n: number, words: string[], joined: string, matches: WordMatch[], typoPass: boolean): number {
  const from = ix.nameWordStart[n];
  const to = ix.nameWordStart[n + 1];
  let edits = 0;
  for (const m of matches) {
    let fewest = -1;
    for (let k = from; k < to; k++) {
      const e = editsFor(m, ix.nameWords[k]);
      if (e >= 0 && (fewest < 0 || e < fewest)) fewest = e;
    }
    if (fewest < 0) return 0;
    edits += fewest;
  }
  // Word by word in order: each query word matches a later word of the name than the previous one.
  let at = from;
  let inOrder = true;
  for (const m of matches) {
    while (at < to && editsFor(m, ix.nameWords[at]) < 0) at++;
    if (at === to) {
      inOrder = false;
      break;
    }
    at++;
  }
  if (typoPass) {
    if (edits === 0) return 0; // found by the exact and prefix pass
    const whole = inOrder && to - from === words.length;
    return Math.max(1, (whole ? NAME_SCORES.typoWhole : NAME_SCORES.typo) - 2 * (edits - 1));
  }
  const key = ix.nameKey[n];
  if (key === joined) return NAME_SCORES.exact;
  if (key.startsWith(joined)) return NAME_SCORES.prefix;
  return inOrder ? NAME_SCORES.wordsInOrder : NAME_SCORES.words;
}

/**
 * One word (« s », « saint », « mont »): exact names, then names starting with it, walked in commune order so the
 * walk stops at the `limit`-th current name; nothing else can rank above those. False when too few were found.
 */
function searchOneWord(ix: SearchIndex, word: string, m: WordMatch, limit: number): boolean {
  const s = ix.scratch;
  if (ix.words[m.lo] === word)
    for (let p = ix.postingStart[m.lo]; p < ix.postingStart[m.lo + 1]; p++) {
      const n = ix.postings[p];
      if (ix.nameKey[n] === word) offer(s, ix.nameCommune[n], NAME_SCORES.exact - FORMER_PENALTY * ix.nameFormer[n], n);
    }
  let current = 0;
  for (let n = 0; n < ix.nameFirstWord.length && current < limit; n++) {
    const t = ix.nameFirstWord[n];
    if (t < m.lo || t >= m.hi || ix.nameKey[n] === word) continue;
    offer(s, ix.nameCommune[n], NAME_SCORES.prefix - FORMER_PENALTY * ix.nameFormer[n], n);
    if (!ix.nameFormer[n]) current++;
  }
  return current >= limit;
}

/** Multi-word names written without their spaces (« larochelle », « saintjean »), when few names matched. */
function searchGlued(ix: SearchIndex, glued: string): void {
  if (glued.length < 4) return;
  const [lo, hi] = prefixRange(ix.glued, glued);
  for (let t = lo; t < hi; t++) {
    // A whole name is sure; a glued prefix crossing a word is a guess (« rochele » is not Roche-lez-Beaupré).
    const score = ix.glued[t] === glued ? NAME_SCORES.exact : NAME_SCORES.gluedPrefix;
    for (let p = ix.gluedStart[t]; p < ix.gluedStart[t + 1]; p++) {
      const n = ix.gluedNames[p];
      offer(ix.scratch, ix.nameCommune[n], score - FORMER_PENALTY * ix.nameFormer[n], n);
    }
  }
}

function exactFound(s: Scratch): boolean {
  for (let i = 0; i < s.count; i++) if (s.best[s.found[i]] >= NAME_SCORES.exact - FORMER_PENALTY) return true;
  return false;
}

/** Words of the index within a word's allowed edits, except those it already starts. */
function typosOf(ix: SearchIndex, word: string, m: WordMatch): Map<number, number> | null {
  const k = maxEdits(word.length);
  if (!k) return null;
  const near = new Map<number, number>();
  const bits = letters(word);
  for (let len = Math.max(1, word.length - k); len <= word.length + k; len++)
    for (const t of ix.wordsByLength[len] ?? []) {
      // Each edit adds or removes at most one letter: words differing by more letters are out.
      const other = ix.wordLetters[t];
      if (bitCount(bits & ~other) > k || bitCount(other & ~bits) > k || (t >= m.lo && t < m.hi)) continue;
      const d = distance(word, ix.words[t]);
      if (d <= k) near.set(t, d);
    }
  return near;
}

/** The best `limit` communes found: highest score, then rank; without sorting all of them. */
function best(s: Scratch, limit: number): number[] {
  const { histogram, found, best: score } = s;
  histogram.fill(0);
  for (let i = 0; i < s.count; i++) histogram[score[found[i]]]++;
  let cut = MAX_SCORE;
  let above = 0;
  while (cut > 0 && above + histogram[cut] < limit) above += histogram[cut--];
  const chosen: number[] = [];
  const atCut: number[] = []; // the lowest ranks scoring exactly `cut`, kept sorted
  const room = limit - above;
  for (let i = 0; i < s.count; i++) {
    const c = found[i];
    if (score[c] > cut) chosen.push(c);
    else if (score[c] === cut && room > 0 && (atCut.length < room || c < atCut[atCut.length - 1])) {
      let j = atCut.length;
      while (j > 0 && atCut[j - 1] > c) j--;
      atCut.splice(j, 0, c);
      if (atCut.length > room) atCut.pop();
    }
  }
  return chosen.concat(atCut).sort((a, b) => score[b] - score[a] || a - b);
}

function hit(ix: SearchIndex, c: number, code: string | null): SearchHit {
  const s = ix.scratch;
  const score = s.best[c];
  const name = s.bestName[c];
  const dep = departementOf(ix.code[c]);
  let via: string | undefined;
  if (code !== null) {
    const padded = `0${code}`;
    if (score === CODE_SCORES.insee || score === CODE_SCORES.inseePrefix) via = `code INSEE ${ix.code[c]}`;
    else if (score === CODE_SCORES.inseePadded) via = `code INSEE ${padded}`;
    else {
      const postals = ix.postal[c].split(' ');
      via = `code postal ${postals.find((p) => p === code) ?? postals.find((p) => p === padded) ?? postals.find((p) => p.startsWith(code))}`;
    }
  }
  return {
    code: ix.code[c],
    nom: ix.nom[c],
    territory: ix.territories[c][0] ?? null,
    territories: ix.territories[c],
    departement: { code: dep, nom: ix.departements[dep] ?? dep },
    epci: ix.epci[c],
    ...(name >= 0 && ix.nameFormer[name] ? { note: `ancienne commune ${ix.nameText[name]}, aujourd'hui ${ix.nom[c]}` } : {}),
    ...(via ? { via } : {}),
    score,
    population: ix.population[c],
  };
}

/**
 * A name with where it is, as people write it: « Ternant 17440 », « La Rochelle 17000 », « Ternant (17) »,
 * « Ternant, Charente-Maritime », « Ternant (Charente-Maritime) ». Returns the name part and a test of the
 * place (a postal or INSEE code, a département by code or name), or null when the query has no such part.
 */
export function placeQualifier(ix: SearchIndex, query: string): { name: string; where: (c: number) => boolean; via?: (c: number) => string } | null {
  const depByKey = (text: string) => Object.keys(ix.departements).find((d) => searchKey(ix.departements[d]) === searchKey(text));
  // A 5-character code beside a name: postal code first, else INSEE code.
  const code = /(^|[\s,(])(\d{5}|2[ab]\d{3})(?=$|[\s,)])/i.exec(query);
  if (code) {
    const name = (query.slice(0, code.index) + ' ' + query.slice(code.index + code[0].length)).replace(/[(),]/g, ' ').trim();
    const k = code[2].toUpperCase();
    if (name && /[a-z]/i.test(name)) {
      return {
        name,
        where: (c) => ix.postal[c].split(' ').includes(k) || ix.code[c] === k,
        via: (c) => (ix.postal[c].split(' ').includes(k) ? `code postal ${k}` : `code INSEE ${k}`),
      };
    }
  }
  // « (17) », « (2A) », « (Charente-Maritime) », or what follows the last comma.
  const paren = /\(([^()]*)\)\s*$/.exec(query);
  const comma = query.lastIndexOf(',');
  const [place, name] = paren ? [paren[1], query.slice(0, paren.index)] : comma > 0 ? [query.slice(comma + 1), query.slice(0, comma)] : ['', ''];
  if (!place.trim() || !name.trim()) return null;
  const p = place.trim().toUpperCase();
  const dep = Object.hasOwn(ix.departements, p) ? p : Object.hasOwn(ix.departements, p.padStart(2, '0')) ? p.padStart(2, '0') : depByKey(place);
  if (!dep) return null;
  return { name: name.trim(), where: (c) => departementOf(ix.code[c]) === dep };
}

const codeIndexes = new WeakMap<SearchIndex, Map<string, number>>();
/** Commune number by INSEE code, made on the first qualified query. */
function codeIndex(ix: SearchIndex): Map<string, number> {
  let m = codeIndexes.get(ix);
  if (!m) codeIndexes.set(ix, (m = new Map(ix.code.map((code, i) => [code, i]))));
  return m;
}

export function searchCommunes(ix: SearchIndex, typed: string, limit = 10): SearchHit[] {
  const query = typed.slice(0, MAX_QUERY_CHARS);
  const q = placeQualifier(ix, query);
  if (!q) return searchPlain(ix, query, limit);
  // The communes of that name in that place first, then the others of that name (a wrong postal code
  // does not hide the commune).
  const hits = searchPlain(ix, q.name, Math.max(limit, 200));
  const index = codeIndex(ix);
  const there: SearchHit[] = [];
  const elsewhere: SearchHit[] = [];
  for (const h of hits) {
    const c = index.get(h.code)!;
    if (q.where(c)) there.push(q.via ? { ...h, via: q.via(c) } : h);
    else elsewhere.push(h);
  }
  return [...there, ...elsewhere].slice(0, limit);
}

function searchPlain(ix: SearchIndex, query: string, limit: number): SearchHit[] {
  const trimmed = query.slice(0, MAX_QUERY_CHARS).trim();
  if (!trimmed) return [];
  const s = ix.scratch;
  s.generation++;
  s.count = 0;
  const compact = trimmed.replace(/\s+/g, '');
  if (/^(\d{1,5}|2[ab]\d{0,3})$/i.test(compact)) {
    const code = compact.toUpperCase();
    searchCodes(ix, code);
    return best(s, limit).map((c) => hit(ix, c, code));
  }
  const words = queryWords(trimmed);
  if (!words.length) return [];
  const matches: WordMatch[] = words.map((w) => {
    const [lo, hi] = prefixRange(ix.words, w);
    return { lo, hi, typos: null };
  });
  const m = matches[0];
  if (matches.every((m) => m.hi > m.lo) && !(words.length === 1 && searchOneWord(ix, words[0], m, limit))) searchNames(ix, words, matches, false);
  if (s.count < TYPO_BELOW) searchGlued(ix, words.join(''));
  // Typos only when few names matched, none of them exactly (« niort » is no typo of Nort-sur-Erdre).
  if (s.count < TYPO_BELOW && !exactFound(s)) {
    matches.forEach((m, j) => (m.typos = typosOf(ix, words[j], m)));
    if (matches.every((m) => m.hi > m.lo || m.typos?.size)) searchNames(ix, words, matches, true);
  }
  return best(s, limit).map((c) => hit(ix, c, null));
}
