// The schema of data/ars/schemes.json, edited by hand: the class scales as written in the ARS files, and which
// profession uses which classes. Types derived from it (schemes.ts re-exports them); unknown keys refused, named.
import * as v from 'valibot';
import { annotations, checkSchema, problemText, type WithoutNotes } from '../schemas/check.ts';
import { ZoneClassSchema } from '../zonage/schema.ts';

const text = v.pipe(v.string(), v.check((s) => s.trim() !== '', 'ne doit pas être vide'));
const date = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue'));

export const ArsClassSchema = v.strictObject({
  ...ZoneClassSchema.entries,
  /** The code as written in the ARS files (« 1_ZIP », « 2_Sous_dotee »…). */
  code: v.optional(text),
  note: v.optional(text),
});

/** A region whose zonage of a profession a newer act replaced (its list not in the file). */
export const ArsReplacedRegionSchema = v.strictObject({
  ...annotations,
  /** Region code of the COG (« 75 » Nouvelle-Aquitaine). */
  region: v.pipe(v.string(), v.regex(/^\d{2}$/, 'code de région à 2 chiffres attendu')),
  /** Publication date of the act that replaced it. */
  from: date,
  /** The act (« arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine »). */
  by: text,
});

export const ArsProfessionSchema = v.strictObject({
  ...annotations,
  profession: text,
  scale: text,
  label: text,
  /** File name in the shared folder (ARS_SRC). */
  file: text,
  format: v.picklist(['cartosante', 'nom-code-postal']),
  /** The export is known to be in force on this date (the republication's commit date). */
  exportedBefore: date,
  /** What the public reads: the zonage, the export and its date. */
  source: text,
  /** Where the file was taken from (a republication's repository and commit): said on the method page only. */
  provenance: v.optional(text),
  classes: v.array(text),
  /** Regions whose zonage of this profession a newer act replaced: from that date the file's classes there are
   * no longer in force. */
  replaced: v.optional(v.array(ArsReplacedRegionSchema)),
});

export const ArsSchemesSchema = v.strictObject(
  {
    ...annotations,
    scales: v.record(v.string(), v.strictObject({ ...annotations, label: text, classes: v.array(ArsClassSchema) })),
    special: v.array(ArsClassSchema),
    /** How a commune whose zonage was replaced is drawn, in place of its former class. */
    replacedClass: ArsClassSchema,
    professions: v.array(ArsProfessionSchema),
  },
  'objet JSON attendu',
);

/** Checks data/ars/schemes.json against its schema (here, so that schemes.ts stays free of the schema library); the file's value as written (its key order kept). */
export function parseArsSchemes(raw: unknown, file: string): ArsSchemes {
  const r = checkSchema(ArsSchemesSchema, raw);
  if (!r.output) throw new Error(r.problems.map((p) => problemText(file, p)).join('\n'));
  return raw as ArsSchemes;
}

export type ArsClass = WithoutNotes<v.InferOutput<typeof ArsClassSchema>>;
export type ArsProfession = WithoutNotes<v.InferOutput<typeof ArsProfessionSchema>>;
export type ArsReplacedRegion = WithoutNotes<v.InferOutput<typeof ArsReplacedRegionSchema>>;
export type ArsSchemes = WithoutNotes<v.InferOutput<typeof ArsSchemesSchema>>;
