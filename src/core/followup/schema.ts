// data/territories/<id>/suivi/plan.json, the plan's follow-up data: the budget envelope with its dated
// délibérations, each fiche's « indicateur de suivi » and conventions to renew. Types derive from the schema.
import * as v from 'valibot';
import { isIsoDate } from '../dates.ts';
import { DOSSIER_STATUSES } from './model.ts';
import { annotations, frenchMessage } from '../schemas/check.ts';

const isoDate = v.pipe(v.string(), v.check((s: string) => isIsoDate(s), 'date AAAA-MM-JJ attendue'));
const euros = v.pipe(v.number(), v.minValue(0));

/** Counted from the register's dossiers of these statuses, in the year of `date`. */
const fromRegister = <M extends string>(method: M) =>
  v.strictObject({
    method: v.literal(method),
    statuses: v.pipe(v.array(v.picklist(DOSSIER_STATUSES.map((s) => s.id))), v.minLength(1)),
    date: v.picklist(['received', 'decided', 'convention', 'paid']),
  });

/** How an indicator is counted from the register, or entered by hand (« saisi ») when it cannot be: the
 * dossiers themselves, the distinct beneficiaries among them (a person counted once a year), or the
 * register's « unites » column summed over them (professionals welcomed, for example). */
const Counting = v.variant('method', [
  fromRegister('dossiers'),
  fromRegister('beneficiaires'),
  fromRegister('unites'),
  v.strictObject({
    method: v.literal('saisi'),
    /** Values entered by the chargée de mission, per year. */
    values: v.record(v.pipe(v.string(), v.regex(/^\d{4}$/)), v.pipe(v.number(), v.minValue(0))),
    /** Why the register cannot count it. */
    why: v.pipe(v.string(), v.minLength(1)),
  }),
]);

export const IndicatorSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  /** The plan's words; empty quote when the plan sets no indicator (Mauges) and `label` says what is counted. */
  label: v.pipe(v.string(), v.minLength(1)),
  quote: v.optional(v.string()),
  counting: Counting,
  /** Yearly target set by the chargée de mission, when there is one. */
  targets: v.optional(v.record(v.pipe(v.string(), v.regex(/^\d{4}$/)), v.pipe(v.number(), v.minValue(0)))),
});

const EnvelopeStep = v.strictObject({
  date: isoDate,
  act: v.pipe(v.string(), v.minLength(1)),
  /** The AE after this act, when the plan says it (the intermediate amounts are not in the délibération). */
  total: v.optional(euros),
});

export const FollowupSchema = v.strictObject({
  ...annotations,
  plan: v.pipe(v.string(), v.minLength(1)),
  /** The register beside this file (staff data: never copied to public/), and whether it is the shipped example. */
  register: v.strictObject({ file: v.pipe(v.string(), v.regex(/^[\w.-]+\.(csv|xlsx)$/)), example: v.boolean() }),
  /** The period the follow-up covers (the plan's, or the AE's). */
  period: v.strictObject({ from: isoDate, until: v.optional(isoDate) }),
  envelope: v.strictObject({
    label: v.pipe(v.string(), v.minLength(1)),
    /** Null when the plan sets no envelope (Mauges): granted and paid are shown, not what remains. */
    steps: v.array(EnvelopeStep),
    quote: v.optional(v.string()),
    /** Committed before the register starts, when known (the AE dates from 2020). */
    committedBefore: v.optional(v.strictObject({ amount: euros, text: v.string() })),
    note: v.optional(v.string()),
  }),
  fiches: v.record(
    v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,60}$/)),
    v.strictObject({
      indicators: v.array(IndicatorSchema),
      /** Conventions paid per year are renewed every `months` months, while payments run (`forMonths`). */
      renewal: v.optional(v.strictObject({ months: v.pipe(v.number(), v.integer(), v.minValue(1)), forMonths: v.pipe(v.number(), v.integer(), v.minValue(1)), text: v.string() })),
      /** The same beneficiary may not get this aid twice (the plan says so, quoted). */
      once: v.optional(v.strictObject({ quote: v.string() })),
    }),
  ),
});

export type Indicator = v.InferOutput<typeof IndicatorSchema>;
export type Followup = v.InferOutput<typeof FollowupSchema>;
export type FicheFollowup = Followup['fiches'][string];

/** Validates plan.json; problems name the file and the field, in French. */
export function parseFollowup(raw: unknown, file: string, aidIds: string[]): { followup?: Followup; problems: string[] } {
  const r = v.safeParse(FollowupSchema, raw, { message: frenchMessage });
  if (!r.success) return { problems: r.issues.map((i) => (i.expected === 'never' ? `${file}, clé inconnue « ${v.getDotPath(i)} » (faute de frappe, ou champ qui n'existe pas ?).` : `${file}, champ « ${v.getDotPath(i) ?? '(racine)'} » : ${i.message}.`)) };
  const problems: string[] = [];
  for (const id of Object.keys(r.output.fiches)) if (!aidIds.includes(id)) problems.push(`${file}, champ « fiches.${id} » : aide inconnue du catalogue.`);
  const steps = r.output.envelope.steps;
  for (let i = 1; i < steps.length; i++) if (steps[i].date < steps[i - 1].date) problems.push(`${file}, champ « envelope.steps.${i}.date » : les délibérations vont de la plus ancienne à la plus récente.`);
  return problems.length ? { problems } : { followup: r.output, problems };
}
