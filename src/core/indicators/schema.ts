// Schemas of the indicator definitions (data/indicators/indicators.json) and of the built files
// (public/data/indicators/): an indicator is data — id, label, unit, year or date, source, limits.
import * as v from 'valibot';
import { frenchMessage } from '../schemas/check.ts';

const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'date AAAA-MM-JJ (ou AAAA-MM) attendue'));
const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'texte vide'));

export const SourceSchema = v.object({
  producer: text,
  dataset: text,
  /** The file's name in the source folder (INDICATORS_SRC). */
  file: text,
  /** Publication or extraction date of the file. */
  date: isoDate,
  licence: text,
  /** Where the file was taken from (a republication's repository and commit): said on the method page only, never beside a figure. */
  provenance: v.optional(text),
});

export const IndicatorSchema = v.object({
  id: v.picklist(['apl', 'apl-history', 'medecins', 'pharmacies']),
  label: text,
  unit: text,
  /** Year(s) the values describe (APL), or undefined for a dated snapshot. */
  years: v.optional(v.array(v.pipe(v.number(), v.integer()))),
  /** Date of a snapshot (counts). */
  date: v.optional(isoDate),
  source: SourceSchema,
  /** Limits the product says beside every figure. */
  limits: v.array(text),
  /** Départements covered when the file is not national (pharmacies). */
  departements: v.optional(v.array(text)),
  /** National thresholds to mark on scales (APL: 2.5 and 4). */
  thresholds: v.optional(v.array(v.number())),
});

/** The file edited by hand: an unknown key (a misspelt field) is refused with its name. The built files below
 * read the same definitions, loosely. */
export const IndicatorsFileSchema = v.strictObject({
  $comment: v.optional(v.string()),
  indicators: v.array(v.strictObject({ ...IndicatorSchema.entries, source: v.strictObject(SourceSchema.entries) })),
});

export type IndicatorSource = v.InferOutput<typeof SourceSchema>;
export type IndicatorDef = v.InferOutput<typeof IndicatorSchema>;
export type IndicatorId = IndicatorDef['id'];
export type IndicatorsFile = v.InferOutput<typeof IndicatorsFileSchema>;

/** Parses the definitions, naming the file and the field on error. */
export function parseIndicatorDefs(raw: unknown, file: string): IndicatorDef[] {
  const r = v.safeParse(IndicatorsFileSchema, raw, { message: frenchMessage });
  if (!r.success) throw new Error(r.issues.slice(0, 10).map((i) => `${file}, champ « ${v.getDotPath(i) ?? '(racine)'} » : ${i.message}`).join('\n'));
  const ids = new Set<string>();
  for (const d of r.output.indicators) {
    if (ids.has(d.id)) throw new Error(`${file}, champ « indicators » : l'indicateur « ${d.id} » est défini deux fois.`);
    ids.add(d.id);
  }
  return r.output.indicators;
}

/** APL of one commune for one year: all GPs, under 65, standardised and total population. */
export const AplValueSchema = v.object({
  value: v.nullable(v.number()),
  under65: v.nullable(v.number()),
  popStd: v.nullable(v.number()),
  pop: v.nullable(v.number()),
  /** How the value reached today's commune. */
  via: v.picklist(['actuelle', 'ancienne', 'fusion', 'arrondissements']),
  /** The codes of the file it was read or derived from, when not the commune's own. */
  from: v.optional(v.array(v.string())),
});

export const CommuneIndicatorsSchema = v.object({
  apl: v.record(v.string(), AplValueSchema),
  history: v.record(v.string(), v.number()),
  medecins: v.nullable(v.object({ generalistes: v.number(), total: v.number() })),
  /** null: the pharmacy file does not cover this commune's département. */
  pharmacies: v.nullable(v.number()),
  flags: v.array(v.string()),
});

export const TerritoryIndicatorsFileSchema = v.object({
  $comment: v.optional(v.string()),
  territory: v.string(),
  indicators: v.array(IndicatorSchema),
  /** Median APL of the latest year: the territory's département(s) and France (population-unweighted, per commune). */
  medians: v.object({ year: v.number(), france: v.nullable(v.number()), departements: v.record(v.string(), v.nullable(v.number())) }),
  communes: v.record(v.string(), CommuneIndicatorsSchema),
});

export const NationalAplFileSchema = v.object({
  $comment: v.optional(v.string()),
  year: v.number(),
  variant: v.string(),
  /** The APL's definition: label, unit, source, limits, thresholds. */
  indicator: IndicatorSchema,
  /** Codes sorted, and their APL ×1000 (integer), null when missing, in the same order. */
  codes: v.array(v.string()),
  values: v.array(v.nullable(v.number())),
  derived: v.array(v.string()),
});

export type AplValue = v.InferOutput<typeof AplValueSchema>;
export type CommuneIndicators = v.InferOutput<typeof CommuneIndicatorsSchema>;
export type TerritoryIndicatorsFile = v.InferOutput<typeof TerritoryIndicatorsFileSchema>;
export type NationalAplFile = v.InferOutput<typeof NationalAplFileSchema>;
