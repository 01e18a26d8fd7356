// The register of aids granted (one row per dossier, kept by the chargée de mission: personal data,
// staff space only) and the plan's follow-up data (data/territories/<id>/suivi/plan.json: the budget
// envelope with its dated délibérations, each fiche's « indicateur de suivi » and conventions to renew).
// The follow-up data is checked by a valibot schema; the register by the streaming import (register-import.ts).
import * as v from 'valibot';
import { isIsoDate } from '../dates.ts';

export const DOSSIER_STATUSES = [
  { id: 'recu', label: 'reçu' },
  { id: 'accorde', label: 'accordé' },
  { id: 'refuse', label: 'refusé' },
  { id: 'verse', label: 'versé' },
  { id: 'clos', label: 'clos' },
  { id: 'remboursement', label: 'remboursement demandé' },
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number]['id'];
export const statusLabel = (s: DossierStatus) => DOSSIER_STATUSES.find((x) => x.id === s)!.label;
/** Statuses whose amount granted is committed on the envelope (a refund asked back is still committed until it comes back). */
export const COMMITTED: readonly DossierStatus[] = ['accorde', 'verse', 'clos', 'remboursement'];

export interface Dossier {
  /** Physical line in the register (1-based, the header being line 1). */
  line: number;
  id: string;
  aid: string;
  beneficiaryKind: string;
  /** Personal: never leaves the staff space. */
  beneficiary: string;
  commune: string;
  received: string;
  /** The event a deadline counts from (installation, start of the internship, training, works). */
  event: string | null;
  decided: string | null;
  convention: string | null;
  paid: string | null;
  commitmentEnd: string | null;
  requested: number | null;
  granted: number | null;
  paidAmount: number | null;
  /** Units an indicator counts beyond the dossier itself (docteurs juniors or professionnels accueillis). */
  units: number | null;
  status: DossierStatus;
  commitment: string;
  /** Personal: never leaves the staff space. */
  notes: string;
}

/** The register's columns, as the spreadsheet names them (headers matched loosely: accents, case, spaces). */
export const REGISTER_COLUMNS = [
  { key: 'dossier', label: 'dossier', required: true },
  { key: 'aide', label: 'aide', required: true },
  { key: 'beneficiaire_type', label: 'beneficiaire_type', required: true },
  { key: 'beneficiaire', label: 'beneficiaire', required: true },
  { key: 'code_insee', label: 'code_insee', required: true },
  { key: 'date_reception', label: 'date_reception', required: true },
  { key: 'date_evenement', label: 'date_evenement', required: false },
  { key: 'date_decision', label: 'date_decision', required: false },
  { key: 'date_convention', label: 'date_convention', required: false },
  { key: 'date_versement', label: 'date_versement', required: false },
  { key: 'fin_engagement', label: 'fin_engagement', required: false },
  { key: 'montant_demande', label: 'montant_demande', required: false },
  { key: 'montant_accorde', label: 'montant_accorde', required: false },
  { key: 'montant_verse', label: 'montant_verse', required: false },
  { key: 'unites', label: 'unites', required: false },
  { key: 'statut', label: 'statut', required: true },
  { key: 'engagement', label: 'engagement', required: false },
  { key: 'notes', label: 'notes', required: false },
] as const;

// ---- plan.json: envelope, indicators, renewals -------------------------------------------------------

const isoDate = v.pipe(v.string(), v.check((s: string) => isIsoDate(s), 'date AAAA-MM-JJ attendue'));
const euros = v.pipe(v.number(), v.minValue(0));

/** How an indicator is counted from the register, or entered by hand (« saisi ») when it cannot be. */
const Counting = v.variant('method', [
  v.object({
    /** Dossiers of these statuses, in the year of `date`. */
    method: v.literal('dossiers'),
    statuses: v.pipe(v.array(v.picklist(DOSSIER_STATUSES.map((s) => s.id))), v.minLength(1)),
    date: v.picklist(['received', 'decided', 'convention', 'paid']),
  }),
  v.object({
    /** Distinct beneficiaries among those dossiers (a person counted once a year). */
    method: v.literal('beneficiaires'),
    statuses: v.pipe(v.array(v.picklist(DOSSIER_STATUSES.map((s) => s.id))), v.minLength(1)),
    date: v.picklist(['received', 'decided', 'convention', 'paid']),
  }),
  v.object({
    /** The register's « unites » column summed over those dossiers (professionals welcomed, for example). */
    method: v.literal('unites'),
    statuses: v.pipe(v.array(v.picklist(DOSSIER_STATUSES.map((s) => s.id))), v.minLength(1)),
    date: v.picklist(['received', 'decided', 'convention', 'paid']),
  }),
  v.object({
    method: v.literal('saisi'),
    /** Values entered by the chargée de mission, per year. */
    values: v.record(v.pipe(v.string(), v.regex(/^\d{4}$/)), v.pipe(v.number(), v.minValue(0))),
    /** Why the register cannot count it. */
    why: v.pipe(v.string(), v.minLength(1)),
  }),
]);

export const IndicatorSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  /** The plan's words; empty quote when the plan sets no indicator (Mauges) and `label` says what is counted. */
  label: v.pipe(v.string(), v.minLength(1)),
  quote: v.optional(v.string()),
  counting: Counting,
  /** Yearly target set by the chargée de mission, when there is one. */
  targets: v.optional(v.record(v.pipe(v.string(), v.regex(/^\d{4}$/)), v.pipe(v.number(), v.minValue(0)))),
});

const EnvelopeStep = v.object({
  date: isoDate,
  act: v.pipe(v.string(), v.minLength(1)),
  /** The AE after this act, when the plan says it (the intermediate amounts are not in the délibération). */
  total: v.optional(euros),
});

export const FollowupSchema = v.object({
  plan: v.pipe(v.string(), v.minLength(1)),
  /** The register beside this file (staff data: never copied to public/), and whether it is the shipped example. */
  register: v.object({ file: v.pipe(v.string(), v.regex(/^[\w.-]+\.(csv|xlsx)$/)), example: v.boolean() }),
  /** The period the follow-up covers (the plan's, or the AE's). */
  period: v.object({ from: isoDate, until: v.optional(isoDate) }),
  envelope: v.object({
    label: v.pipe(v.string(), v.minLength(1)),
    /** Null when the plan sets no envelope (Mauges): granted and paid are shown, not what remains. */
    steps: v.array(EnvelopeStep),
    quote: v.optional(v.string()),
    /** Committed before the register starts, when known (the AE dates from 2020). */
    committedBefore: v.optional(v.object({ amount: euros, text: v.string() })),
    note: v.optional(v.string()),
  }),
  fiches: v.record(
    v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,60}$/)),
    v.object({
      indicators: v.array(IndicatorSchema),
      /** Conventions paid per year are renewed every `months` months, while payments run (`forMonths`). */
      renewal: v.optional(v.object({ months: v.pipe(v.number(), v.integer(), v.minValue(1)), forMonths: v.pipe(v.number(), v.integer(), v.minValue(1)), text: v.string() })),
      /** The same beneficiary may not get this aid twice (the plan says so, quoted). */
      once: v.optional(v.object({ quote: v.string() })),
    }),
  ),
});

export type Indicator = v.InferOutput<typeof IndicatorSchema>;
export type Followup = v.InferOutput<typeof FollowupSchema>;
export type FicheFollowup = Followup['fiches'][string];

/** Validates plan.json; problems name the file and the field, in French. */
export function parseFollowup(raw: unknown, file: string, aidIds: string[]): { followup?: Followup; problems: string[] } {
  const r = v.safeParse(FollowupSchema, raw);
  if (!r.success) return { problems: r.issues.map((i) => `${file}, champ « ${v.getDotPath(i) ?? '(racine)'} » : ${i.message}.`) };
  const problems: string[] = [];
  for (const id of Object.keys(r.output.fiches)) if (!aidIds.includes(id)) problems.push(`${file}, champ « fiches.${id} » : aide inconnue du catalogue.`);
  const steps = r.output.envelope.steps;
  for (let i = 1; i < steps.length; i++) if (steps[i].date < steps[i - 1].date) problems.push(`${file}, champ « envelope.steps.${i}.date » : les délibérations vont de la plus ancienne à la plus récente.`);
  return problems.length ? { problems } : { followup: r.output, problems };
}

/** The envelope in force at a date: the last act on or before it that states an amount; null without one. */
export function envelopeAt(f: Followup, date: string): { total: number; act: string; date: string } | null {
  const known = f.envelope.steps.filter((s) => s.total !== undefined && s.date <= date);
  const last = known[known.length - 1];
  return last ? { total: last.total!, act: last.act, date: last.date } : null;
}
