// Figures of the follow-up the chargé de mission reads (fiche 1: « assurer un suivi régulier dans les
// zones très fragiles, fragiles et intermédiaires des implantations et des cessations d'activité »):
// movements per year and zone class, net balance, GP density by class, communes to watch.
import type { Commune } from './communes.ts';
import { addDays } from './dates.ts';
import { formatDate } from './format.ts';
import type { Movement } from './movements.ts';
import { defaultScheme, zonageInForce, type ZonageBundle, type ZonageView } from './zonage/bundle.ts';
import { activeOn, type Practitioner, type Pharmacy } from './zonage/model.ts';

export const NOT_CLASSED = 'non-classee';

/** Where a movement is counted: the commune's effective class when it happened, and the class it left behind. */
export interface MovementClass {
  /** The effective class before the movement took effect (an installation counts where the practitioner settled). */
  zone: string;
  /** The effective class once it took effect: differs from `zone` when the movement made a rule apply or stop. */
  after: string;
  /** The class of the zonage itself, before any rule. */
  base: string;
  /** The rule that made `zone` or `after` differ from `base` (the pharmacy rule of fiche 1). */
  rule?: { ref: string; to: string };
}

/**
 * The commune's effective class around each movement of a profession, in the territory's own zonage in force
 * at its date: the base class, then the pharmacy rule read on the commune's GPs and pharmacies. An installation
 * is counted in the class the commune had the day before (a commune made fragile by the rule counts the GP who
 * settles there as an installation in a fragile zone); a cessation in the class of its last day of practice
 * (the departure of the last GP is counted where it happened, and `after` says the commune became fragile).
 */
export function movementClass(bundle: ZonageBundle, profession: string): (m: Pick<Movement, 'type' | 'date' | 'commune'>) => MovementClass {
  const scheme = defaultScheme(bundle, profession);
  const byCommune = <T extends { commune: string }>(rows: T[]) => {
    const index = new Map<string, T[]>();
    for (const r of rows) (index.get(r.commune) ?? index.set(r.commune, []).get(r.commune)!).push(r);
    return index;
  };
  const gps = byCommune<Practitioner>(bundle.practitioners.rows);
  const pharmacies = byCommune<Pharmacy>(bundle.pharmacies.rows);
  return (m) => {
    const z = zonageInForce(bundle, profession, m.date, scheme);
    const base = z?.classes[m.commune] ?? NOT_CLASSED;
    const rule = z && bundle.rules.find((r) => r.scheme === z.scheme && r.type === 'pharmacie-sans-medecin' && r.from.includes(base));
    if (!rule) return { zone: base, after: base, base };
    const effective = (date: string) => {
      const gp = (gps.get(m.commune) ?? []).some((p) => p.profession === rule.profession && activeOn(date, p.start, p.end));
      const ph = (pharmacies.get(m.commune) ?? []).some((p) => activeOn(date, p.opened, p.closed));
      return ph && !gp ? rule.to : base;
    };
    const [before, after] = m.type === 'installation' ? [addDays(m.date, -1), m.date] : [m.date, addDays(m.date, 1)];
    const zone = effective(before);
    const then = effective(after);
    return { zone, after: then, base, ...(zone !== base || then !== base ? { rule: { ref: rule.source.ref, to: rule.to } } : {}) };
  };
}

/** Movements up to today (inclusive): declared movements may be dated ahead, and are not yet past. */
export const pastMovements = (movements: Movement[], today: string): Movement[] => movements.filter((m) => m.date <= today);

/** Installations and cessations in [from, to] (inclusive), as the map's movements panel counts them. */
export function periodCounts(movements: Movement[], from: string, to: string, profession?: string): { installations: number; cessations: number } {
  let installations = 0;
  let cessations = 0;
  for (const m of movements) {
    if (m.date < from || m.date > to || (profession && m.profession !== profession)) continue;
    if (m.type === 'installation') installations++;
    else cessations++;
  }
  return { installations, cessations };
}

export interface RuleNote {
  movement: Movement;
  class: MovementClass;
  /** « Cessation du 2 mars 2026, comptée en zone intermédiaire ; la commune est fragile depuis le 3 mars 2026 … » */
  text: string;
}

/**
 * The movements whose class the pharmacy rule changed, explained in French: where the chargé de mission could
 * otherwise read a count that disagrees with the zonage's base class.
 */
export function ruleNotes(movements: Movement[], classOf: (m: Movement) => MovementClass, label: (id: string) => string): RuleNote[] {
  const notes: RuleNote[] = [];
  for (const m of movements) {
    const c = classOf(m);
    if (!c.rule) continue;
    const zone = label(c.zone).toLowerCase();
    const what = `${m.type === 'installation' ? 'Installation' : 'Cessation'} du ${formatDate(m.date)}, comptée en ${zone}`;
    const rule = `règle « pharmacie sans médecin », ${c.rule.ref}`;
    const base = label(c.base).toLowerCase();
    let why: string;
    if (c.zone === c.after) why = `la commune y était classée par la ${rule} (classement de base : ${base})`;
    else if (c.after === c.rule.to) why = `elle laisse la commune, qui a une pharmacie, sans médecin généraliste : ${label(c.after).toLowerCase()} à partir du ${formatDate(m.type === 'cessation' ? addDays(m.date, 1) : m.date)} (${rule} ; classement de base : ${base})`;
    else why = `la commune était ${zone} par la ${rule} ; elle retrouve ce jour-là sa classe de base, ${base}`;
    notes.push({ movement: m, class: c, text: `${what} ; ${why}.` });
  }
  return notes;
}

export interface YearClassCount {
  year: number;
  zone: string;
  installations: number;
  cessations: number;
  /** installations − cessations */
  balance: number;
}

/** Movements of one profession counted per year and per zone class (see movementClass). */
export function movementsByYearAndClass(movements: Movement[], classOf: (m: Movement) => MovementClass, profession: string): YearClassCount[] {
  const counts = new Map<string, YearClassCount>();
  for (const m of movements) {
    if (m.profession !== profession) continue;
    const year = Number(m.date.slice(0, 4));
    const zone = classOf(m).zone;
    const key = `${year}|${zone}`;
    const c = counts.get(key) ?? { year, zone, installations: 0, cessations: 0, balance: 0 };
    if (m.type === 'installation') c.installations++;
    else c.cessations++;
    c.balance = c.installations - c.cessations;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => a.year - b.year || (a.zone < b.zone ? -1 : 1));
}

/** Totals per year (all classes), for the yearly chart. */
export function movementsByYear(rows: YearClassCount[]): Array<{ year: number; installations: number; cessations: number; balance: number }> {
  const years = new Map<number, { year: number; installations: number; cessations: number; balance: number }>();
  for (const r of rows) {
    const y = years.get(r.year) ?? { year: r.year, installations: 0, cessations: 0, balance: 0 };
    y.installations += r.installations;
    y.cessations += r.cessations;
    y.balance = y.installations - y.cessations;
    years.set(r.year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

export interface Density {
  zone: string;
  communes: number;
  population: number;
  gps: number;
  /** GPs per 10,000 inhabitants; null when the class has no known population. */
  per10k: number | null;
}

/** GPs in practice per 10,000 inhabitants, by effective zone class on the view's date. */
export function densityByClass(view: ZonageView, communes: Map<string, Commune>): Density[] {
  return view.scheme.classes.map((k) => {
    let population = 0;
    let gps = 0;
    let n = 0;
    for (const c of view.classes.values()) {
      if (c.effective !== k.id) continue;
      n++;
      gps += c.gps;
      population += communes.get(c.code)?.population ?? 0;
    }
    return { zone: k.id, communes: n, population, gps, per10k: population ? Math.round((gps / population) * 100000) / 10 : null };
  });
}

export interface Watch {
  /** Communes the pharmacy rule made fragile (no GP left where a pharmacy is), with since when. */
  lostLastGp: Array<{ code: string; since?: string; cause?: string }>;
  /** Communes with exactly one GP in practice: one departure away from having none. */
  singleGp: string[];
}

export function communesToWatch(view: ZonageView): Watch {
  const lostLastGp: Watch['lostLastGp'] = [];
  const singleGp: string[] = [];
  for (const c of view.classes.values()) {
    if (c.rule) lostLastGp.push({ code: c.code, ...(c.since ? { since: c.since.date, cause: c.since.cause } : {}) });
    if (c.gps === 1) singleGp.push(c.code);
  }
  return { lostLastGp, singleGp };
}

/**
 * Communes where a practitioner of the profession ceased in [from, to] and none practises on `to`: they
 * lost their last one during the period. Any profession, with or without a local rule.
 */
export function lostLast(bundle: ZonageBundle, profession: string, from: string, to: string): Array<{ code: string; date: string }> {
  const active = new Set(bundle.practitioners.rows.filter((p) => p.profession === profession && activeOn(to, p.start, p.end)).map((p) => p.commune));
  const last = new Map<string, string>();
  for (const m of bundle.movements.rows) {
    if (m.type !== 'cessation' || m.profession !== profession || m.date < from || m.date > to || active.has(m.commune)) continue;
    if (!last.has(m.commune) || last.get(m.commune)! < m.date) last.set(m.commune, m.date);
  }
  return [...last].map(([code, date]) => ({ code, date })).sort((a, b) => (a.date < b.date ? 1 : -1));
}
