// The normalized zonage data of a territory, as built into public/data/<id>/zonage.json and read by
// the app and the CLI alike.
import type { DataFile, ZonageYear } from './config.ts';
import type { Movement } from '../movements.ts';
import { effectiveZonage, type EffectiveClass, type OfferCounts, type Pharmacy, type Practitioner, type Zonage, type ZonageRule, type ZonageScheme } from './model.ts';
import { formatDate } from '../format.ts';
import { professionLabel } from '../professions.ts';
import { PARTS } from '../ars/schemes.ts';
import { zonageStatus, type ZonageStatus } from './status.ts';
import type { ArsPart } from '../ars/class-table.ts';
import type { CommuneAreas } from '../ars/areas.ts';
import { lowerFirst } from '../text.ts';

/** A zonage as shipped: its year entry, INSEE code → class id, and the parts of « selon la partie » communes. */
export type BundleZonage = ZonageYear & { classes: Record<string, string>; parts?: Record<string, ArsPart[]> };

export interface ZonageBundle {
  territory: string;
  schemes: ZonageScheme[];
  rules: ZonageRule[];
  zonages: BundleZonage[];
  practitioners: DataFile & { rows: Practitioner[] };
  pharmacies: DataFile & { rows: Pharmacy[] };
  /** Real counts at their date (npm run build:indicators) read by the rule in place of a fictitious list. */
  counts?: OfferCounts;
  /** Every known movement: the register's dates merged with the declared file (already applied to
   * `practitioners`, so that the effective zonage at any date honours them). */
  movements: { declared: DataFile | null; rows: Movement[]; duplicates: number; notes: string[] };
  /** Territoire de vie-santé and bassin de vie of each commune, from the national DataSanté file when imported. */
  areas?: { source: string; communes: Record<string, CommuneAreas> };
}

export const professionsOf = (b: ZonageBundle): string[] => [...new Set(b.zonages.map((z) => z.profession))];

/** The schemes with a zonage of the profession, in the territory's order (its own zonage before the ARS one): the layers to choose from. */
export const schemesOf = (b: ZonageBundle, profession: string): ZonageScheme[] =>
  b.schemes.filter((s) => b.zonages.some((z) => z.scheme === s.id && z.profession === profession));

/** The scheme shown when none is chosen: the first of schemesOf. */
export const defaultScheme = (b: ZonageBundle, profession: string): string | undefined => schemesOf(b, profession)[0]?.id;

export const yearsOf = (b: ZonageBundle, profession: string, scheme = defaultScheme(b, profession)): number[] =>
  b.zonages.filter((z) => z.profession === profession && z.scheme === scheme).map((z) => z.year).sort((x, y) => x - y);

export function zonageOf(b: ZonageBundle, profession: string, year: number, scheme = defaultScheme(b, profession)): Zonage | undefined {
  const z = b.zonages.find((x) => x.profession === profession && x.year === year && x.scheme === scheme);
  if (!z) return undefined;
  return { ...z, territory: b.territory, classes: new Map(Object.entries(z.classes)) };
}

/** The date a yearly map shows: today when it falls in the zonage's validity, otherwise its last day. A
 * last known zonage (ARS export) is read today, so that its status says whether it still stands. */
export function dateForYear(z: Pick<ZonageYear, 'validFrom' | 'validUntil' | 'lastKnown'>, today: string): string {
  if (today < z.validFrom) return z.validFrom;
  return today > z.validUntil && !z.lastKnown ? z.validUntil : today;
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
  /** Fictitious data in the view: the zonage, or the practitioners and pharmacies a rule reads. */
  example: boolean;
  /** Whether the zonage is in force at the date, and how to say it. */
  status: ZonageStatus;
  /** The parts of communes classed « selon la partie ». */
  parts: Record<string, ArsPart[]>;
}

export function zonageView(b: ZonageBundle, profession: string, year: number, date: string, scheme = defaultScheme(b, profession)): ZonageView | undefined {
  const zonage = zonageOf(b, profession, year, scheme);
  if (!zonage) return undefined;
  const sch = b.schemes.find((s) => s.id === zonage.scheme)!;
  const entry = b.zonages.find((z) => z.profession === profession && z.year === year && z.scheme === zonage.scheme)!;
  const classes = effectiveZonage(zonage, sch, b.rules, b.practitioners.rows, b.pharmacies.rows, date, b.counts);
  const label = (id: string) => sch.classes.find((k) => k.id === id)?.label.toLowerCase() ?? id;
  const parts = entry.parts ?? {};
  for (const c of classes.values()) {
    if (c.base === PARTS && parts[c.code]) c.reasons.splice(1, 0, `Selon la partie : ${parts[c.code].map((p) => `${p.nom} (${p.code}) ${label(p.class)}`).join(' ; ')}.`);
  }
  const counts = sch.classes.map((k) => ({ id: k.id, count: [...classes.values()].filter((c) => c.effective === k.id).length }));
  const ruled = [...classes.values()].filter((c) => c.rule).map((c) => c.code);
  // Practitioners and pharmacies make a view fictitious only where a rule reads them.
  const readsOffer = b.rules.some((r) => r.scheme === sch.id);
  // Real counts replace a fictitious list in the rule (b.counts).
  const example = zonage.example || (readsOffer && ((b.practitioners.example && !b.counts?.gps) || (b.pharmacies.example && !b.counts?.pharmacies)));
  return { zonage, scheme: sch, date, classes, counts, ruled, example, status: zonageStatus(entry, date), parts };
}

/**
 * The zonage of a profession in force at a date, in the given scheme or else in the first scheme that has
 * one (the territory's own before the ARS one): the latest begun whose period covers the date, or which
 * stays the last known one. An expired or replaced zonage is not in force (see noZonageText).
 */
export function zonageInForce(b: ZonageBundle, profession: string, date: string, scheme?: string): BundleZonage | undefined {
  for (const s of scheme ? [scheme] : schemesOf(b, profession).map((x) => x.id)) {
    const own = b.zonages.filter((z) => z.profession === profession && z.scheme === s && z.validFrom <= date).sort((x, y) => (x.validFrom < y.validFrom ? 1 : -1));
    const z = own[0];
    if (z && zonageStatus(z, date).inForce) return z;
  }
  return undefined;
}

/**
 * Why no zonage of the profession is in force at the date (undefined when one is): « aucun zonage en
 * vigueur au 23 novembre 2026 ; le dernier était valable jusqu'au 30 septembre 2026 ».
 */
export function noZonageText(b: ZonageBundle, profession: string, date: string, scheme?: string): string | undefined {
  if (zonageInForce(b, profession, date, scheme)) return undefined;
  const own = b.zonages.filter((z) => z.profession === profession && (!scheme || z.scheme === scheme));
  const head = `aucun zonage en vigueur au ${formatDate(date)}`;
  const last = own.filter((z) => z.validFrom <= date).sort((x, y) => (x.validFrom < y.validFrom ? 1 : -1))[0];
  if (last) {
    const st = zonageStatus(last, date);
    const label = b.schemes.find((s) => s.id === last.scheme)?.label ?? last.scheme;
    return st.state === 'remplace' ? `${head} : ${lowerFirst(label)} ${last.year} ${st.text}` : `${head} ; le dernier était valable jusqu'au ${formatDate(last.validUntil)}`;
  }
  const next = own.sort((x, y) => (x.validFrom < y.validFrom ? -1 : 1))[0];
  return next ? `${head} ; le premier s'applique à partir du ${formatDate(next.validFrom)}` : `aucun zonage des ${professionLabel(profession).toLowerCase()}s dans ce territoire`;
}

/** Every zonage of the territory with its scheme, authority, dates and provenance (the CLI's `zonages`). */
export function zonageList(b: ZonageBundle, date?: string) {
  return b.zonages.map((z) => {
    const s = b.schemes.find((x) => x.id === z.scheme)!;
    return {
      scheme: z.scheme,
      authority: z.authority ?? s.authority,
      label: s.label,
      profession: z.profession,
      year: z.year,
      validFrom: z.validFrom,
      validUntil: z.validUntil,
      ...(z.lastKnown ? { lastKnown: true } : {}),
      ...(z.replaced ? { replaced: z.replaced } : {}),
      source: z.source,
      example: z.example,
      ...(date ? { status: zonageStatus(z, date).text } : {}),
    };
  });
}

export interface CommuneZonage {
  scheme: string;
  label: string;
  authority: string;
  profession: string;
  year: number;
  /** The commune's class in this zonage (base class: rules aside), its label, and its parts if it has some. */
  class: string | null;
  classLabel: string;
  parts?: Array<ArsPart & { classLabel: string }>;
  status: ZonageStatus;
  source: string;
  example: boolean;
}

/** Every zonage that classes the commune (all professions, schemes and years), for the commune page. */
export function communeZonages(b: ZonageBundle, code: string, date: string): CommuneZonage[] {
  return b.zonages.map((z) => {
    const s = b.schemes.find((x) => x.id === z.scheme)!;
    const label = (id: string) => s.classes.find((k) => k.id === id)?.label ?? id;
    const cls = z.classes[code] ?? null;
    const parts = z.parts?.[code];
    return {
      scheme: z.scheme,
      label: s.label,
      authority: z.authority ?? s.authority,
      profession: z.profession,
      year: z.year,
      class: cls,
      classLabel: cls ? label(cls) : 'Commune absente du fichier : non classée',
      ...(parts ? { parts: parts.map((p) => ({ ...p, classLabel: label(p.class) })) } : {}),
      status: zonageStatus(z, date),
      source: z.source,
      example: z.example,
    };
  });
}

