// Zonages and the effective class of a commune at a date.
// Schemes (classes, labels, colours) and rules are data (data/territories/<id>/zonage.json); this module
// only knows how to apply them. Fiche 1 of the Charente-Maritime plan gives the one rule we have:
// « les communes classées en zone intermédiaire ou non prioritaire et ayant une pharmacie mais pas de
// médecin généraliste en exercice […] seront classées en zone "fragile" jusqu'à l'installation effective
// d'un médecin ».
import { formatDate } from '../format.ts';
import { addDays } from '../dates.ts';
import type { InferOutput } from 'valibot';
import type { PharmacyRuleSchema, ZoneClassSchema, ZonageSchemeSchema } from './schema.ts';
import type { WithoutNotes } from '../schemas/check.ts';

// Their shapes are the schema's (schema.ts), the file a person edits.
export type ZoneClass = WithoutNotes<InferOutput<typeof ZoneClassSchema>>;
export type ZonageScheme = WithoutNotes<InferOutput<typeof ZonageSchemeSchema>>;
export type Citation = PharmacyRule['source'];
/** A commune with a pharmacy and no practising GP moves from one of `from` to `to`. */
export type PharmacyRule = WithoutNotes<InferOutput<typeof PharmacyRuleSchema>>;

export type ZonageRule = PharmacyRule;

export interface Zonage {
  territory: string;
  scheme: string;
  profession: string;
  year: number;
  validFrom: string;
  validUntil: string;
  source: string;
  example: boolean;
  /** INSEE code → class id. */
  classes: Map<string, string>;
}

export interface Practitioner {
  commune: string;
  profession: string;
  mode: 'liberal' | 'salarie';
  /** First day of practice (ISO date), or null when unknown (practising since before the data). */
  start: string | null;
  /** Last day of practice, or null while still practising. */
  end: string | null;
  rpps?: string;
  nom?: string;
}

export interface Pharmacy {
  commune: string;
  opened: string | null;
  closed: string | null;
  finess?: string;
  nom?: string;
}

export interface EffectiveClass {
  code: string;
  base: string;
  effective: string;
  /** The rule that changed the class, if any. */
  rule: ZonageRule | null;
  /** Plain-French explanation, first sentence first. */
  reasons: string[];
  gps: number;
  pharmacies: number;
  /** When the rule last started or stopped applying within the zonage's period, and why. */
  since?: { date: string; cause: string };
}

/**
 * Per-commune counts at one date from a national file (RPPS GP counts, FINESS pharmacy counts): what the
 * rule reads where the territory has no individual list (or only a fictitious one). A snapshot, not movements.
 */
export interface OfferCount {
  /** Date of the counts (ISO). */
  date: string;
  /** Short provenance said in the reason: « RPPS du 7 avril 2026 ». */
  label: string;
  /** Full source, for the page. */
  source: string;
  /** INSEE code → count; a commune absent has none. */
  values: Record<string, number>;
  /** Codes whose count is flagged implausible (kept, said, not trusted). */
  flagged?: string[];
}

export interface OfferCounts {
  gps?: OfferCount;
  pharmacies?: OfferCount;
}

/** Active on `date` (ISO): started on or before it, and not ended before it (the end is the last day). */
export const activeOn = (date: string, start: string | null, end: string | null): boolean =>
  (start === null || start <= date) && (end === null || end >= date);

export function classById(scheme: ZonageScheme, id: string): ZoneClass {
  const c = scheme.classes.find((x) => x.id === id);
  if (!c) throw new Error(`Classe « ${id} » inconnue dans le zonage ${scheme.label}.`);
  return c;
}

const plural = (n: number, one: string, many: string, none: string) => (n === 0 ? none : `${n} ${n === 1 ? one : many}`);

/** Counts of practising GPs and open pharmacies per commune on a date. */
export function offerOn(
  date: string,
  practitioners: Practitioner[],
  pharmacies: Pharmacy[],
  profession: string,
): { gps: Map<string, number>; pharmacies: Map<string, number> } {
  const gps = new Map<string, number>();
  for (const p of practitioners) {
    if (p.profession === profession && activeOn(date, p.start, p.end)) gps.set(p.commune, (gps.get(p.commune) ?? 0) + 1);
  }
  const ph = new Map<string, number>();
  for (const p of pharmacies) if (activeOn(date, p.opened, p.closed)) ph.set(p.commune, (ph.get(p.commune) ?? 0) + 1);
  return { gps, pharmacies: ph };
}

/**
 * Effective class of every commune of the zonage on `date`: the base class, then the territory's rules.
 * Each result explains itself in French.
 */
export function effectiveZonage(
  zonage: Zonage,
  scheme: ZonageScheme,
  rules: ZonageRule[],
  practitioners: Practitioner[],
  pharmacies: Pharmacy[],
  date: string,
  counts: OfferCounts = {},
): Map<string, EffectiveClass> {
  const active = rules.filter((r) => r.scheme === scheme.id);
  const gpProfession = active[0]?.profession ?? 'medecin-generaliste';
  const offer = offerOn(date, practitioners, pharmacies, gpProfession);
  const when = formatDate(date);
  const result = new Map<string, EffectiveClass>();
  // Counts are a snapshot: no movements to date the rule by, so no « since » when they are read.
  const snapshot = !!(counts.gps || counts.pharmacies);
  const history = active.length && !snapshot ? offerHistory(practitioners, pharmacies, gpProfession) : new Map<string, OfferEvent[]>();
  for (const [code, base] of zonage.classes) {
    const gps = counts.gps ? (counts.gps.values[code] ?? 0) : (offer.gps.get(code) ?? 0);
    const ph = counts.pharmacies ? (counts.pharmacies.values[code] ?? 0) : (offer.pharmacies.get(code) ?? 0);
    const phText = plural(ph, 'pharmacie', 'pharmacies', 'aucune pharmacie');
    const gpText = plural(gps, 'médecin généraliste', 'médecins généralistes', 'aucun médecin généraliste');
    const facts = snapshot
      ? `${phText} (${counts.pharmacies?.label ?? `au ${when}`}), ${gpText} ${counts.gps ? `(${counts.gps.label})` : `en exercice au ${when}`}`
      : `${phText}, ${gpText} en exercice au ${when}`;
    const rule = active.find((r) => r.type === 'pharmacie-sans-medecin' && r.from.includes(base) && ph > 0 && gps === 0) ?? null;
    const baseLabel = classById(scheme, base).label;
    const ruleFor = (gpCount: number, phCount: number) => active.find((r) => r.type === 'pharmacie-sans-medecin' && r.from.includes(base) && phCount > 0 && gpCount === 0) ?? null;
    const since = active.some((r) => r.from.includes(base)) ? ruleSince(history.get(code) ?? [], gps, ph, ruleFor, zonage.validFrom, date) : undefined;
    if (since) {
      const label = (rule ? classById(scheme, rule.to) : classById(scheme, base)).label;
      since.cause = `${label} depuis le ${formatDate(since.date)} : ${since.cause}`;
    }
    if (rule) {
      const to = classById(scheme, rule.to).label;
      result.set(code, {
        code,
        base,
        effective: rule.to,
        rule,
        reasons: [
          `${to} — règle « pharmacie sans médecin » (${rule.source.ref}) ; classement de base : ${baseLabel.toLowerCase()}`,
          ...(since ? [`${since.cause}.`] : []),
          `${facts} ; ${to.toLowerCase()} jusqu'à l'installation effective d'un médecin.`,
        ],
        gps,
        pharmacies: ph,
        ...(since ? { since } : {}),
      });
    } else {
      // The offer only matters where a rule reads it (and may be fictitious while the zonage is real).
      const reasons = [`${baseLabel} — classement de base ${zonage.year}`, ...(since ? [`${since.cause}.`] : []), ...(active.length ? [`${facts}.`] : [])];
      result.set(code, { code, base, effective: base, rule: null, reasons, gps, pharmacies: ph, ...(since ? { since } : {}) });
    }
  }
  return result;
}

/** A change in a commune's offer: the count of GPs or pharmacies moves by `delta` from `date` on. */
interface OfferEvent {
  date: string;
  kind: 'gp' | 'pharmacy';
  delta: 1 | -1;
}

function offerHistory(practitioners: Practitioner[], pharmacies: Pharmacy[], profession: string): Map<string, OfferEvent[]> {
  const events = new Map<string, OfferEvent[]>();
  const add = (commune: string, e: OfferEvent) => (events.get(commune) ?? events.set(commune, []).get(commune)!).push(e);
  for (const p of practitioners) {
    if (p.profession !== profession) continue;
    if (p.start) add(p.commune, { date: p.start, kind: 'gp', delta: 1 });
    if (p.end) add(p.commune, { date: addDays(p.end, 1), kind: 'gp', delta: -1 });
  }
  for (const p of pharmacies) {
    if (p.opened) add(p.commune, { date: p.opened, kind: 'pharmacy', delta: 1 });
    if (p.closed) add(p.commune, { date: addDays(p.closed, 1), kind: 'pharmacy', delta: -1 });
  }
  return events;
}

const CAUSES: Record<string, string> = {
  'gp-1': "départ du dernier médecin généraliste",
  'gp1': "installation d'un médecin généraliste",
  'pharmacy1': "ouverture d'une pharmacie sans médecin généraliste en exercice",
  'pharmacy-1': 'fermeture de la dernière pharmacie',
};

/**
 * The day the pharmacy rule last switched on or off for a commune, within the zonage's period (a new
 * zonage resets the story), walking the commune's offer back in time from `date`.
 */
function ruleSince(
  events: OfferEvent[],
  gps: number,
  pharmacies: number,
  ruleFor: (gps: number, pharmacies: number) => unknown,
  from: string,
  date: string,
): { date: string; cause: string } | undefined {
  const now = ruleFor(gps, pharmacies) !== null;
  const past = events.filter((e) => e.date > from && e.date <= date).sort((a, b) => (a.date < b.date ? 1 : -1));
  let [g, p] = [gps, pharmacies];
  for (let i = 0; i < past.length; ) {
    const day = past[i].date;
    const sameDay = past.filter((e) => e.date === day);
    i += sameDay.length;
    for (const e of sameDay) e.kind === 'gp' ? (g -= e.delta) : (p -= e.delta);
    if ((ruleFor(g, p) !== null) !== now) {
      const decisive = sameDay.find((e) => (e.kind === 'gp' ? (now ? e.delta < 0 : e.delta > 0) : now ? e.delta > 0 : e.delta < 0)) ?? sameDay[0];
      return { date: day, cause: CAUSES[`${decisive.kind}${decisive.delta}`] };
    }
  }
  return undefined;
}
