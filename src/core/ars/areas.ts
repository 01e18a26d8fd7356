// The territoire de vie-santé and the bassin de vie (or canton-ville) of each commune, as the national
// DataSanté file gives them: zonages are decided at that level, and the commune page says it. Kept compactly
// (names once per area) in data/ars/listes/territoires-sante.json; a territory's bundle carries its share.
import { formatDate } from '../format.ts';
import type { DatasanteReport } from './datasante.ts';

export interface AreasFile {
  source: string;
  /** The file's update date (ISO). */
  dateMaj: string;
  /** Territoire de vie-santé code → name. */
  tvs: Record<string, string>;
  /** Bassin de vie code → [name, type (« Bassin de vie », « Canton-ville »)]. */
  bvcv: Record<string, [string, string]>;
  /** Commune → [tvs code, bvcv code] ('' when none). */
  communes: Record<string, [string, string]>;
}

/** What a commune page shows. */
export interface CommuneAreas {
  tvs?: { code: string; lib: string };
  bvcv?: { code: string; lib: string; type: string };
}

/** The areas of the file's accepted rows, over those of a previous import (communes it does not name stay). */
export function areasFile(report: DatasanteReport, previous?: AreasFile): AreasFile {
  const out: AreasFile = {
    source: `${report.source ?? 'DataSanté'}, fichier national des zonages du ${formatDate(report.dateMaj ?? '')}`,
    dateMaj: report.dateMaj ?? '',
    tvs: { ...previous?.tvs },
    bvcv: { ...previous?.bvcv },
    communes: { ...previous?.communes },
  };
  for (const r of report.rows) {
    if (r.tvs) out.tvs[r.tvs.code] = r.tvs.lib;
    if (r.bvcv) out.bvcv[r.bvcv.code] = [r.bvcv.lib, r.bvcv.type];
    out.communes[r.code] = [r.tvs?.code ?? '', r.bvcv?.code ?? ''];
  }
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...out, tvs: sorted(out.tvs), bvcv: sorted(out.bvcv), communes: sorted(out.communes) };
}

/** The areas of some communes (a territory's), for its bundle. */
export function areasOf(file: AreasFile, communes: Iterable<string>): { source: string; communes: Record<string, CommuneAreas> } {
  const out: Record<string, CommuneAreas> = {};
  for (const code of communes) {
    const a = file.communes[code];
    if (!a) continue;
    const [tvs, bvcv] = a;
    out[code] = {
      ...(tvs && file.tvs[tvs] !== undefined ? { tvs: { code: tvs, lib: file.tvs[tvs] } } : {}),
      ...(bvcv && file.bvcv[bvcv] ? { bvcv: { code: bvcv, lib: file.bvcv[bvcv][0], type: file.bvcv[bvcv][1] } } : {}),
    };
  }
  return { source: file.source, communes: out };
}
