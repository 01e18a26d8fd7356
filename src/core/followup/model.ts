// The register of aids granted (one row per dossier, kept by the chargée de mission: personal data,
// staff space only) and the plan's follow-up data (data/territories/<id>/suivi/plan.json: the budget
// envelope with its dated délibérations, each fiche's « indicateur de suivi » and conventions to renew).
// The follow-up data is checked by its schema (schema.ts); the register by the streaming import (register-import.ts).

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
