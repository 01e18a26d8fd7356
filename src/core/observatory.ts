// Figures of the follow-up the chargé de mission reads (fiche 1: « assurer un suivi régulier dans les
// zones très fragiles, fragiles et intermédiaires des implantations et des cessations d'activité »):
// movements per year and zone class, net balance, GP density by class, communes to watch.
import type { Commune } from './communes.ts';
import type { Movement } from './movements.ts';
import { zonageInForce, type ZonageBundle, type ZonageView } from './zonage-bundle.ts';
import { activeOn } from './zonage.ts';

export const NOT_CLASSED = 'non-classee';

/** The commune's class in the zonage of a profession in force at a date (base class: cheap, stable). */
export function classAt(bundle: ZonageBundle, profession: string): (code: string, date: string) => string {
  const cache = new Map<string, ZonageBundle['zonages'][number] | undefined>();
  return (code, date) => {
    if (!cache.has(date)) cache.set(date, zonageInForce(bundle, profession, date));
    return cache.get(date)?.classes[code] ?? NOT_CLASSED;
  };
}

export interface YearClassCount {
  year: number;
  zone: string;
  installations: number;
  cessations: number;
  /** installations − cessations */
  balance: number;
}

/** Movements of one profession counted per year and per zone class (the class in force at their date). */
export function movementsByYearAndClass(movements: Movement[], classOf: (code: string, date: string) => string, profession: string): YearClassCount[] {
  const counts = new Map<string, YearClassCount>();
  for (const m of movements) {
    if (m.profession !== profession) continue;
    const year = Number(m.date.slice(0, 4));
    const zone = classOf(m.commune, m.date);
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
