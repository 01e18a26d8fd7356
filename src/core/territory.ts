// A territory is data (data/territories/<id>/territory.json): adding one is adding a folder. Its schema is
// below (types derived from it); unknown keys are refused with the key named.
import * as v from 'valibot';
import { annotations, checkSchema, problemText, withoutNotes, type WithoutNotes } from './schemas/check.ts';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i;

const text = v.pipe(v.string('doit être un texte non vide'), v.check((s) => s.trim() !== '', 'doit être un texte non vide'));
const date = v.pipe(v.string('doit être une date AAAA-MM-JJ'), v.regex(DATE, 'doit être une date AAAA-MM-JJ'));
const email = v.pipe(text, v.check((s) => EMAIL.test(s), (i) => `n'est pas une adresse e-mail (« ${String(i.input)} »)`));

const SELECTION = 'doit être { "departement": "17" } ou { "epci": "<SIREN à 9 chiffres>" }';
const SelectionSchema = v.union(
  [v.strictObject({ departement: v.pipe(v.string(), v.regex(/^(\d{2,3}|2A|2B)$/)) }), v.strictObject({ epci: v.pipe(v.string(), v.regex(/^\d{9}$/)) })],
  SELECTION,
);
// A code of the wrong form is said in the selection's own words, which show both forms.
const GROUPS = [{ path: /^(selection)\./, message: SELECTION }];

/** How to reach the authority behind a plan, as the plan prints it (« Nous contacter »). */
const PlanContactSchema = v.strictObject({
  ...annotations,
  name: text,
  phone: v.optional(v.pipe(v.string(), v.regex(/^\+?[0-9 .]{6,20}$/, (i) => `n'est pas un numéro de téléphone (« ${String(i.input)} »)`))),
  email: v.optional(email),
  source: text,
}, 'doit être un objet');

const PlanSchema = v.strictObject({
  ...annotations,
  id: text,
  title: text,
  reference: text,
  validFrom: date,
  validUntil: v.optional(date),
  /** The plan's text in ../shared/sources/. */
  source: text,
  /** What the plan says of combining its aids (« les aides sont cumulables entre elles »). */
  cumulation: v.optional(v.strictObject({ ...annotations, all: v.boolean(), quote: text }, 'doit être un objet')),
  contact: v.optional(PlanContactSchema),
}, 'doit être un objet');

export const TerritorySchema = v.strictObject(
  {
    ...annotations,
    id: v.pipe(text, v.regex(ID, (i) => `doit être en minuscules, chiffres et tirets : l'identifiant « ${String(i.input)} » ne l'est pas`)),
    name: text,
    kind: text,
    selection: SelectionSchema,
    outlineLabel: text,
    authority: v.strictObject({ ...annotations, name: text, url: v.optional(v.string()) }, 'doit être un objet'),
    /** Where communes send their offers (fiche 16: guichet unique); `example` when not a real address. */
    guichet: v.optional(v.strictObject({ ...annotations, name: text, email, example: v.optional(v.boolean(), false) }, 'doit être un objet')),
    plans: v.array(PlanSchema, 'doit être une liste'),
  },
  'objet JSON attendu',
);

export type Territory = WithoutNotes<v.InferOutput<typeof TerritorySchema>>;
export type Plan = Territory['plans'][number];
export type CommuneSelection = Territory['selection'];

export class TerritoryError extends Error {}

/** Validates a territory definition read from JSON; `file` names it in messages, every problem at once. */
export function parseTerritory(raw: unknown, file: string): Territory {
  const r = checkSchema(TerritorySchema, raw, GROUPS);
  if (!r.output) throw new TerritoryError(r.problems.map((p) => problemText(file, p)).join('\n'));
  return withoutNotes(r.output);
}

/** Territories sorted by name, with duplicate ids rejected. */
export function parseTerritories(entries: Array<[file: string, raw: unknown]>): Territory[] {
  const list = entries.map(([file, raw]) => parseTerritory(raw, file));
  const seen = new Set<string>();
  for (const t of list) {
    if (seen.has(t.id)) throw new TerritoryError(`Deux territoires portent l'identifiant « ${t.id} ».`);
    seen.add(t.id);
  }
  return list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
