// The normalized zonage data of a territory, as built into public/data/<id>/zonage.json and read by
// the app and the CLI alike.
import type { ZoneAt } from './aid-engine.ts';
import type { DataFile, ZonageYear } from './zonage-config.ts';
import type { Movement } from './movements.ts';
import { effectiveZonage, type EffectiveClass, type Pharmacy, type Practitioner, type Zonage, type ZonageRule, type ZonageScheme } from './zonage.ts';

export interface ZonageBundle {
  territory: string;
  schemes: ZonageScheme[];
  rules: ZonageRule[];
  zonages: Array<ZonageYear & { classes: Record<string, string> }>;
  practitioners: DataFile & { rows: Practitioner[] };
  pharmacies: DataFile & { rows: Pharmacy[] };
  /** Every known movement: the register's dates merged with the declared file (already applied to
   * `practitioners`, so that the effective zonage at any date honours them). */
  movements: { declared: DataFile | null; rows: Movement[]; duplicates: number; notes: string[] };
}

export const professionsOf = (b: ZonageBundle): string[] => [...new Set(b.zonages.map((z) => z.profession))];

export const yearsOf = (b: ZonageBundle, profession: string): number[] =>
  b.zonages.filter((z) => z.profession === profession).map((z) => z.year).sort((x, y) => x - y);

export function zonageOf(b: ZonageBundle, profession: string, year: number): Zonage | undefined {
  const z = b.zonages.find((x) => x.profession === profession && x.year === year);
  if (!z) return undefined;
  return { ...z, territory: b.territory, classes: new Map(Object.entries(z.classes)) };
}

/** The date a yearly map shows: today when it falls in the zonage's validity, otherwise its last day. */
export function dateForYear(z: Pick<ZonageYear, 'validFrom' | 'validUntil'>, today: string): string {
  if (today < z.validFrom) return z.validFrom;
  return today > z.validUntil ? z.validUntil : today;
}

export interface ZonageView {
  zonage: Zonage;
  scheme: ZonageScheme;
  date: string;
  classes: Map<string, EffectiveClass>;
  /** Commune count per effective class, in the scheme's order. */
  counts: Array<{ id: string; count: number }>;
  /** Communes whose class a rule changed. */
  ruled: string[];
  example: boolean;
}

export function zonageView(b: ZonageBundle, profession: string, year: number, date: string): ZonageView | undefined {
  const zonage = zonageOf(b, profession, year);
  if (!zonage) return undefined;
  const scheme = b.schemes.find((s) => s.id === zonage.scheme)!;
  const classes = effectiveZonage(zonage, scheme, b.rules, b.practitioners.rows, b.pharmacies.rows, date);
  const counts = scheme.classes.map((k) => ({ id: k.id, count: [...classes.values()].filter((c) => c.effective === k.id).length }));
  const ruled = [...classes.values()].filter((c) => c.rule).map((c) => c.code);
  const example = zonage.example || b.practitioners.example || b.pharmacies.example;
  return { zonage, scheme, date, classes, counts, ruled, example };
}

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

/** The zonage of a profession in force at a date: the one whose period covers it, otherwise the latest
 * published before it (a zonage stays in force until the next review). */
export function zonageInForce(b: ZonageBundle, profession: string, date: string): ZonageBundle['zonages'][number] | undefined {
  const own = b.zonages.filter((z) => z.profession === profession && z.validFrom <= date).sort((x, y) => (x.validFrom < y.validFrom ? -1 : 1));
  return own.find((z) => z.validUntil >= date) ?? own[own.length - 1];
}

/** Commune code → profession → its effective class at the resolver's date. */
export type ZoneResolver = (code: string) => (profession: string) => ZoneAt | undefined;

/** Effective classes at a date for the aid engine, one zonage view per profession, computed once. */
export function zoneResolver(b: ZonageBundle, date: string): ZoneResolver {
  const views = new Map<string, ZonageView | undefined>();
  const view = (profession: string) => {
    if (!views.has(profession)) {
      const z = zonageInForce(b, profession, date);
      views.set(profession, z && zonageView(b, profession, z.year, date));
    }
    return views.get(profession);
  };
  return (code) => (profession) => {
    const v = view(profession);
    const c = v?.classes.get(code);
    if (!v || !c) return undefined;
    const label = (id: string) => v.scheme.classes.find((k) => k.id === id)?.label ?? id;
    const stale = v.zonage.validUntil < date ? `, le plus récent publié` : '';
    return {
      zonage: `${v.scheme.label.charAt(0).toLowerCase() + v.scheme.label.slice(1)} ${v.zonage.year}${stale}${v.example ? ', exemple — données fictives' : ''}`,
      effective: c.effective,
      effectiveLabel: label(c.effective),
      base: c.base,
      baseLabel: label(c.base),
      ruleNote: c.rule ? `classée ${label(c.effective).toLowerCase()} par la règle de la ${c.rule.source.ref} (pharmacie sans médecin généraliste en exercice ; classement de base : ${label(c.base).toLowerCase()})` : undefined,
    };
  };
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
export function zoneHistory(b: ZonageBundle, code: string, profession: string, today: string): ZoneHistoryEntry[] {
  const scheme = (id: string) => b.schemes.find((s) => s.id === id)!;
  return b.zonages
    .filter((z) => z.profession === profession && z.classes[code] !== undefined)
    .sort((x, y) => x.year - y.year)
    .map((z) => {
      const date = dateForYear(z, today);
      const one = { ...z, territory: b.territory, classes: new Map([[code, z.classes[code]]]) };
      const c = effectiveZonage(one, scheme(z.scheme), b.rules, b.practitioners.rows, b.pharmacies.rows, date).get(code)!;
      return { year: z.year, date, base: c.base, effective: c.effective, reason: c.reasons[0] };
    });
}
