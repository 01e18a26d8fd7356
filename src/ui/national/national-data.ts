// The national view's data, fetched on demand and kept for the session: the ARS manifest and class tables
// (public/data/ars/), the national search file (public/data/search/communes.json).
import type { ArsTableFile } from '../../core/ars/table-file.ts';
import type { SearchData } from '../../core/search/data.ts';

export interface ArsManifest {
  reference: string;
  professions: Array<{ profession: string; source: string; exportedBefore: string; communes: number }>;
}

const cache = new Map<string, Promise<unknown>>();

function fetchJson<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = fetch(`${import.meta.env.BASE_URL}${path}`).then(async (r) => {
      if (!r.ok) throw new Error(`Fichier ${path} introuvable (HTTP ${r.status}).`);
      return (await r.json()) as T;
    });
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p;
}

export const loadArsManifest = () => fetchJson<ArsManifest>('data/ars/manifest.json');
export const loadArsTable = (profession: string) => fetchJson<ArsTableFile>(`data/ars/${encodeURIComponent(profession)}.json`);
export const loadSearchData = () => fetchJson<SearchData>('data/search/communes.json');
