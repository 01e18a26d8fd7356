// What the national DataSanté file changes for one territory, computed where the tables are at hand (the
// browser's staff space): a resolver of commune codes without the COG (the search file's current communes and
// the tables' former codes), and the territory's bundle with its ARS layers' new years and its areas.
import type { SearchData } from '../search/data.ts';
import type { BundleZonage, ZonageBundle } from '../zonage/bundle.ts';
import { areasFile, areasOf } from './areas.ts';
import type { CodeMatch } from './commune-index.ts';
import type { DatasanteReport } from './datasante.ts';
import { datedYears } from './dated-years.ts';
import type { ArsTableFile } from './table-file.ts';

/** Current codes from the search file; former codes as the national tables know them. */
export function searchResolver(search: SearchData, tables: ArsTableFile[]): { resolveCode(code: string): CodeMatch | undefined } {
  const names = new Map(search.communes.map(([code, nom]) => [code, nom]));
  const former = new Map<string, string>();
  for (const t of tables) for (const [code, [, commune]] of Object.entries(t.former ?? {})) former.set(code, commune);
  return {
    resolveCode(code) {
      if (names.has(code)) return { commune: code, nom: names.get(code)!, via: 'actuelle' };
      const now = former.get(code);
      return now && names.has(now) ? { commune: now, nom: names.get(now)!, via: 'ancienne' } : undefined;
    },
  };
}

/**
 * The territory's bundle once the updated tables are published: each ARS layer's base year (an export, `ars`)
 * followed by the new years of its dated lists, and the communes' territoires de vie-santé.
 */
export function previewBundle(bundle: ZonageBundle, tables: ArsTableFile[], report: DatasanteReport, communes: Set<string>): ZonageBundle {
  const byProfession = new Map(tables.map((t) => [t.profession, t]));
  const zonages: BundleZonage[] = [];
  for (const z of bundle.zonages) {
    const table = z.ars ? byProfession.get(z.ars) : undefined;
    // Years derived from an earlier import are rebuilt from the tables, not kept twice.
    if (!z.ars && !z.file && z.scheme.startsWith('ars-') && byProfession.has(z.profession)) continue;
    if (!table) {
      zonages.push(z);
      continue;
    }
    const taken = bundle.zonages.filter((x) => x.scheme === z.scheme && x.profession === z.profession && (x.ars || x.file)).map((x) => x.year);
    const { replaced, ...rest } = z;
    // The export's replacement as declared (data/ars/schemes.json), without the list date of an earlier import.
    const base = replaced ? { ...rest, replaced: { from: replaced.from, by: replaced.by } } : rest;
    zonages.push(...datedYears(table, communes, base, taken));
  }
  const areas = areasOf(areasFile(report, undefined), communes);
  return { ...bundle, zonages, ...(Object.keys(areas.communes).length ? { areas } : {}) };
}
