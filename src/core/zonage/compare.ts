// What a publication changes, before it is published: the published bundle against the one previewed.
// Practitioners and pharmacies in activity added and removed, communes whose effective class changes and
// why (the pharmacy rule of fiche 1 included), the movements derived, and warnings when a list drops
// sharply or the rule-made fragile communes jump (a partial extraction, or a file of the wrong kind).
import { formatDate, formatInteger } from '../format.ts';
import { activeOn, type Pharmacy, type Practitioner } from './model.ts';
import { zonageInForce, zonageView, type ZonageBundle } from './bundle.ts';

export interface ListChange {
  /** In activity at the date, before and after. */
  before: number;
  after: number;
  added: number;
  removed: number;
}

export interface ClassChange {
  code: string;
  from: string | null;
  to: string | null;
  /** The first sentence of the new explanation (why this class now). */
  why: string;
}

export interface ZonageComparison {
  profession: string;
  scheme: string;
  schemeLabel: string;
  year: number;
  /** The date the classes are compared at. */
  date: string;
  changes: ClassChange[];
  /** Communes a rule made fragile, before and after. */
  ruledBefore: number;
  ruledAfter: number;
}

export interface BundleComparison {
  date: string;
  practitioners: ListChange;
  pharmacies: ListChange;
  movements: { before: number; after: number };
  zonages: ZonageComparison[];
  /** Sharp drops and jumps, in French, to read before publishing. */
  warnings: string[];
}

const practitionerKey = (p: Practitioner) => p.rpps ?? `${p.commune}|${p.profession}|${p.mode}|${p.start}|${p.nom ?? ''}`;
const pharmacyKey = (p: Pharmacy) => p.finess ?? `${p.commune}|${p.opened}|${p.nom ?? ''}`;

/** Keys of the rows active at the date, as a multiset (two rows may share a key). */
function activeKeys<T>(rows: T[], key: (r: T) => string, active: (r: T) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (active(r)) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
  return out;
}

function listChange(before: Map<string, number>, after: Map<string, number>): ListChange {
  let added = 0;
  let removed = 0;
  for (const [k, n] of after) added += Math.max(0, n - (before.get(k) ?? 0));
  for (const [k, n] of before) removed += Math.max(0, n - (after.get(k) ?? 0));
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  return { before: total(before), after: total(after), added, removed };
}

/** A list that loses more than half of at least 20 rows: probably a partial extraction or the wrong file. */
const SHARP_DROP = 0.5;
const SHARP_MIN = 20;

function dropWarning(what: string, c: ListChange, date: string): string[] {
  if (c.before < SHARP_MIN || c.after >= c.before * SHARP_DROP) return [];
  const pct = Math.round((1 - c.after / c.before) * 100);
  return [`${what} en activité au ${formatDate(date)} passent de ${formatInteger(c.before)} à ${formatInteger(c.after)} (−${pct} %) : vérifiez que le fichier est le bon, et complet, avant de publier.`];
}

/**
 * Compares the published bundle with the previewed one at a date (today), and also at the start of every
 * zonage year the preview adds or changes (a 2027 zonage is compared on 1 January 2027).
 */
export function compareBundles(before: ZonageBundle, after: ZonageBundle, date: string): BundleComparison {
  const practitioners = listChange(
    activeKeys(before.practitioners.rows, practitionerKey, (p) => activeOn(date, p.start, p.end)),
    activeKeys(after.practitioners.rows, practitionerKey, (p) => activeOn(date, p.start, p.end)),
  );
  const pharmacies = listChange(
    activeKeys(before.pharmacies.rows, pharmacyKey, (p) => activeOn(date, p.opened, p.closed)),
    activeKeys(after.pharmacies.rows, pharmacyKey, (p) => activeOn(date, p.opened, p.closed)),
  );
  const changedYears = after.zonages.filter((z) => {
    const old = before.zonages.find((x) => x.profession === z.profession && x.scheme === z.scheme && x.year === z.year);
    return !old || JSON.stringify(old.classes) !== JSON.stringify(z.classes) || old.validFrom !== z.validFrom;
  });
  const pairs = new Map<string, { profession: string; scheme: string; dates: Set<string> }>();
  for (const z of after.zonages) {
    const key = `${z.profession}|${z.scheme}`;
    const pair = pairs.get(key) ?? { profession: z.profession, scheme: z.scheme, dates: new Set([date]) };
    if (changedYears.includes(z) && z.validFrom > date) pair.dates.add(z.validFrom);
    pairs.set(key, pair);
  }
  const zonages: ZonageComparison[] = [];
  for (const { profession, scheme, dates } of pairs.values()) {
    for (const at of [...dates].sort()) {
      const year = zonageInForce(after, profession, at, scheme)?.year;
      if (year === undefined) continue;
      const now = zonageView(after, profession, year, at, scheme)!;
      const yearBefore = zonageInForce(before, profession, at, scheme)?.year;
      const then = yearBefore === undefined ? undefined : zonageView(before, profession, yearBefore, at, scheme);
      const changes: ClassChange[] = [];
      for (const [code, c] of now.classes) {
        const from = then?.classes.get(code)?.effective ?? null;
        if (from !== c.effective) changes.push({ code, from, to: c.effective, why: c.reasons[0] ?? '' });
      }
      const ruledBefore = then?.ruled.length ?? 0;
      if (changes.length || ruledBefore !== now.ruled.length)
        zonages.push({ profession, scheme, schemeLabel: now.scheme.label, year, date: at, changes, ruledBefore, ruledAfter: now.ruled.length });
    }
  }
  const warnings = [
    ...dropWarning('Les professionnels', practitioners, date),
    ...dropWarning('Les pharmacies', pharmacies, date),
    ...zonages
      .filter((z) => z.ruledAfter - z.ruledBefore >= 10 && z.ruledAfter > z.ruledBefore * 2)
      .map(
        (z) =>
          `Les communes rendues fragiles par la règle « pharmacie sans médecin » passent de ${formatInteger(z.ruledBefore)} à ${formatInteger(z.ruledAfter)} au ${formatDate(z.date)} : une liste de professionnels incomplète en est souvent la cause.`,
      ),
  ];
  return { date, practitioners, pharmacies, movements: { before: before.movements.rows.length, after: after.movements.rows.length }, zonages, warnings };
}
