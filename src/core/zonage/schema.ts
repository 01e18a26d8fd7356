// The schema of a territory's zonage configuration (data/territories/<id>/zonage.json): its own schemes
// (classes, colours), the rules applied on top (fiche 1's pharmacy rule), the yearly zonages and the data
// files read with them. The shapes are checked here; what crosses fields (a class a rule names, a period's
// order, an ARS scheme's name) is checked by parseZonageConfig (config.ts), which reads this schema first.
import * as v from 'valibot';
import { annotations } from '../schemas/check.ts';

const text = v.pipe(v.string(), v.check((s) => s.trim() !== '', 'ne doit pas être vide'));
const obj = 'doit être un objet';

export const ZoneClassSchema = v.strictObject({
  ...annotations,
  id: text,
  label: text,
  color: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'couleur #rrggbb attendue')),
  /** Drawn on top of the colour so the class does not rest on colour alone. */
  pattern: v.optional(v.picklist(['hachures', 'points', 'croisillons', 'traits', 'verticales'])),
}, obj);

export const ZonageSchemeSchema = v.strictObject({
  ...annotations,
  id: text,
  label: text,
  authority: text,
  professions: v.array(text),
  /** Ordered from the most to the least prioritised. */
  classes: v.array(ZoneClassSchema),
}, obj);

const CitationSchema = v.strictObject({ ...annotations, ref: text, quote: text }, obj);

/** A commune with a pharmacy and no practising GP moves from one of `from` to `to`. */
export const PharmacyRuleSchema = v.strictObject({
  ...annotations,
  type: v.literal('pharmacie-sans-medecin'),
  scheme: text,
  from: v.array(text),
  to: text,
  /** The profession whose absence triggers the rule. */
  profession: text,
  source: CitationSchema,
}, obj);

// Years and dates are read as written: parseZonageConfig says which year is invalid, and why, in its words.
export const ZonageYearSchema = v.strictObject({
  ...annotations,
  year: v.number(),
  scheme: text,
  profession: text,
  /** The territory's own file, or… */
  file: v.optional(text),
  /** …its format: the project CSV (code_insee, zone; the default) or a newer ARS list as published. */
  format: v.optional(v.picklist(['projet', 'cartosante', 'nom-code-postal'])),
  /** …the profession whose national ARS class table holds the classes. */
  ars: v.optional(text),
  /** Who decided it, when it differs from the scheme's authority (« ARS Pays de la Loire »). */
  authority: v.optional(text),
  /** First and last day the zonage is known to be in force (for an ARS export: the export's date). */
  validFrom: v.string(),
  validUntil: v.string(),
  /** After validUntil it stays the last known zonage (« un arrêté plus récent peut exister »). */
  lastKnown: v.optional(v.boolean()),
  /** A newer act replaced it from this date (its publication). `listFrom`, if written, is ignored: it is derived
   * from the later years when the file is read (config.ts). */
  replaced: v.optional(v.strictObject({ ...annotations, from: v.string(), by: v.string(), listFrom: v.optional(v.string()) }, obj)),
  example: v.boolean(),
  source: text,
}, obj);

export const DataFileSchema = v.strictObject({
  ...annotations,
  file: text,
  example: v.boolean(),
  source: text,
  /** The day the data describes (a register's extraction, a declared file's last update). */
  date: v.optional(v.string()),
}, obj);

export const ZonageConfigSchema = v.strictObject(
  {
    ...annotations,
    schemes: v.array(ZonageSchemeSchema),
    rules: v.array(PharmacyRuleSchema),
    years: v.array(ZonageYearSchema),
    practitioners: DataFileSchema,
    pharmacies: DataFileSchema,
    /** Installations and cessations declared between two extractions (fiche 1), optional. */
    movements: v.optional(DataFileSchema),
  },
  'objet JSON attendu',
);
