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
  words: string[];
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

export function buildSearchIndex(territories: Array<{ id: string; communes: Commune[] }>): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const t of territories)
    for (const c of t.communes) {
      const base = { code: c.code, nom: c.nom, territory: t.id, postalCodes: c.codesPostaux, population: c.population };
      const key = searchKey(c.nom);
      entries.push({ ...base, matched: c.nom, former: false, key, words: key.split(' ') });
      for (const a of c.anciennes) {
        const k = searchKey(a.nom);
        // Former codes without a name (a.nom === a.code) and the commune itself are not names to find.
        if (a.nom === a.code || k === key) continue;
        entries.push({ ...base, matched: a.nom, former: true, key: k, words: k.split(' ') });
      }
    }
  return entries;
}

/** How well the words match a name: exact, prefix, every word a word-prefix, or contained; 0 if not. */
function nameScore(e: SearchEntry, words: string[], joined: string): number {
  if (e.key === joined) return 100;
  if (e.key.startsWith(joined)) return 80;
  // Every query word starts a word of the name, in order (« jean angely » finds Saint-Jean-d'Angély).
  let at = 0;
  let inOrder = true;
  for (const w of words) {
    const i = e.words.findIndex((x, j) => j >= at && x.startsWith(w));
    if (i < 0) {
      inOrder = false;
      break;
    }
    at = i + 1;
  }
  if (inOrder) return 60;
  if (words.every((w) => e.words.some((x) => x.startsWith(w)))) return 50;
  return e.key.includes(joined) ? 30 : 0;
}

export function searchCommunes(index: SearchEntry[], query: string, limit = 10): SearchHit[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const best = new Map<string, SearchHit>();
  const keep = (partial: Omit<SearchHit, 'population'>, e: SearchEntry) => {
    const hit = { ...partial, population: e.population ?? 0 };
    const id = `${hit.territory}/${hit.code}`;
    const previous = best.get(id);
    if (!previous || previous.score < hit.score) best.set(id, hit);
  };
  const digits = trimmed.replace(/\s+/g, '');
  if (/^(\d{1,5}|2[ab]\d{0,3})$/i.test(digits)) {
    // INSEE codes (2A/2B in Corsica) and postal codes: exact first, then prefixes.
    const code = digits.toUpperCase();
    for (const e of index) {
      if (e.former) continue;
      if (e.code === code) keep({ code: e.code, nom: e.nom, territory: e.territory, via: `code INSEE ${e.code}`, score: 100 }, e);
      const postal = e.postalCodes.find((p) => p === code) ?? e.postalCodes.find((p) => p.startsWith(code));
      if (postal) keep({ code: e.code, nom: e.nom, territory: e.territory, via: `code postal ${postal}`, score: postal === code ? 95 : 40 }, e);
      else if (e.code.startsWith(code) && code.length >= 2) keep({ code: e.code, nom: e.nom, territory: e.territory, via: `code INSEE ${e.code}`, score: 35 }, e);
    }
  } else {
    const words = queryWords(trimmed);
    if (!words.length) return [];
    const joined = words.join(' ');
    for (const e of index) {
      const s = nameScore(e, words, joined);
      if (!s) continue;
      keep({
        code: e.code,
        nom: e.nom,
        territory: e.territory,
        ...(e.former ? { note: `ancienne commune ${e.matched}, aujourd'hui ${e.nom}` } : {}),
        // A current name beats a former one; among equals, larger communes first.
        score: s - (e.former ? 5 : 0),
      }, e);
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || b.population - a.population || a.nom.localeCompare(b.nom, 'fr'))
    .slice(0, limit);
}
