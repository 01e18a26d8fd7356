// An aid file (data/territories/<id>/aides/*.json): who can get it, where, on what conditions, how much, with
// what commitments and deadlines, from when to when, with what it cumulates, and the plan's sentence that says
// so. The types the engine reads derive from this schema; a key it does not know (`onse`) is refused, named.
import * as v from 'valibot';
import { isIsoDate } from '../dates.ts';
import { annotations, oneOf } from '../schemas/check.ts';
import { BENEFICIARIES, PROFILE_FIELDS, STATUSES, type Profile } from './profile.ts';

export const OPERATORS = ['=', 'in', '<', '<=', '>', '>='] as const;
export type Operator = (typeof OPERATORS)[number];
/** Profile fields that hold the cost of an operation: one operation, one cost. */
export const COST_FIELDS = ['projectCost', 'housingCost'] as const;
export type CostField = (typeof COST_FIELDS)[number];
const AMOUNT_TYPES = ['fixed', 'byClass', 'monthly', 'schedule', 'perKm', 'shareOfCost', 'yearly', 'sum', 'none', 'unspecified'];
const CONDITION_FIELDS = [...(Object.keys(PROFILE_FIELDS) as Array<keyof Profile>), 'commune.population' as const];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (message: string) => v.pipe(v.string(message), v.check((s) => s.trim() !== '', message));
const isoDate = v.pipe(v.string('date AAAA-MM-JJ attendue.'), v.check((s) => isIsoDate(s), 'date AAAA-MM-JJ attendue.'));
const texts = v.pipe(v.array(text('liste de textes non vide attendue.')), v.minLength(1, 'liste de textes non vide attendue.'));

/** A number, or its values by date of effect (the latest date on or before the evaluation date applies). */
const Dated = v.union(
  [
    v.pipe(v.number(), v.minValue(0)),
    v.pipe(
      v.record(v.pipe(v.string(), v.check((s) => isIsoDate(s))), v.pipe(v.number(), v.minValue(0))),
      v.check((r) => Object.keys(r).length > 0),
    ),
  ],
  'montant (nombre) ou montants datés { "AAAA-MM-JJ": nombre } attendus.',
);
export type Dated = v.InferOutput<typeof Dated>;

export type Amount = (
  | { type: 'fixed'; value: Dated; byStatus?: Record<string, Dated>; prorata?: 'presenceShare' }
  | { type: 'byClass'; values: Record<string, Dated> }
  | { type: 'monthly'; perMonth: Dated; months: number }
  | { type: 'schedule'; perMonthByYear: Record<string, Dated>; monthsPerYear: number }
  | { type: 'perKm'; rate: Dated; cap: Dated }
  /** A share of an operation's cost: `cost` names the profile field that holds it (projectCost by default). */
  | { type: 'shareOfCost'; share: number; cap?: Dated; cost?: CostField }
  | { type: 'yearly'; perYear: Dated; years?: number }
  | { type: 'sum'; parts: Amount[] }
  | { type: 'none' }
  | { type: 'unspecified' }
) & { note?: string };

const months = v.pipe(v.number('nombre de mois attendu.'), v.integer('nombre de mois attendu.'));
const note = { note: v.optional(v.string()) };
/** How much: one model per `type` (written by hand above because `sum` nests amounts). */
const AmountSchema: v.GenericSchema<Amount> = v.variant(
  'type',
  [
    v.strictObject({ type: v.literal('fixed'), value: Dated, byStatus: v.optional(v.record(v.string(), Dated)), prorata: v.optional(v.literal('presenceShare')), ...note }),
    v.strictObject({ type: v.literal('byClass'), values: v.record(v.string(), Dated), ...note }),
    v.strictObject({ type: v.literal('monthly'), perMonth: Dated, months, ...note }),
    v.strictObject({ type: v.literal('schedule'), perMonthByYear: v.record(v.string(), Dated), monthsPerYear: months, ...note }),
    v.strictObject({ type: v.literal('perKm'), rate: Dated, cap: Dated, ...note }),
    v.strictObject({
      type: v.literal('shareOfCost'),
      share: v.pipe(v.number('part entre 0 et 1 attendue.'), v.check((s) => s > 0 && s <= 1, 'part entre 0 et 1 attendue.')),
      cap: v.optional(Dated),
      cost: v.optional(v.picklist(COST_FIELDS, `champ de coût parmi ${COST_FIELDS.join(', ')} attendu.`)),
      ...note,
    }),
    v.strictObject({ type: v.literal('yearly'), perYear: Dated, years: v.optional(v.pipe(v.number(), v.integer())), ...note }),
    v.strictObject({ type: v.literal('sum'), parts: v.pipe(v.array(v.lazy(() => AmountSchema)), v.minLength(1, 'liste de montants attendue.')), ...note }),
    v.strictObject({ type: v.literal('none'), ...note }),
    v.strictObject({ type: v.literal('unspecified'), ...note }),
  ],
  `modèle de montant parmi ${AMOUNT_TYPES.join(', ')} attendu.`,
);

/** A condition on a profile field or on the commune (« commune.population »). */
const FieldConditionSchema = v.pipe(
  v.strictObject(
    {
      field: v.picklist(CONDITION_FIELDS, (i) => `champ « ${String(i.input)} » inconnu du profil.`),
      op: v.picklist(OPERATORS, `opérateur parmi ${OPERATORS.join(' ')} attendu.`),
      value: v.union([v.string(), v.number(), v.boolean(), v.array(v.string()), v.array(v.number())], 'texte, nombre, booléen ou liste attendu.'),
      /** The requirement in plain French, as a person reads it (« exercer en libéral »). */
      text: text('texte de la condition obligatoire.'),
      quote: v.optional(v.string()),
    },
    'condition attendue.',
  ),
  v.forward(v.check((c) => c.op !== 'in' || Array.isArray(c.value), "liste attendue avec l'opérateur « in »."), ['value']),
  v.forward(v.check((c) => c.field !== 'status' || !Array.isArray(c.value) || c.value.every((x) => STATUSES.some((s) => s.id === x)), 'statut inconnu.'), ['value']),
);
export type FieldCondition = v.InferOutput<typeof FieldConditionSchema>;

/** Every one of these conditions (a branch of an « any »: in a non-priority zone AND for less than 10 years). */
const AllConditionSchema = v.strictObject({ all: v.pipe(v.array(FieldConditionSchema), v.minLength(1)), text: v.string() });
export type AllCondition = v.InferOutput<typeof AllConditionSchema>;
const AnyConditionSchema = v.strictObject({
  any: v.pipe(v.array(oneOf<v.GenericSchema<FieldCondition | AllCondition>>([FieldConditionSchema, AllConditionSchema], (x) => (isObject(x) && 'all' in x ? AllConditionSchema : FieldConditionSchema))), v.minLength(1)),
  text: v.string(),
  quote: v.optional(v.string()),
});
export type AnyCondition = v.InferOutput<typeof AnyConditionSchema>;
export type Condition = FieldCondition | AnyCondition;
const ConditionSchema = oneOf<v.GenericSchema<Condition>>([FieldConditionSchema, AnyConditionSchema], (x) => (isObject(x) && 'any' in x ? AnyConditionSchema : FieldConditionSchema));

/** Where the aid applies: communes of these effective classes in the zonage of that profession. */
const ZoneConditionSchema = v.strictObject({
  profession: v.string(),
  classes: v.pipe(v.array(v.string()), v.minLength(1)),
  /** The classes in words, as in « réservée aux zones fragiles et très fragiles ». */
  text: v.string(),
  /** Other classes admitted on a further condition (fiche 9: non prioritaire with two antennas). */
  exception: v.optional(v.strictObject({ classes: v.array(v.string()), condition: FieldConditionSchema })),
  quote: v.optional(v.string()),
  /** When the plan names zones the zonage does not have: how they were read, quoting the plan (said in the reasons). */
  interpretation: v.optional(v.string('texte attendu.')),
});
export type ZoneCondition = v.InferOutput<typeof ZoneConditionSchema>;

const DeadlineSchema = v.pipe(
  v.strictObject({
    label: v.string(),
    /** The profile date the deadline counts from, and what it is in words. */
    from: v.picklist(['eventDate', 'internshipEndDate'], '« eventDate » ou « internshipEndDate » attendu.'),
    event: v.string(),
    /** Within `months` after the event (« au plus tard N mois après » closes N months after it), or strictly before it. */
    months: v.optional(v.number()),
    before: v.optional(v.boolean()),
    /** The profile date that must meet the deadline (a request). */
    check: v.optional(v.literal('requestDate')),
  }),
  v.check((d) => d.months !== undefined || d.before === true, '« months » ou « before » attendu.'),
);
export type Deadline = v.InferOutput<typeof DeadlineSchema>;

const CommitmentSchema = v.strictObject({
  text: v.string(),
  /** Duration counted from the profile's eventDate, when it is one. */
  years: v.optional(v.number()),
  /** 'installation': counted from a future installation the profile does not date (CD17 fiche 7). */
  from: v.optional(v.picklist(['eventDate', 'installation'], '« eventDate » ou « installation » attendu.')),
  quote: v.optional(v.string()),
});
export type Commitment = v.InferOutput<typeof CommitmentSchema>;

const CumulationSchema = v.strictObject({
  /** Aids that cannot be combined with this one. */
  exclusive: v.optional(v.array(v.string())),
  /** Aids not combined with this one for one project by a reading of the plan, said as « interprétation » (fiche 11 is « une alternative aux Maisons de Santé Pluri-professionnelles »). */
  alternative: v.optional(v.strictObject({ ids: v.array(v.string()), text: v.string(), quote: v.string() })),
  /** Aids the plan says explicitly it cumulates with. */
  cumulable: v.optional(v.array(v.string())),
  /** When combined with another aid, the commitment becomes longer. */
  combined: v.optional(v.array(v.strictObject({ with: v.string(), commitmentYears: v.number(), quote: v.string() }))),
  quote: v.optional(v.string()),
});
export type Cumulation = v.InferOutput<typeof CumulationSchema>;

export const AidSchema = v.strictObject(
  {
    ...annotations,
    id: v.pipe(v.string('identifiant en minuscules, chiffres et tirets attendu.'), v.regex(/^[a-z0-9-]{3,60}$/, 'identifiant en minuscules, chiffres et tirets attendu.')),
    title: text('texte obligatoire.'),
    /** The plan's id in territory.json. */
    plan: v.string(),
    ref: text('texte obligatoire.'),
    kind: v.picklist(['financiere', 'accompagnement'], '« financiere » ou « accompagnement » attendu.'),
    /** 'authority': the authority's own work (CD17 fiche 1, the zonage), listed in the plan but not an aid
     * anyone applies for; 'applicants' (the default) otherwise. */
    audience: v.optional(v.picklist(['applicants', 'authority'], '« applicants » ou « authority » attendu.')),
    /** How to apply, where the plan says it (who files, what to provide), with the plan's sentence. Without
     * `provide`, the plan does not say what to provide. */
    apply: v.optional(v.strictObject({ steps: v.optional(texts), provide: v.optional(texts), quote: text('la phrase du plan est obligatoire.') })),
    beneficiaries: v.pipe(v.array(v.picklist(BENEFICIARIES.map((b) => b.id))), v.minLength(1)),
    summary: text('texte obligatoire.'),
    quote: text('texte obligatoire.'),
    /** Defaults to the plan's validity; `quote` cites the sentence that dates the aid; `earlier` says what a
     * dossier received before the plan's start falls under (« relève des fiches antérieures »). */
    validity: v.optional(
      v.pipe(
        v.strictObject({ from: v.optional(isoDate), until: v.optional(isoDate), quote: v.optional(v.string()), earlier: v.optional(v.string()) }),
        v.check((r) => !r.from || !r.until || r.from <= r.until, 'la date de début suit la date de fin.'),
      ),
    ),
    /** The plan withdrew this action (CD17 fiche 5): never offered, the quote says so. */
    withdrawn: v.optional(v.strictObject({ text: v.string(), quote: v.string() })),
    /** Beneficiaries admitted by a reading of the plan (docteurs juniors as internes), with that reading. */
    beneficiaryNotes: v.optional(v.record(v.picklist(BENEFICIARIES.map((b) => b.id)), v.string())),
    zone: v.optional(ZoneConditionSchema),
    /** When the zone is judged: at the dossier date by default; 'eve-of-event' on the day before the
     * profile's eventDate (an installing doctor's own arrival does not take the class away, fiche 1);
     * 'installation' for a future installation: a commune not eligible today does not refuse the aid. */
    zoneDate: v.optional(v.strictObject({ rule: v.picklist(['eve-of-event', 'installation']), text: v.string(), quote: v.string() })),
    conditions: v.array(ConditionSchema, 'liste attendue (éventuellement vide).'),
    amount: AmountSchema,
    commitments: v.array(CommitmentSchema, 'liste de { text, years?, from? } attendue.'),
    deadlines: v.array(DeadlineSchema, 'liste attendue (éventuellement vide).'),
    /** A beneficiary gets it once (an id listed in otherAids refuses it). */
    once: v.optional(v.boolean()),
    cumulation: v.optional(CumulationSchema),
  },
  'un objet JSON est attendu.',
);
export type Aid = v.InferOutput<typeof AidSchema>;

/** One message for a group of fields, as the plan's readers know it, where the schema would say each field. */
export const AID_GROUPS: Array<{ path: RegExp; message: string; when?: (parent: Record<string, unknown>) => boolean }> = [
  { path: /^(zoneDate)\b/, message: '« rule » (« eve-of-event » ou « installation »), « text » et « quote » attendus.' },
  { path: /^(apply\.quote)$/, message: 'la phrase du plan est obligatoire.' },
  { path: /^(withdrawn)\b/, message: '« text » et « quote » attendus.' },
  { path: /^(zone)\.(profession|classes|text)\b/, message: '« profession », « classes » (liste non vide) et « text » attendus.' },
  { path: /^(beneficiaries)\b/, message: `liste non vide parmi : ${BENEFICIARIES.map((b) => b.id).join(', ')}.` },
  { path: /^(beneficiaryNotes\.[^.]+)$/, message: 'texte attendu pour un bénéficiaire de la liste « beneficiaries ».' },
  { path: /^(conditions\[\d+\])\.(any|text)$/, message: '« any » (liste) et « text » attendus.', when: (p) => 'any' in p },
  { path: /^(conditions\[\d+\]\.any\[\d+\])\.(all|text)$/, message: '« all » (liste) et « text » attendus.', when: (p) => 'all' in p },
  { path: /^(deadlines\[\d+\])\.(label|event)$/, message: '« label » et « event » attendus.' },
];
