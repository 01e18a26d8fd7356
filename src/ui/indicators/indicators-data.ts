// The indicator files, fetched when a page first needs them and kept for the session: a territory's
// (commune page, map colours) and the national APL table (#/france?couleurs=apl).
import { Indicators } from '../../core/indicators/indicators.ts';
import type { NationalAplFile, TerritoryIndicatorsFile } from '../../core/indicators/schema.ts';

const cache = new Map<string, Promise<unknown>>();

function fetchJson<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = fetch(`${import.meta.env.BASE_URL}${path}`).then(async (r) => {
      if (!r.ok) throw new Error(`Indicateurs indisponibles (${path} : ${r.status}).`);
      return (await r.json()) as T;
    });
    // A failed load may be retried later.
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p;
}

const territories = new Map<string, Promise<Indicators>>();
export function loadIndicators(territory: string): Promise<Indicators> {
  let p = territories.get(territory);
  if (!p) {
    p = fetchJson<TerritoryIndicatorsFile>(`data/indicators/${encodeURIComponent(territory)}.json`).then((f) => new Indicators(f));
    p.catch(() => territories.delete(territory));
    territories.set(territory, p);
  }
  return p;
}

export const loadNationalApl = () => fetchJson<NationalAplFile>('data/indicators/apl-france.json');
