// The national search file (public/data/search/communes.json, npm run build:search): every current commune
// of the COG with what the search box shows and matches, in rows rather than objects to stay small, and the
// communes of each territory so a hit can say which territory's page to open.
import { departementOf, type Cog } from '../communes.ts';
import type { Territory } from '../territory.ts';
import { searchKey } from './key.ts';

/** [INSEE code, name, postal codes joined by spaces, population or null, index in `epcis` or -1, former names]. */
export type SearchRow = [string, string, string, number | null, number, string[]];

export interface SearchData {
  $comment?: string;
  source: string;
  /** Names of the départements and overseas collectivities, by code. */
  departements: Record<string, string>;
  /** EPCI names, referred to by index from the rows. */
  epcis: string[];
  /** The codes of each territory's communes, by territory id. */
  territories: Record<string, string[]>;
  /** One row per current commune, by code. */
  communes: SearchRow[];
}

export function searchData(
  cog: Cog,
  territories: Array<{ id: string; selection: Territory['selection'] }>,
  departements: Array<{ code: string; nom: string }>,
  source: string,
): SearchData {
  const epcis: string[] = [];
  const epciIndex = new Map<string, number>();
  const communes: SearchRow[] = [];
  const known = new Set(departements.map((d) => d.code));
  const current = [...cog.current.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const c of current) {
    // The file carries no département per row: check once here that the code tells it.
    if (c.departement !== undefined && c.departement !== departementOf(c.code)) {
      throw new Error(`Commune ${c.code} (${c.nom}) : département ${c.departement} dans le COG, ${departementOf(c.code)} d'après son code.`);
    }
    if (!known.has(departementOf(c.code))) throw new Error(`Commune ${c.code} (${c.nom}) : département ${departementOf(c.code)} absent de la liste des départements.`);
    const d = cog.describe(c);
    let epci = -1;
    if (d.epci) {
      epci = epciIndex.get(d.epci.nom) ?? epcis.length;
      if (epci === epcis.length) {
        epcis.push(d.epci.nom);
        epciIndex.set(d.epci.nom, epci);
      }
    }
    // Former codes without a known name (nom === code), and names that are the commune's own, are not names to find.
    const key = searchKey(d.nom);
    const former = [...new Set(d.anciennes.filter((a) => a.nom !== a.code && searchKey(a.nom) !== key).map((a) => a.nom))];
    communes.push([d.code, d.nom, d.codesPostaux.join(' '), d.population, epci, former]);
  }
  const used = new Set(current.map((c) => departementOf(c.code)));
  return {
    source,
    departements: Object.fromEntries(departements.filter((d) => used.has(d.code)).map((d) => [d.code, d.nom])),
    epcis,
    territories: Object.fromEntries(territories.map((t) => [t.id, cog.select(t.selection).map((c) => c.code)])),
    communes,
  };
}

/** The file's text: one row per line, so a new COG edition shows as a readable diff. */
export function formatSearchData(data: SearchData): string {
  const { communes, $comment: _, ...head } = data;
  const top = JSON.stringify({ $comment: 'Généré par npm run build:search — ne pas modifier à la main.', ...head });
  return `${top.slice(0, -1)},"communes":[\n${communes.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}
