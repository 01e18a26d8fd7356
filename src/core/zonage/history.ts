// A zonage over time: the communes whose class changed between two views, and one commune's class in
// every published year.
import { defaultScheme, dateForYear, type ZonageBundle, type ZonageView } from './bundle.ts';
import { effectiveZonage } from './model.ts';

export interface ClassChange {
  code: string;
  from: string;
  to: string;
  /** 'hausse' when the commune becomes more prioritised (earlier in the scheme's order). */
  direction: 'hausse' | 'baisse';
}

/** Communes whose effective class differs between two views of the same scheme, ordered by code. */
export function classChanges(before: ZonageView, after: ZonageView): ClassChange[] {
  if (before.scheme.id !== after.scheme.id) return [];
  const rank = new Map(after.scheme.classes.map((k, i) => [k.id, i]));
  const changes: ClassChange[] = [];
  for (const [code, now] of after.classes) {
    const was = before.classes.get(code);
    if (!was || was.effective === now.effective) continue;
    changes.push({ code, from: was.effective, to: now.effective, direction: rank.get(now.effective)! < rank.get(was.effective)! ? 'hausse' : 'baisse' });
  }
  return changes.sort((a, b) => (a.code < b.code ? -1 : 1));
}

export interface ZoneHistoryEntry {
  year: number;
  /** The date the year is read at (see dateForYear). */
  date: string;
  base: string;
  effective: string;
  reason: string;
}

/** A commune's class in each published zonage of a profession, oldest first; years it was not classed
 * (e.g. before a merger) are left out. */
export function zoneHistory(b: ZonageBundle, code: string, profession: string, today: string, schemeId = defaultScheme(b, profession)): ZoneHistoryEntry[] {
  const scheme = (id: string) => b.schemes.find((s) => s.id === id)!;
  return b.zonages
    .filter((z) => z.profession === profession && z.scheme === schemeId && z.classes[code] !== undefined)
    .sort((x, y) => x.year - y.year)
    .map((z) => {
      const date = dateForYear(z, today);
      const one = { ...z, territory: b.territory, classes: new Map([[code, z.classes[code]]]) };
      const c = effectiveZonage(one, scheme(z.scheme), b.rules, b.practitioners.rows, b.pharmacies.rows, date, b.counts).get(code)!;
      return { year: z.year, date, base: c.base, effective: c.effective, reason: c.reasons[0] };
    });
}
