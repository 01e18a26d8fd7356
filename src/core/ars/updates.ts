// The national DataSanté file brought into the national ARS class tables: a commune whose arrêté is newer
// than the list in force for it (the export's date, or the last dated list that named it) takes its new class
// from that date, in a dated list of the table, as a newer ARS list does for a territory; an older or equal
// date changes nothing and is counted. The report says, per profession and region: communes updated,
// unchanged (same date), older, rejected.
import { formatDate } from '../format.ts';
import type { DatasanteReport } from './datasante.ts';
import type { ArsDatedList, ArsTableFile } from './table-file.ts';

export interface RegionCounts {
  region: string;
  updated: number;
  unchanged: number;
  older: number;
  rejected: number;
}

export interface ProfessionUpdate {
  profession: string;
  /** The table with its dated lists merged (unchanged when no commune is updated). */
  table: ArsTableFile;
  regions: RegionCounts[];
  totals: Omit<RegionCounts, 'region'>;
  /** The arrêté dates that brought new classes, with their communes. */
  dates: Array<{ from: string; communes: number; regions: string[] }>;
}

/** « DataSanté (doc en ligne sur data.gouv.fr), fichier national des zonages du 30 juillet 2026 ; arrêté du 30 décembre 2025 ». */
export const listSource = (source: string | null, dateMaj: string, from: string) =>
  `${source ?? 'DataSanté'}, fichier national des zonages du ${formatDate(dateMaj)} ; arrêté du ${formatDate(from)}`;

/** The date of the list in force for each commune: its last dated list, else the export's. */
function inForceDates(table: ArsTableFile): Map<string, string> {
  const dates = new Map<string, string>();
  for (const list of table.lists ?? []) for (const codes of Object.values(list.classes)) for (const c of codes.split(' ')) dates.set(c, list.from);
  return dates;
}

const sortCodes = (codes: Iterable<string>) => [...codes].sort().join(' ');

/** One profession's table updated from the file's accepted rows. */
export function updateTable(table: ArsTableFile, report: DatasanteReport, classOrder: string[]): ProfessionUpdate {
  const profession = table.profession;
  const dateMaj = report.dateMaj ?? '';
  const current = inForceDates(table);
  const counts = new Map<string, RegionCounts>();
  const tally = (region: string) => counts.get(region) ?? counts.set(region, { region, updated: 0, unchanged: 0, older: 0, rejected: 0 }).get(region)!;
  /** from → class → codes, and the regions of each date. */
  const fresh = new Map<string, { classes: Map<string, Set<string>>; regions: Set<string> }>();
  for (const row of report.rows) {
    const zone = row.zones[profession];
    if (!zone) continue;
    const before = current.get(row.code) ?? table.exportedBefore;
    const t = tally(row.region);
    if (zone.date < before) t.older++;
    else if (zone.date === before) t.unchanged++;
    else {
      t.updated++;
      const f = fresh.get(zone.date) ?? fresh.set(zone.date, { classes: new Map(), regions: new Set() }).get(zone.date)!;
      (f.classes.get(zone.class) ?? f.classes.set(zone.class, new Set()).get(zone.class)!).add(row.code);
      f.regions.add(row.region);
    }
  }
  for (const [region, by] of Object.entries(report.rejectedBy)) {
    const n = (by['*'] ?? 0) + (by[profession] ?? 0);
    if (n) tally(region).rejected += n;
  }
  // A list of the same arrêté date already imported takes the new communes (moved out of their former class there).
  const lists = new Map((table.lists ?? []).map((l) => [l.from, l]));
  for (const [from, f] of fresh) {
    const moved = new Set([...f.classes.values()].flatMap((s) => [...s]));
    const old = lists.get(from);
    const classes = new Map<string, Set<string>>();
    for (const [id, codes] of Object.entries(old?.classes ?? {})) classes.set(id, new Set(codes.split(' ').filter((c) => !moved.has(c))));
    for (const [id, codes] of f.classes) for (const c of codes) (classes.get(id) ?? classes.set(id, new Set()).get(id)!).add(c);
    const list: ArsDatedList = {
      from,
      inForceOn: old && old.inForceOn > dateMaj ? old.inForceOn : dateMaj,
      source: listSource(report.source, dateMaj, from),
      regions: [...new Set([...(old?.regions ?? []), ...f.regions])].sort(),
      classes: Object.fromEntries(classOrder.filter((id) => classes.get(id)?.size).map((id) => [id, sortCodes(classes.get(id)!)])),
    };
    lists.set(from, list);
  }
  const sorted = [...lists.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
  const regions = [...counts.values()].sort((a, b) => a.region.localeCompare(b.region, 'fr'));
  const sum = (k: keyof Omit<RegionCounts, 'region'>) => regions.reduce((n, r) => n + r[k], 0);
  return {
    profession,
    table: { ...table, ...(sorted.length ? { lists: sorted } : {}) },
    regions,
    totals: { updated: sum('updated'), unchanged: sum('unchanged'), older: sum('older'), rejected: sum('rejected') },
    dates: [...fresh].sort(([a], [b]) => (a < b ? -1 : 1)).map(([from, f]) => ({ from, communes: [...f.classes.values()].reduce((n, s) => n + s.size, 0), regions: [...f.regions].sort() })),
  };
}
