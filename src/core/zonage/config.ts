// A territory's zonage configuration (data/territories/<id>/zonage.json, its schema in schema.ts): schemes,
// rules, yearly files.
// ARS zonages are named by profession (`ars`) and read from the national class tables (npm run build:ars);
// their schemes come from data/ars/schemes.json.
import type * as v from 'valibot';
import type { ZonageRule, ZonageScheme } from './model.ts';
import { ZonageConfigSchema, type DataFileSchema, type ZonageYearSchema } from './schema.ts';
import { checkSchema, problemText, withoutNotes, type WithoutNotes } from '../schemas/check.ts';
import { arsScheme, arsSchemeId, isArsScheme, type ArsSchemes } from '../ars/schemes.ts';
import { isIsoDate } from '../dates.ts';

export type DataFile = WithoutNotes<v.InferOutput<typeof DataFileSchema>>;

export type ZonageYear = Omit<WithoutNotes<v.InferOutput<typeof ZonageYearSchema>>, 'replaced'> & {
  /**
   * A newer act replaced it from this date (its publication). `listFrom` is never written by hand: it is
   * set when zonage.json is read, to the first day of a later year of the same zonage (the new list
   * published), so that the status stops saying the list is not imported; a last known zonage followed
   * by such a year gets the whole note from it (see parseZonageConfig).
   */
  replaced?: { from: string; by: string; listFrom?: string };
};

export interface ZonageConfig {
  schemes: ZonageScheme[];
  rules: ZonageRule[];
  years: ZonageYear[];
  practitioners: DataFile;
  pharmacies: DataFile;
  /** Installations and cessations declared between two extractions (fiche 1), optional. */
  movements?: DataFile;
}

/** Checks the shapes against the schema (schema.ts: unknown keys refused, named), then the cross-references a
 * typo would break. The file's own key order is kept (the outputs built from it stay byte for byte). */
export function parseZonageConfig(raw: unknown, file: string, ars?: ArsSchemes): ZonageConfig {
  const fail = (message: string): never => {
    throw new Error(`${file} : ${message}`);
  };
  const checked = checkSchema(ZonageConfigSchema, raw);
  if (!checked.output) throw new Error(checked.problems.map((p) => problemText(file, p)).join('\n'));
  const c = withoutNotes(raw) as ZonageConfig;
  // The ARS schemes the years use join the territory's own, after them (its own zonage comes first).
  for (const y of c.years) {
    if (!isArsScheme(y.scheme) || c.schemes.some((s) => s.id === y.scheme)) continue;
    if (!ars) fail(`année ${y.year} : zonage ARS « ${y.scheme} » sans les schémas ARS (data/ars/schemes.json).`);
    const profession = y.ars ?? y.profession;
    if (y.scheme !== arsSchemeId(profession)) fail(`année ${y.year} : le zonage ARS de « ${profession} » est « ${arsSchemeId(profession)} », pas « ${y.scheme} ».`);
    c.schemes.push(arsScheme(ars!, profession, y.authority));
  }
  const schemes = new Map(c.schemes.map((s) => [s.id, s]));
  for (const s of c.schemes) {
    if (!s.classes?.length) fail(`le zonage « ${s.id} » n'a pas de classes.`);
    for (const k of s.classes) if (!/^#[0-9a-f]{6}$/i.test(k.color)) fail(`couleur invalide pour la classe « ${k.id} » : ${k.color}.`);
  }
  const hasClass = (scheme: string, id: string) => schemes.get(scheme)?.classes.some((k) => k.id === id) ?? false;
  for (const r of c.rules) {
    if (!schemes.has(r.scheme)) fail(`règle sur un zonage inconnu « ${r.scheme} ».`);
    for (const id of [...r.from, r.to]) if (!hasClass(r.scheme, id)) fail(`règle : classe « ${id} » inconnue dans « ${r.scheme} ».`);
    if (!r.source?.ref || !r.source?.quote) fail('chaque règle cite sa source (ref, quote).');
  }
  for (const y of c.years) {
    const s = schemes.get(y.scheme) ?? fail(`année ${y.year} : zonage inconnu « ${y.scheme} ».`);
    if (!s.professions.includes(y.profession)) fail(`année ${y.year} : la profession « ${y.profession} » ne relève pas du zonage « ${y.scheme} ».`);
    // Every stored date is a calendar date and every year a sane one: the pages format them (a « 999-01-01 »
    // threw RangeError: Invalid time value on the commune and method pages).
    if (!Number.isInteger(y.year) || y.year < 1000 || y.year > 9999) fail(`année « ${String(y.year)} » invalide (AAAA).`);
    for (const [k, d] of [['validFrom', y.validFrom], ['validUntil', y.validUntil], ['replaced.from', y.replaced?.from]] as const) {
      if (d !== undefined && !isIsoDate(d)) fail(`année ${y.year} : « ${k} » « ${String(d)} » n'est pas une date AAAA-MM-JJ du calendrier.`);
    }
    if (!(y.validFrom <= y.validUntil)) fail(`année ${y.year} : période de validité incohérente.`);
    if (y.format && y.format !== 'projet' && !isArsScheme(y.scheme)) fail(`année ${y.year} : le format « ${y.format} » est celui d'une liste ARS (zonage « ars-… »).`);
    if (!y.file === !y.ars) fail(`année ${y.year} : « file » (fichier du territoire) ou « ars » (table nationale), l'un des deux.`);
    if (y.replaced && !(y.replaced.from > y.validUntil && y.replaced.by)) fail(`année ${y.year} : « replaced » attend une date postérieure à validUntil et l'acte qui remplace (« by »).`);
  }
  // A year followed by a later list of the same zonage (a newer ARS list published): from when the new
  // list applies, derived here, never declared. A last known zonage without a `replaced` note is then
  // replaced by that list from its date (it no longer says « un arrêté plus récent peut exister »).
  for (const y of c.years) {
    const next = c.years
      .filter((n) => n !== y && n.scheme === y.scheme && n.profession === y.profession && n.validFrom > y.validUntil)
      .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))[0];
    if (y.replaced) y.replaced = { from: y.replaced.from, by: y.replaced.by, ...(next ? { listFrom: next.validFrom } : {}) };
    else if (next && y.lastKnown) y.replaced = { from: next.validFrom, by: next.source, listFrom: next.validFrom };
  }
  return c;
}

/** The scheme a profession's zonage uses: the territory's own first (a départemental zonage before the ARS one). */
export function schemeFor(config: ZonageConfig, profession: string): ZonageScheme | undefined {
  return config.schemes.find((s) => s.professions.includes(profession));
}
