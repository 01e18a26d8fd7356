// The revision method is data (data/territories/<id>/revision.json): named parameters (the thresholds the
// page lets one edit), ordered rules each giving a class when its condition holds, and the pharmacy rule of
// fiche 1 applied on top. A draft (overrides with their argument) is a file too; both are checked here. The
// method is edited by hand: its objects are strict, an unknown key is refused with its name.
import * as v from 'valibot';
import { frenchMessage } from '../schemas/check.ts';

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'texte vide'));
const id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'identifiant en minuscules, chiffres et tirets attendu'));

/** Indicators a rule may read (the reader maps them to the built indicator files). */
export const INDICATOR_IDS = ['apl', 'apl-moins-65', 'apl-evolution', 'medecins-pour-10000', 'medecins', 'pharmacies', 'classe-ars', 'population'] as const;
export type RevisionIndicator = (typeof INDICATOR_IDS)[number];

export const ComparisonSchema = v.strictObject({
  indicator: v.picklist(INDICATOR_IDS, `indicateur inconnu (${INDICATOR_IDS.join(', ')})`),
  op: v.picklist(['<=', '<', '>=', '>', '==', 'in'], 'opérateur attendu : <=, <, >=, >, == ou in'),
  /** A literal threshold, or the id of a parameter (editable in the page). */
  value: v.optional(v.number()),
  param: v.optional(id),
  /** For `in`: the accepted values (ARS class ids). */
  values: v.optional(v.array(text)),
  /** For apl-evolution: the year the change is measured from. */
  since: v.optional(v.pipe(v.number(), v.integer())),
});
export type Comparison = v.InferOutput<typeof ComparisonSchema>;

export type Condition = Comparison | { any: Condition[] } | { all: Condition[] } | { always: true };

const AnySchema = v.strictObject({ any: v.pipe(v.array(v.lazy(conditionForm)), v.minLength(1, 'liste vide')) });
const AllSchema = v.strictObject({ all: v.pipe(v.array(v.lazy(conditionForm)), v.minLength(1, 'liste vide')) });
const AlwaysSchema = v.strictObject({ always: v.literal(true) });
const ConditionForms = v.union([AnySchema, AllSchema, AlwaysSchema, ComparisonSchema]);

/**
 * The form a condition means, picked by its key (any, all, always, else a comparison), so that a problem inside
 * is said in that form's words — a misspelt key named at its place — rather than « matches none of the forms ».
 * Without a value to look at (the JSON Schema, a value that is no object), every form: one getter for every
 * place, so that the JSON Schema refers to one definition.
 */
function conditionForm(input: unknown): v.GenericSchema<Condition> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ConditionForms;
  return 'any' in input ? AnySchema : 'all' in input ? AllSchema : 'always' in input ? AlwaysSchema : ComparisonSchema;
}
export const ConditionSchema: v.GenericSchema<Condition> = v.lazy(conditionForm);

export const ParameterSchema = v.strictObject({
  id,
  label: text,
  value: v.number(),
  min: v.number(),
  max: v.number(),
  step: v.pipe(v.number(), v.minValue(0.001)),
  unit: v.optional(v.string()),
});
export type Parameter = v.InferOutput<typeof ParameterSchema>;

export const RuleSchema = v.strictObject({
  id,
  class: id,
  /** The rule in words, as the page and the annex say it. */
  label: text,
  when: ConditionSchema,
});
export type Rule = v.InferOutput<typeof RuleSchema>;

export const PharmacyRuleSchema = v.strictObject({
  id,
  label: text,
  from: v.array(id),
  to: id,
  source: text,
});

export const MethodSchema = v.strictObject({
  $comment: v.optional(v.string()),
  id,
  /** A draft made with another version of the method is refused. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  territory: id,
  scheme: id,
  profession: id,
  /** Said on every screen that shows the method: whose interpretation it is. */
  interpretation: text,
  justification: v.array(text),
  /** The class of a commune whose rule cannot be decided (a missing indicator): never a silent default. */
  undetermined: v.strictObject({ id, label: text }),
  /** Classes the territory counts as priority (for the « leaves a priority class while its APL fell » check). */
  priority: v.array(id),
  parameters: v.array(ParameterSchema),
  /** Indicators read for every commune besides those the rules need: shown in the table and the pack, and
   * read by the checks (an APL change for « leaves a priority class while its APL fell »). */
  show: v.optional(v.array(v.strictObject({ indicator: v.picklist(INDICATOR_IDS), since: v.optional(v.pipe(v.number(), v.integer())) })), []),
  rules: v.pipe(v.array(RuleSchema), v.minLength(1, 'au moins une règle')),
  pharmacy: v.optional(PharmacyRuleSchema),
});
export type Method = v.InferOutput<typeof MethodSchema>;

export const OVERRIDE_REASONS = ['installation imminente', 'départ connu', 'continuité territoriale', 'demande du maire', 'autre'] as const;

export const OverrideSchema = v.object({
  class: id,
  reason: v.optional(v.string()),
  comment: v.optional(v.string()),
});
export type Override = v.InferOutput<typeof OverrideSchema>;

export const DraftSchema = v.object({
  format: v.literal('revision-zonage', 'format « revision-zonage » attendu'),
  name: text,
  territory: id,
  /** The year the draft prepares (the zonage of next year). */
  year: v.pipe(v.number(), v.integer()),
  method: v.object({ id, version: v.number() }),
  /** Parameter id → value, when edited in the page. */
  parameters: v.record(v.string(), v.number()),
  /** Commune code → manual class with its argument. */
  overrides: v.record(v.pipe(v.string(), v.regex(/^\d[\dAB]\d{3}$/, 'code INSEE attendu')), OverrideSchema),
});
export type Draft = v.InferOutput<typeof DraftSchema>;

export class RevisionError extends Error {}

const issueText = (file: string, i: v.BaseIssue<unknown>) => `${file}, champ « ${v.getDotPath(i) ?? '(racine)'} » : ${i.message}`;

/** Parses a method and checks what a schema cannot: classes known to the scheme, parameters defined. */
export function parseMethod(raw: unknown, file: string, classIds: string[]): Method {
  const r = v.safeParse(MethodSchema, raw, { message: frenchMessage });
  if (!r.success) throw new RevisionError(r.issues.slice(0, 10).map((i) => issueText(file, i)).join('\n'));
  const m = r.output;
  const known = new Set([...classIds, m.undetermined.id]);
  const params = new Set(m.parameters.map((p) => p.id));
  const walk = (c: Condition, where: string) => {
    if ('any' in c) c.any.forEach((x, i) => walk(x, `${where}.any.${i}`));
    else if ('all' in c) c.all.forEach((x, i) => walk(x, `${where}.all.${i}`));
    else if ('indicator' in c) {
      if (c.param !== undefined && !params.has(c.param)) throw new RevisionError(`${file}, champ « ${where}.param » : paramètre « ${c.param} » non défini dans « parameters ».`);
      if (c.op === 'in' ? !c.values?.length : c.value === undefined && c.param === undefined) throw new RevisionError(`${file}, champ « ${where} » : ${c.op === 'in' ? '« values » attendu pour in' : '« value » ou « param » attendu'}.`);
      if (c.indicator === 'apl-evolution' && c.since === undefined) throw new RevisionError(`${file}, champ « ${where}.since » : année de référence attendue pour apl-evolution.`);
    }
  };
  m.rules.forEach((rule, i) => {
    if (!known.has(rule.class)) throw new RevisionError(`${file}, champ « rules.${i}.class » : classe « ${rule.class} » inconnue (${classIds.join(', ')}).`);
    walk(rule.when, `rules.${i}.when`);
  });
  if (m.pharmacy) for (const c of [...m.pharmacy.from, m.pharmacy.to]) if (!known.has(c)) throw new RevisionError(`${file}, champ « pharmacy » : classe « ${c} » inconnue.`);
  for (const c of m.priority) if (!known.has(c)) throw new RevisionError(`${file}, champ « priority » : classe « ${c} » inconnue.`);
  return m;
}

/**
 * Parses a draft against its method and the territory's communes; every problem is named (commune, field),
 * all of them, not only the first.
 */
export function parseDraft(raw: unknown, file: string, method: Method, communes: Set<string>, classIds: string[]): Draft {
  const r = v.safeParse(DraftSchema, raw);
  if (!r.success) throw new RevisionError(r.issues.slice(0, 10).map((i) => issueText(file, i)).join('\n'));
  const d = r.output;
  const errors: string[] = [];
  if (d.territory !== method.territory) errors.push(`${file}, champ « territory » : brouillon de « ${d.territory} », méthode de « ${method.territory} ».`);
  if (d.method.id !== method.id || d.method.version !== method.version) errors.push(`${file}, champ « method » : brouillon fait avec la méthode ${d.method.id} v${d.method.version}, méthode actuelle ${method.id} v${method.version} ; refaire le brouillon.`);
  const params = new Set(method.parameters.map((p) => p.id));
  for (const p of Object.keys(d.parameters)) if (!params.has(p)) errors.push(`${file}, champ « parameters.${p} » : paramètre inconnu de la méthode.`);
  for (const [code, o] of Object.entries(d.overrides)) {
    if (!communes.has(code)) errors.push(`${file}, commune ${code}, champ « overrides.${code} » : commune inconnue du territoire.`);
    if (!classIds.includes(o.class)) errors.push(`${file}, commune ${code}, champ « overrides.${code}.class » : classe « ${o.class} » inconnue.`);
  }
  if (errors.length) throw new RevisionError(errors.join('\n'));
  return d;
}
