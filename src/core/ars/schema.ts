// Schemas of the files the national DataSanté publication keeps in data/ars/listes/ (written by the command,
// read back by npm run build:ars and build:zonage): a file edited by hand or damaged is refused with its field.
import * as v from 'valibot';
import type { AreasFile } from './areas.ts';
import type { ArsDatedList } from './table-file.ts';

const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue'));
const Codes = v.pipe(v.string(), v.regex(/^[0-9AB]{5}( [0-9AB]{5})*$/, 'codes de communes séparés par des espaces attendus'));

const DatedListSchema = v.object({
  from: IsoDate,
  inForceOn: IsoDate,
  source: v.pipe(v.string(), v.minLength(1, 'source vide')),
  regions: v.array(v.string()),
  classes: v.record(v.string(), Codes),
});

export const ListsFileSchema = v.object({ $comment: v.optional(v.string()), profession: v.string(), lists: v.array(DatedListSchema) });

export const AreasFileSchema = v.object({
  source: v.string(),
  dateMaj: v.string(),
  tvs: v.record(v.string(), v.string()),
  bvcv: v.record(v.string(), v.tuple([v.string(), v.string()])),
  communes: v.record(v.string(), v.tuple([v.string(), v.string()])),
});

const check = <T>(schema: v.GenericSchema<unknown, T>, raw: unknown, file: string): T => {
  const r = v.safeParse(schema, raw);
  if (!r.success) throw new Error(r.issues.map((i) => `${file}, champ « ${v.getDotPath(i) ?? '(racine)'} » : ${i.message}.`).join('\n'));
  return r.output;
};

/** The dated lists of one profession (data/ars/listes/<profession>.json), checked; the profession must match. */
export function parseListsFile(raw: unknown, file: string, profession: string): ArsDatedList[] {
  const f = check(ListsFileSchema, raw, file);
  if (f.profession !== profession) throw new Error(`${file}, champ « profession » : « ${f.profession} » au lieu de « ${profession} ».`);
  return f.lists;
}

export const parseAreasFile = (raw: unknown, file: string): AreasFile => check(AreasFileSchema, raw, file);
