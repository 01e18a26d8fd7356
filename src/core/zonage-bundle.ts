// The normalized zonage data of a territory, as built into public/data/<id>/zonage.json and read by
// the app and the CLI alike.
import type { ZoneAt } from './aid-engine.ts';
import type { DataFile, ZonageYear } from './zonage-config.ts';
import type { Movement } from './movements.ts';
import { effectiveZonage, type EffectiveClass, type Pharmacy, type Practitioner, type Zonage, type ZonageRule, type ZonageScheme } from './zonage.ts';
import { formatDate } from './format.ts';
import { professionLabel } from './professions.ts';
import { NO_CLASS, PARTS } from './ars/schemes.ts';
import type { ArsPart } from './ars/class-table.ts';

/** A zonage as shipped: its year entry, INSEE code → class id, and the parts of « selon la partie » communes. */
export type BundleZonage = ZonageYear & { classes: Record<string, string>; parts?: Record<string, ArsPart[]> };

export interface ZonageBundle {
  territory: string;
  schemes: ZonageScheme[];
  rules: ZonageRule[];
  zonages: BundleZonage[];
  practitioners: DataFile & { rows: Practitioner[] };
  pharmacies: DataFile & { rows: Pharmacy[] };
  /** Every known movement: the register's dates merged with the declared file (already applied to
   * `practitioners`, so that the effective zonage at any date honours them). */
  movements: { declared: DataFile | null; rows: Movement[]; duplicates: number; notes: string[] };
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
  const classes = effectiveZonage(zonage, sch, b.rules, b.practitioners.rows, b.pharmacies.rows, date);
  const label = (id: string) => sch.classes.find((k) => k.id === id)?.label.toLowerCase() ?? id;
  const parts = entry.parts ?? {};
  for (const c of classes.values()) {
    if (c.base === PARTS && parts[c.code]) c.reasons.splice(1, 0, `Selon la partie : ${parts[c.code].map((p) => `${p.nom} (${p.code}) ${label(p.class)}`).join(' ; ')}.`);
  }
  const counts = sch.classes.map((k) => ({ id: k.id, count: [...classes.values()].filter((c) => c.effective === k.id).length }));
  const ruled = [...classes.values()].filter((c) => c.rule).map((c) => c.code);
  // Practitioners and pharmacies make a view fictitious only where a rule reads them.
  const readsOffer = b.rules.some((r) => r.scheme === sch.id);
  const example = zonage.example || (readsOffer && (b.practitioners.example || b.pharmacies.example));
  return { zonage, scheme: sch, date, classes, counts, ruled, example, status: zonageStatus(entry, date), parts };
}

export type ZonageState = 'a-venir' | 'en-vigueur' | 'dernier-connu' | 'remplace' | 'expire';

export interface ZonageStatus {
  state: ZonageState;
  /** Shown in the legend, the commune page, the aids: « dernier zonage connu (…) ; un arrêté plus récent peut exister ». */
  text: string;
  /** In force at the date: valid then, or the last known one with nothing known to replace it. */
  inForce: boolean;
}

export const LAST_KNOWN = 'un arrêté plus récent peut exister';
export const NOT_IMPORTED = "la nouvelle liste n'est pas encore importée";

/** Where a zonage stands at a date (see ZonageYear: validity, last known, replaced). */
export function zonageStatus(z: Pick<ZonageYear, 'validFrom' | 'validUntil' | 'lastKnown' | 'replaced'>, date: string): ZonageStatus {
  const period = z.validFrom === z.validUntil ? `en vigueur au ${formatDate(z.validFrom)}` : `valable du ${formatDate(z.validFrom)} au ${formatDate(z.validUntil)}`;
  if (date < z.validFrom) return { state: 'a-venir', inForce: false, text: `${z.validFrom === z.validUntil ? 'connu' : 'en vigueur'} à partir du ${formatDate(z.validFrom)}` };
  if (date <= z.validUntil) return { state: 'en-vigueur', inForce: true, text: period };
  if (z.replaced && date >= z.replaced.from) {
    // Once the new list is published (a later year of the same zonage, see parseZonageConfig), it takes over.
    const published = z.replaced.listFrom !== undefined && date >= z.replaced.listFrom;
    const text = published ? `remplacé le ${formatDate(z.replaced.from)} par ${/^[aeiouyhàâéèêîô]/i.test(z.replaced.by) ? "l'" : ''}${z.replaced.by}` : `remplacé le ${formatDate(z.replaced.from)} (publication de l'${z.replaced.by}) ; ${NOT_IMPORTED}`;
    return { state: 'remplace', inForce: false, text };
  }
  if (z.lastKnown) return { state: 'dernier-connu', inForce: true, text: `dernier zonage connu (${period}) ; ${LAST_KNOWN}` };
  return { state: 'expire', inForce: false, text: `valable jusqu'au ${formatDate(z.validUntil)}` };
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
    return st.state === 'remplace' ? `${head} : ${lower(label)} ${last.year} ${st.text}` : `${head} ; le dernier était valable jusqu'au ${formatDate(last.validUntil)}`;
  }
  const next = own.sort((x, y) => (x.validFrom < y.validFrom ? -1 : 1))[0];
  return next ? `${head} ; le premier s'applique à partir du ${formatDate(next.validFrom)}` : `aucun zonage des ${professionLabel(profession).toLowerCase()}s dans ce territoire`;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** « médecins généralistes », « sages-femmes »: every word of the label takes an s. */
const professionPlural = (id: string) => professionLabel(id).toLowerCase().replace(/([^\s-]+)/g, '$1s');

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

export interface Dataset {
  label: string;
  example: boolean;
  source: string;
  /** ISO date the data describes, when known. */
  date?: string;
  /** Zonages: the scheme and profession they belong to (« Zonage départemental des médecins généralistes »), and their year. */
  group?: string;
  year?: number;
}

/** Every dataset of a territory with its label, provenance and date (offers, built apart, are passed in). */
export function datasetsOf(b: ZonageBundle, others: Dataset[] = []): Dataset[] {
  const file = (label: string, d: DataFile): Dataset => ({ label, example: d.example, source: d.source, ...(d.date ? { date: d.date } : {}) });
  return [
    ...b.zonages.map((z) => {
      const scheme = b.schemes.find((s) => s.id === z.scheme)?.label ?? z.scheme;
      const many = professionPlural(z.profession);
      const group = scheme.toLowerCase().includes(many) ? scheme : `${scheme} des ${many}`;
      return { label: `${scheme} ${z.year} (${professionLabel(z.profession).toLowerCase()})`, example: z.example, source: z.source, date: z.validUntil, group, year: z.year };
    }),
    file('Professionnels de santé', b.practitioners),
    file('Pharmacies', b.pharmacies),
    ...(b.movements.declared ? [file('Mouvements déclarés', b.movements.declared)] : []),
    ...others,
  ];
}

/** The fictitious datasets among them, for the notice of each view: « Exemple » on these only. */
export const fictitiousDatasets = (b: ZonageBundle, others: Dataset[] = []): Dataset[] => datasetsOf(b, others).filter((d) => d.example);

/**
 * The notice of a view: which of the data it shows are fictitious, or undefined when none is. Zonages of
 * one scheme are named once: « Données fictives ici : zonage départemental (médecins généralistes, 2025,
 * 2026), professionnels de santé, pharmacies, mouvements déclarés, offres des communes (exemples). »
 */
export function fictitiousNotice(datasets: Dataset[]): string | undefined {
  const names = [...new Set(datasets.filter((d) => d.example).map((d) => d.group ?? d.label))];
  if (!names.length) return undefined;
  const years = (name: string) => datasets.filter((d) => d.example && d.group === name && d.year !== undefined).map((d) => d.year);
  const said = names.map((n) => (years(n).length ? `${lower(n)} (${years(n).join(', ')})` : lower(n)));
  return `Données fictives ici : ${said.join(', ')} (exemples).`;
}

/** The notice of a territory's views: its bundle's datasets and its communes' offers. */
export function territoryNotice(b: ZonageBundle, offers: Array<{ example: boolean; source: string }>): string | undefined {
  const others = offers.length ? [{ label: 'Offres des communes', example: offers.some((o) => o.example), source: offers[0].source }] : [];
  return fictitiousNotice(datasetsOf(b, others));
}

/** Commune code → profession → its effective class at the resolver's date. */
export type ZoneResolver = (code: string) => (profession: string) => ZoneAt | undefined;

/** Effective classes at a date for the aid engine, one zonage view per profession, computed once. */
export function zoneResolver(b: ZonageBundle, date: string): ZoneResolver {
  const views = new Map<string, ZonageView | undefined>();
  const view = (profession: string) => {
    if (!views.has(profession)) {
      // Aids name a profession's zonage: the territory's first scheme (its own zonage), never an ARS layer in its place.
      const z = zonageInForce(b, profession, date, defaultScheme(b, profession));
      views.set(profession, z && zonageView(b, profession, z.year, date, z.scheme));
    }
    return views.get(profession);
  };
  return (code) => (profession) => {
    const v = view(profession);
    const c = v?.classes.get(code);
    if (!v || !c) return undefined;
    const label = (id: string) => v.scheme.classes.find((k) => k.id === id)?.label ?? id;
    const stale = v.status.state === 'dernier-connu' ? `, dernier zonage connu ; ${LAST_KNOWN}` : '';
    return {
      zonage: `${v.scheme.label.charAt(0).toLowerCase() + v.scheme.label.slice(1)} ${v.zonage.year}${stale}${v.example ? ', exemple — données fictives' : ''}`,
      effective: c.effective,
      effectiveLabel: label(c.effective),
      base: c.base,
      baseLabel: label(c.base),
      ...(c.effective === NO_CLASS ? { undetermined: "n'a pas de classe dans ce zonage (résultat non disponible)" } : {}),
      ...(c.effective === PARTS ? { undetermined: `a des classes différentes selon la partie (${(v.parts[code] ?? []).map((p) => `${p.nom} : ${label(p.class).toLowerCase()}`).join(' ; ')})` } : {}),
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
export function zoneHistory(b: ZonageBundle, code: string, profession: string, today: string, schemeId = defaultScheme(b, profession)): ZoneHistoryEntry[] {
  const scheme = (id: string) => b.schemes.find((s) => s.id === id)!;
  return b.zonages
    .filter((z) => z.profession === profession && z.scheme === schemeId && z.classes[code] !== undefined)
    .sort((x, y) => x.year - y.year)
    .map((z) => {
      const date = dateForYear(z, today);
      const one = { ...z, territory: b.territory, classes: new Map([[code, z.classes[code]]]) };
      const c = effectiveZonage(one, scheme(z.scheme), b.rules, b.practitioners.rows, b.pharmacies.rows, date).get(code)!;
      return { year: z.year, date, base: c.base, effective: c.effective, reason: c.reasons[0] };
    });
}
