// Finding a commune by what people type: any case, accents, hyphens or apostrophes (« saint jean d
// angely »), « St »/« Ste », a postal code, an INSEE code, or a former or delegated commune's name
// (« Hiers-Brouage » → Marennes-Hiers-Brouage, with a note). One linear pass over precomputed keys:
// fast enough for the 34,969 current communes and their former names (npm run bench).
import type { Commune } from './communes.ts';

/** « Saint-Jean-d'Angély » → « saint jean d angely »; œ and æ spelled out. */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** The query's words, with « st »/« ste » expanded. */
export const queryWords = (query: string): string[] =>
  searchKey(query)
    .split(' ')
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w);

export interface SearchEntry {
  code: string;
  nom: string;
  territory: string;
  /** The name matched: the commune's own, or a former or delegated commune's. */
  matched: string;
  former: boolean;
  key: string;
  postalCodes: string[];
  population: number | null;
}

export interface SearchHit {
  code: string;
  nom: string;
  territory: string;
  /** « ancienne commune Hiers-Brouage » when the match is a former name. */
  note?: string;
  /** Why it matched: « code postal 17000 », « code INSEE 17300 »… */
  via?: string;
  score: number;
  population: number;
}

/** Entries, and their keys in a plain array: the scan reads only the keys, which V8 walks much faster. */
export interface SearchIndex {
  entries: SearchEntry[];
  keys: string[];
  /** The keys after a space, to find word starts with one indexOf. */
  padded: string[];
  codes: string[];
  /** Postal codes of each entry, joined by spaces. */
  postals: string[];
  former: Uint8Array;
  population: Float64Array;
}

export function buildSearchIndex(territories: Array<{ id: string; communes: Commune[] }>): SearchIndex {
  const entries: SearchEntry[] = [];
  for (const t of territories)
    for (const c of t.communes) {
      const base = { code: c.code, nom: c.nom, territory: t.id, postalCodes: c.codesPostaux, population: c.population };
      const key = searchKey(c.nom);
      entries.push({ ...base, matched: c.nom, former: false, key });
      for (const a of c.anciennes) {
        const k = searchKey(a.nom);
        // Former codes without a name (a.nom === a.code) and the commune itself are not names to find.
        if (a.nom === a.code || k === key) continue;
        entries.push({ ...base, matched: a.nom, former: true, key: k });
      }
    }
  return {
    entries,
    keys: entries.map((e) => e.key),
    padded: entries.map((e) => ` ${e.key}`),
    codes: entries.map((e) => e.code),
    postals: entries.map((e) => e.postalCodes.join(' ')),
    former: Uint8Array.from(entries, (e) => (e.former ? 1 : 0)),
    population: Float64Array.from(entries, (e) => e.population ?? 0),
  };
}

/** How well the words match a name (its key, and the key after a space): exact, prefix, every word
 * starting a word of the name in order (« jean angely »), in any order, or contained; 0 if not. */
function nameScore(key: string, padded: string, words: string[], joined: string): number {
  if (key === joined) return 100;
  if (key.startsWith(joined)) return 80;
  let at = 0;
  let inOrder = true;
  for (const w of words) {
    const i = padded.indexOf(` ${w}`, at);
    if (i < 0) {
      inOrder = false;
      break;
    }
    at = i + w.length + 1;
  }
  if (inOrder) return 60;
  if (words.every((w) => padded.includes(` ${w}`))) return 50;
  return key.includes(joined) ? 30 : 0;
}

export function searchCommunes(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const { keys, padded, entries, codes, postals, former, population } = index;
  // Candidates as [score, entry] pairs; hits are built for the best ones only.
  const found: Array<[number, number, string?]> = [];
  const digits = trimmed.replace(/\s+/g, '');
  if (/^(\d{1,5}|2[ab]\d{0,3})$/i.test(digits)) {
    // INSEE codes (2A/2B in Corsica) and postal codes: exact first, then prefixes.
    const code = digits.toUpperCase();
    for (let i = 0; i < codes.length; i++) {
      if (former[i]) continue;
      if (codes[i] === code) found.push([100, i, `code INSEE ${code}`]);
      else if (postals[i].includes(code)) {
        const postal = entries[i].postalCodes.find((p) => p === code) ?? entries[i].postalCodes.find((p) => p.startsWith(code));
        if (postal) found.push([postal === code ? 95 : 40, i, `code postal ${postal}`]);
      } else if (code.length >= 2 && codes[i].startsWith(code)) found.push([35, i, `code INSEE ${codes[i]}`]);
    }
  } else {
    const words = queryWords(trimmed);
    if (!words.length) return [];
    const joined = words.join(' ');
    for (let i = 0; i < keys.length; i++) {
      // Cheap native test first: most names lack one of the words.
      const key = keys[i];
      if (!key.includes(words[0]) || !words.every((w) => key.includes(w))) continue;
      const s = nameScore(key, padded[i], words, joined);
      // A current name beats a former one.
      if (s) found.push([s - former[i] * 5, i]);
    }
  }
  // Best score first; among equals, larger communes first, then by name.
  found.sort((a, b) => b[0] - a[0] || population[b[1]] - population[a[1]] || (keys[a[1]] < keys[b[1]] ? -1 : keys[a[1]] > keys[b[1]] ? 1 : 0));
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const [score, i, via] of found) {
    const e = entries[i];
    const id = `${e.territory}/${e.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    hits.push({
      code: e.code,
      nom: e.nom,
      territory: e.territory,
      ...(e.former ? { note: `ancienne commune ${e.matched}, aujourd'hui ${e.nom}` } : {}),
      ...(via ? { via } : {}),
      score,
      population: e.population ?? 0,
    });
    if (hits.length === limit) break;
  }
  return hits;
}
