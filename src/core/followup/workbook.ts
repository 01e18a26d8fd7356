// The register and the indicators as an XLSX workbook for the commission and the COPIL: a summary sheet
// (the envelope, then one line per fiche), then a sheet per fiche (its indicator by year, its dossiers).
// The library is handed in by the caller (loaded only when someone exports).
import type { ResolvedAid } from '../aids/model.ts';
import { DOSSIER_STATUSES, type Dossier } from './model.ts';
import type { PlanFollowup } from './summary.ts';

export interface XlsxWriter {
  utils: {
    book_new(): unknown;
    aoa_to_sheet(rows: unknown[][]): unknown;
    book_append_sheet(book: unknown, sheet: unknown, name: string): void;
  };
  write(book: unknown, opts: { type: 'array'; bookType: 'xlsx' }): ArrayBuffer;
}

const EXAMPLE = 'Exemple — données fictives';
/** Text that a spreadsheet would read as a formula is kept as text. */
const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
/** Sheet names: 31 characters at most, without : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

export function followupWorkbook(xlsx: XlsxWriter, input: { title: string; summary: PlanFollowup; dossiers: Dossier[]; aids: ResolvedAid[]; communeName: (code: string) => string }): Uint8Array {
  const { summary: s, dossiers } = input;
  const book = xlsx.utils.book_new();
  const e = s.envelope;
  const head = [[input.title], ...(s.example ? [[EXAMPLE]] : []), [`Situation au ${s.asOf}`], []];
  const rows: unknown[][] = [
    ...head,
    ['Enveloppe', e.label],
    ['Montant', e.total ?? 'non fixé par le plan', e.act ?? ''],
    ['Accordé', e.granted],
    ['Versé', e.paid],
    ['Reste à engager', e.remaining ?? ''],
    ['Demandes en cours', e.pending],
    ['Projection (accordé + en cours)', e.projected],
    ...e.warnings.map((w) => ['Avertissement', w]),
    [],
    ['Fiche', 'Aide', 'Indicateur', 'Valeurs par année', 'Dossiers', ...DOSSIER_STATUSES.map((x) => x.label), 'Accordé', 'Versé'],
    ...s.fiches.map((f) => [
      f.ref,
      f.title,
      f.indicators.map((i) => i.label).join(' ; '),
      f.indicators.map((i) => Object.entries(i.values).map(([y, v]) => `${y} : ${v}`).join(', ')).join(' ; '),
      f.dossiers,
      ...DOSSIER_STATUSES.map((x) => f.byStatus[x.id]),
      f.granted,
      f.paid,
    ]),
  ];
  xlsx.utils.book_append_sheet(book, xlsx.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (typeof c === 'string' ? text(c) : c)))), 'Synthèse');
  const used = new Set(['Synthèse']);
  for (const f of s.fiches) {
    const list = dossiers.filter((d) => d.aid === f.aid);
    if (!list.length && f.indicators.every((i) => i.method !== 'saisi')) continue;
    const years = [...new Set(f.indicators.flatMap((i) => Object.keys(i.values)))].sort();
    const sheet: unknown[][] = [
      [`${f.ref} — ${f.title}`],
      ...(s.example ? [[EXAMPLE]] : []),
      [],
      ['Indicateur', 'Citation du plan', 'Mode de calcul', ...years, ...years.map((y) => `Objectif ${y}`)],
      ...f.indicators.map((i) => [i.label, i.quote ?? '', i.how, ...years.map((y) => i.values[y] ?? 0), ...years.map((y) => i.targets?.[y] ?? '')]),
      [],
      ['Dossier', 'Bénéficiaire', 'Type', 'Commune', 'Reçu', 'Décision', 'Convention', 'Versement', 'Fin d\'engagement', 'Demandé', 'Accordé', 'Versé', 'Statut', 'Engagement', 'Notes'],
      ...list.map((d) => [d.id, d.beneficiary, d.beneficiaryKind, `${input.communeName(d.commune)} (${d.commune})`, d.received, d.decided ?? '', d.convention ?? '', d.paid ?? '', d.commitmentEnd ?? '', d.requested ?? '', d.granted ?? '', d.paidAmount ?? '', DOSSIER_STATUSES.find((x) => x.id === d.status)!.label, d.commitment, d.notes]),
    ];
    let name = sheetName(f.ref);
    for (let k = 2; used.has(name); k++) name = sheetName(`${f.ref} ${k}`);
    used.add(name);
    xlsx.utils.book_append_sheet(book, xlsx.utils.aoa_to_sheet(sheet.map((r) => r.map((c) => (typeof c === 'string' ? text(c) : c)))), name);
  }
  return new Uint8Array(xlsx.write(book, { type: 'array', bookType: 'xlsx' }));
}
