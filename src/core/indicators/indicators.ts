// Asking a commune's indicators with their source: one engine over the definitions (data) and the
// values built per territory (public/data/indicators/<territory>.json). Pure: the caller loads the file.
import type { AplValue, CommuneIndicators, IndicatorDef, IndicatorId, IndicatorSource, TerritoryIndicatorsFile } from './schema.ts';

/** A commune over 10,000 inhabitants with fewer than 2 GPs: the count is flagged, not trusted (README). */
export const IMPLAUSIBLE_GP = { population: 10_000, below: 2 } as const;

export type IndicatorFlag = 'medecins-invraisemblable' | 'pharmacie-sans-medecin' | 'apl-derivee' | 'ancien-code';

/** Flags of one commune from its values and its population today. */
export function flagsOf(c: Omit<CommuneIndicators, 'flags'>, population: number | null): IndicatorFlag[] {
  const flags: IndicatorFlag[] = [];
  if (c.medecins && population !== null && population > IMPLAUSIBLE_GP.population && c.medecins.generalistes < IMPLAUSIBLE_GP.below) flags.push('medecins-invraisemblable');
  if (c.pharmacies !== null && c.pharmacies >= 1 && c.medecins && c.medecins.generalistes === 0) flags.push('pharmacie-sans-medecin');
  const apl = Object.values(c.apl);
  if (apl.some((a) => a.via === 'fusion' || a.via === 'arrondissements')) flags.push('apl-derivee');
  if (apl.some((a) => a.via === 'ancienne')) flags.push('ancien-code');
  return flags;
}

export interface Sourced<T> {
  value: T;
  /** The year (APL) or the date (counts) the figure describes. */
  year?: number;
  date?: string;
  source: IndicatorSource;
  limits: string[];
  label: string;
  unit: string;
}

export interface AplFigure extends Sourced<number | null> {
  year: number;
  under65: number | null;
  /** Derived from several codes of the workbook (merged communes, arrondissements). */
  derived: boolean;
  /** Attached from a former code. */
  formerCode: string | null;
  from: string[];
}

export class Indicators {
  private readonly defs = new Map<IndicatorId, IndicatorDef>();
  constructor(readonly file: TerritoryIndicatorsFile) {
    for (const d of file.indicators) this.defs.set(d.id, d);
  }

  def(id: IndicatorId): IndicatorDef | undefined {
    return this.defs.get(id);
  }

  commune(code: string): CommuneIndicators | undefined {
    return this.file.communes[code];
  }

  has(code: string): boolean {
    return code in this.file.communes;
  }

  /** The latest APL year in the file. */
  get aplYear(): number {
    return this.file.medians.year;
  }

  private sourced<T>(id: IndicatorId, value: T): Sourced<T> | undefined {
    const d = this.defs.get(id);
    if (!d) return undefined;
    return { value, source: d.source, limits: d.limits, label: d.label, unit: d.unit, ...(d.date ? { date: d.date } : {}) };
  }

  /** APL of a commune for a year (default the latest), with its variant under 65 and how it was obtained. */
  apl(code: string, year = this.aplYear): AplFigure | undefined {
    const a: AplValue | undefined = this.commune(code)?.apl[String(year)];
    const s = this.sourced('apl', a?.value ?? null);
    if (!a || !s) return undefined;
    return {
      ...s,
      year,
      under65: a.under65,
      derived: a.via === 'fusion' || a.via === 'arrondissements',
      formerCode: a.via === 'ancienne' ? (a.from?.[0] ?? null) : null,
      from: a.from ?? [],
    };
  }

  /** APL by year (history file), oldest first. */
  aplHistory(code: string): Sourced<Array<[year: number, value: number]>> | undefined {
    const h = this.commune(code)?.history;
    if (!h) return undefined;
    return this.sourced('apl-history', Object.entries(h).map(([y, v]): [number, number] => [Number(y), v]).sort((a, b) => a[0] - b[0]));
  }

  /** GPs practising in the commune at the RPPS date; `trusted` false when flagged implausible. */
  medecins(code: string): (Sourced<number> & { total: number; trusted: boolean }) | undefined {
    const c = this.commune(code);
    if (!c?.medecins) return undefined;
    const s = this.sourced('medecins', c.medecins.generalistes);
    return s && { ...s, total: c.medecins.total, trusted: !c.flags.includes('medecins-invraisemblable') };
  }

  /** Pharmacies in the commune; undefined where the file does not cover the département. */
  pharmacies(code: string): Sourced<number> | undefined {
    const c = this.commune(code);
    if (!c || c.pharmacies === null) return undefined;
    return this.sourced('pharmacies', c.pharmacies);
  }

  flags(code: string): string[] {
    return this.commune(code)?.flags ?? [];
  }

  /** Median APL (population-weighted) of a département and of France, latest year. */
  medians(departement: string): { year: number; departement: number | null; france: number | null } {
    const m = this.file.medians;
    return { year: m.year, departement: m.departements[departement] ?? null, france: m.france };
  }
}

/** APL classes with the national thresholds (2.5: under-served at or below; above 4: not eligible). */
export function aplClass(value: number | null, thresholds: readonly number[] = [2.5, 4]): 'sous-dotee' | 'intermediaire' | 'non-eligible' | 'inconnue' {
  if (value === null) return 'inconnue';
  if (value <= thresholds[0]) return 'sous-dotee';
  if (value > thresholds[1]) return 'non-eligible';
  return 'intermediaire';
}
