// The commission's pack: one row per commune (code, name, EPCI, population, indicators with their year,
// ARS class, last year's, proposed and rule, final, reason and comment) as CSV and as an XLSX workbook with
// a summary sheet (counts per class and the transition matrix). Formulae are neutralised in text cells.
import type { Method } from './schema.ts';
import { classCounts, transitionMatrix, type Row } from './draft.ts';
import type { Reading } from './engine.ts';
import type { XlsxWriter } from '../followup/workbook.ts';

/** The XLSX library, handed in by the caller (loaded only when someone exports). */
export type XlsxWriterLike = XlsxWriter;

/** Text a spreadsheet would read as a formula is kept as text. */
export const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const COLUMNS = ['apl', 'apl-moins-65', 'apl-evolution', 'medecins', 'pharmacies', 'population'] as const;

const readingOf = (r: Row, id: string): Reading | undefined => r.readings.find((x) => x.indicator === id);
const when = (x: Reading | undefined) => (x ? String(x.year ?? x.date ?? '') : '');

export interface PackInput {
  method: Method;
  rows: Row[];
  classIds: string[];
  label: (id: string) => string;
  year: number;
  draftName: string;
  adopted: boolean;
}

/** Rows of the commune table, header first (numbers stay numbers). */
export function packTable(p: PackInput): Array<Array<string | number | null>> {
  const head = ['code_insee', 'commune', 'epci', 'population', ...COLUMNS.flatMap((c) => [c, `${c}_annee`]), 'classe_ars', `classe_${p.year - 1}`, 'classe_proposee', 'regle', 'classe_finale', 'motif', 'commentaire', 'raison'];
  const body = p.rows.map((r) => [
    r.code,
    neutralise(r.nom),
    neutralise(r.epciNom ?? ''),
    r.population,
    ...COLUMNS.flatMap((c) => {
      const x = readingOf(r, c);
      return [typeof x?.value === 'number' ? x.value : null, when(x)];
    }),
    r.ars ?? '',
    r.lastYear ? p.label(r.lastYear) : '',
    p.label(r.proposed),
    r.rule,
    p.label(r.final),
    neutralise(r.override?.reason ?? ''),
    neutralise(r.override?.comment ?? ''),
    neutralise(r.reason),
  ]);
  return [head, ...body];
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : v;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV for a spreadsheet in French (semicolons, decimal comma, BOM), the method's status on the first line. */
export function packCsv(p: PackInput): string {
  const status = p.adopted ? `Zonage ${p.year} adopté` : `PROJET — brouillon « ${p.draftName} », non adopté`;
  const lines = [[neutralise(`${status} ; méthode : ${p.method.interpretation}`)], ...packTable(p)];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** Summary sheet: the status, the method, counts per class against last year, the transition matrix. */
export function packSummary(p: PackInput): unknown[][] {
  const counts = classCounts(p.rows, p.classIds, p.method.undetermined.id);
  const matrix = transitionMatrix(p.rows, (r) => r.lastYear);
  const label = (id: string) => (id === 'aucune' ? 'sans classe' : p.label(id));
  return [
    [p.adopted ? `Zonage départemental ${p.year} — adopté` : `Zonage départemental ${p.year} — PROJET (brouillon « ${p.draftName} »)`],
    [neutralise(p.method.interpretation)],
    ...p.method.justification.map((j) => [neutralise(j)]),
    [],
    ['Classe', 'Communes', 'Population', `Communes ${p.year - 1}`, `Population ${p.year - 1}`],
    ...counts.map((c) => [label(c.id), c.communes, c.population, c.lastCommunes, c.lastPopulation]),
    [],
    [`Matrice de transition (${p.year - 1} → ${p.year})`, 'Vers', 'Communes', 'Population'],
    ...matrix.map((t) => [label(t.from), label(t.to), t.communes, t.population]),
  ];
}

export function packWorkbook(xlsx: XlsxWriterLike, p: PackInput): Uint8Array {
  const book = xlsx.utils.book_new();
  xlsx.utils.book_append_sheet(book, xlsx.utils.aoa_to_sheet(packSummary(p)), 'Synthèse');
  xlsx.utils.book_append_sheet(book, xlsx.utils.aoa_to_sheet(packTable(p)), 'Communes');
  return new Uint8Array(xlsx.write(book, { type: 'array', bookType: 'xlsx' }));
}
