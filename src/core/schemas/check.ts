// What a schema says of a data file, in French: each problem names the field (plans[0].validFrom) and, for a key
// the schema does not know, the key itself, so that a misspelt `onse` is refused rather than silently ignored.
// Schemas give their own messages where the wording matters; `frenchMessage` words the rest.
import * as v from 'valibot';

export interface SchemaProblem {
  /** The field, as people read it: `plans[0].validFrom`, `cumulation.exclusiv`; empty for the file itself. */
  path: string;
  message: string;
  /** A key the schema does not know (a misspelling, or a field of another version). */
  unknownKey: boolean;
}

const TYPES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  boolean: 'true ou false',
  array: 'une liste',
  object: 'un objet',
  strict_object: 'un objet',
  loose_object: 'un objet',
  record: 'un objet',
  null: 'null',
};

/** The French wording of an issue whose schema gave no message of its own. */
export function frenchMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never') return 'clé inconnue';
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'est obligatoire';
  switch (issue.type) {
    case 'min_length':
      return issue.requirement === 1 ? 'ne doit pas être vide' : `doit compter au moins ${issue.requirement} éléments`;
    case 'max_length':
      return `ne doit pas dépasser ${issue.requirement} caractères`;
    case 'min_value':
      return `doit valoir au moins ${issue.requirement}`;
    case 'max_value':
      return `doit valoir au plus ${issue.requirement}`;
    case 'integer':
      return 'doit être un nombre entier';
    case 'regex':
      return "n'a pas la forme attendue";
    case 'literal':
    case 'picklist':
      return `doit valoir ${issue.expected?.replaceAll(' | ', ' ou ')}`;
    case 'union':
    case 'variant':
      return "ne correspond à aucune des formes permises";
  }
  return TYPES[issue.type] ? `doit être ${TYPES[issue.type]}` : `valeur invalide (${issue.expected ?? issue.type} attendu)`;
}

/** The path of an issue: keys joined by dots, list positions in brackets. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item, i) => (typeof item.key === 'number' ? `[${item.key}]` : `${i ? '.' : ''}${String(item.key)}`)).join('');
}

/** One message for a group of fields (`path`'s first capture), where the schema would word each field apart;
 * `when` looks at the object that holds the field. Unknown keys are always named on their own. */
export interface SchemaGroup {
  path: RegExp;
  message: string;
  when?: (parent: Record<string, unknown>) => boolean;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Checks `raw` against `schema`: the typed value, or every problem found (all of them, not the first). */
export function checkSchema<S extends v.GenericSchema>(
  schema: S,
  raw: unknown,
  groups: SchemaGroup[] = [],
): { output: v.InferOutput<S>; problems: [] } | { output?: undefined; problems: SchemaProblem[] } {
  // JSON arrays are objects to valibot: a file whose schema is an object is refused whole when it is a list.
  if (Array.isArray(raw) && /object$/.test(schema.type)) return { problems: [{ path: '', message: 'objet JSON attendu', unknownKey: false }] };
  const r = v.safeParse(schema, raw, { message: frenchMessage });
  if (r.success) return { output: r.output, problems: [] };
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const issue of r.issues) {
    const unknownKey = issue.expected === 'never';
    // A missing field: the object's own message says what the object is, not that the field is missing.
    const missing = issue.received === 'undefined' && issue.expected?.startsWith('"');
    let problem: SchemaProblem = { path: issuePath(issue), message: missing ? 'champ obligatoire' : issue.message, unknownKey };
    const parent = issue.path?.at(-1)?.input;
    const group = unknownKey ? undefined : groups.find((g) => g.path.test(problem.path) && (!g.when || (isRecord(parent) && g.when(parent))));
    if (group) problem = { path: group.path.exec(problem.path)![1], message: group.message, unknownKey };
    const key = `${problem.path}\n${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  return { problems };
}

/** « <file> : clé inconnue « onse » » or « <file> : « plans[0].validFrom » doit être… ». */
export const problemText = (file: string, p: SchemaProblem): string =>
  p.unknownKey
    ? `${file} : clé inconnue « ${p.path} » (faute de frappe, ou champ qui n'existe pas ?)`
    : p.path
      ? `${file} : « ${p.path} » ${p.message}.`
      : `${file} : ${p.message}.`;

/** Notes a person may leave in any data file, beside the fields: where a value comes from (`$source`), a remark
 * (`$note`, `$comment`). Read by people only. */
export const annotations = {
  /** The JSON Schema an editor reads (data/schemas/…), when the file names it. */
  $schema: v.optional(v.string()),
  $source: v.optional(v.string()),
  $note: v.optional(v.string()),
  $comment: v.optional(v.string()),
};

/** The choices of each `oneOf`, for the JSON Schema (json-schema.ts): valibot reads a lazy schema, not its choices. */
export const choicesOf = new WeakMap<object, v.GenericSchema[]>();

/** One of several schemas, picked from the value itself (an « any » condition by its `any` key), so that a
 * problem is said in the words of the schema meant, not « matches none of the forms ». */
export function oneOf<S extends v.GenericSchema>(choices: S[], pick: (input: unknown) => S): v.LazySchema<S> {
  const schema = v.lazy(pick);
  choicesOf.set(schema, choices);
  return schema;
}

type NoteKey = keyof typeof annotations;
/** A file's value without its notes (`$source`, `$note`…), which people read and the app never does. */
export type WithoutNotes<T> = T extends readonly (infer U)[]
  ? WithoutNotes<U>[]
  : T extends object
    ? { [K in keyof T as K extends NoteKey ? never : K]: WithoutNotes<T[K]> }
    : T;

/** Drops the notes at every depth, so that the built outputs carry the data alone. */
export function withoutNotes<T>(value: T): WithoutNotes<T> {
  if (Array.isArray(value)) return value.map(withoutNotes) as WithoutNotes<T>;
  if (!isRecord(value)) return value as WithoutNotes<T>;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !(k in annotations)).map(([k, x]) => [k, withoutNotes(x)])) as WithoutNotes<T>;
}
