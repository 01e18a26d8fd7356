// The register as a CSV a spreadsheet opens (semicolons, UTF-8 with BOM so Excel reads the accents),
// formulae neutralised: the example generator and the staff's « enregistrer » write it this way.
import Papa from 'papaparse';
import { REGISTER_COLUMNS, type Dossier } from './model.ts';

export type RegisterRow = Record<(typeof REGISTER_COLUMNS)[number]['key'], string | number>;

export function normalizedRegister(rows: RegisterRow[]): string {
  const fields = REGISTER_COLUMNS.map((c) => c.key);
  return '\uFEFF' + Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }, { newline: '\n', escapeFormulae: true, delimiter: ';' }) + '\n';
}

/** A dossier back to its register row. */
export const dossierRow = (d: Dossier): RegisterRow => ({
  dossier: d.id, aide: d.aid, beneficiaire_type: d.beneficiaryKind, beneficiaire: d.beneficiary, code_insee: d.commune, date_reception: d.received,
  date_evenement: d.event ?? '', date_decision: d.decided ?? '', date_convention: d.convention ?? '', date_versement: d.paid ?? '', fin_engagement: d.commitmentEnd ?? '',
  montant_demande: d.requested ?? '', montant_accorde: d.granted ?? '', montant_verse: d.paidAmount ?? '', unites: d.units ?? '', statut: d.status, engagement: d.commitment, notes: d.notes,
});
