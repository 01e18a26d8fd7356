// Readers of the indicator CSVs (UTF-8, comma, one header line): APL history, RPPS GP counts,
// pharmacy counts. Columns are found by name; a bad row is rejected naming file, line and field.
import { codeOf } from './workbook.ts';
import type { RowIssue } from './resolve.ts';
import { textLines } from '../import/records.ts';

export interface CsvRead<R> {
  rows: R[];
  rejected: RowIssue[];
  /** Blank lines. */
  ignored: number;
}

/** Lines cut as the streaming import cuts them (import/records.ts): a final line break opens no line. */
const lines = (text: string, file: string): string[] => textLines(text, file);

/** Splits one CSV line (quotes allowed, as a commune name may hold a comma). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

function readCsv<R>(file: string, text: string, required: string[], row: (cells: Record<string, string>, line: number, fail: (field: string, message: string) => void) => R | undefined): CsvRead<R> & { header: string[] } {
  const all = lines(text, file);
  const header = splitCsv(all[0] ?? '').map((h) => h.trim());
  for (const r of required) if (!header.includes(r)) throw new Error(`${file}, ligne 1 : colonne « ${r} » absente de l'en-tête (${header.join(', ')}).`);
  const out: CsvRead<R> & { header: string[] } = { rows: [], rejected: [], ignored: 0, header };
  const seen = new Set<string>();
  for (let i = 1; i < all.length; i++) {
    if (all[i].trim() === '') {
      out.ignored++;
      continue;
    }
    const cells = splitCsv(all[i]);
    const rec = Object.fromEntries(header.map((h, k) => [h, (cells[k] ?? '').trim()]));
    let failed = false;
    const fail = (field: string, message: string) => {
      failed = true;
      out.rejected.push({ file, line: i + 1, field, message });
    };
    const code = codeOf(rec.code_insee);
    if (!code) {
      fail('code_insee', `code commune « ${rec.code_insee} » invalide`);
      continue;
    }
    if (seen.has(code)) {
      fail('code_insee', `code ${code} en double`);
      continue;
    }
    const r = row({ ...rec, code_insee: code }, i + 1, fail);
    if (!failed && r) {
      seen.add(code);
      out.rows.push(r);
    }
  }
  return out;
}

function count(v: string, field: string, fail: (f: string, m: string) => void): number | undefined {
  if (!/^\d+$/.test(v)) {
    fail(field, `« ${v} » n'est pas un nombre entier positif`);
    return undefined;
  }
  return Number(v);
}

export interface HistoryRow {
  line: number;
  code: string;
  values: Record<string, number>;
}

/** APL history: code_insee, apl_<year>… (a new year is a new column); empty cell = no value that year. */
export function readAplHistory(file: string, text: string): CsvRead<HistoryRow> & { years: number[] } {
  const r = readCsv<HistoryRow>(file, text, ['code_insee'], (c, line, fail) => {
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(c)) {
      const m = /^apl_(\d{4})$/.exec(k);
      if (!m || v === '') continue;
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n) || n < 0) return fail(k, `« ${v} » n'est pas une valeur d'APL`), undefined;
      values[m[1]] = n;
    }
    return { line, code: c.code_insee, values };
  });
  const years = r.header.map((h) => /^apl_(\d{4})$/.exec(h)?.[1]).filter((y): y is string => !!y).map(Number);
  if (!years.length) throw new Error(`${file}, ligne 1 : aucune colonne apl_<année>.`);
  return { ...r, years };
}

export interface DoctorsRow {
  line: number;
  code: string;
  generalistes: number;
  total: number;
}

/** GP counts: code_insee, nom, medecins_generalistes, medecins_total. */
export function readDoctorCounts(file: string, text: string): CsvRead<DoctorsRow> {
  return readCsv<DoctorsRow>(file, text, ['code_insee', 'medecins_generalistes', 'medecins_total'], (c, line, fail) => {
    const generalistes = count(c.medecins_generalistes, 'medecins_generalistes', fail);
    const total = count(c.medecins_total, 'medecins_total', fail);
    if (generalistes === undefined || total === undefined) return undefined;
    if (generalistes > total) return fail('medecins_generalistes', `${generalistes} généralistes pour ${total} médecins au total`), undefined;
    return { line, code: c.code_insee, generalistes, total };
  });
}

export interface PharmacyRow {
  line: number;
  code: string;
  count: number;
}

/** Pharmacy counts: code_insee, nb_officines (a commune absent has none, within the départements covered). */
export function readPharmacyCounts(file: string, text: string): CsvRead<PharmacyRow> {
  return readCsv<PharmacyRow>(file, text, ['code_insee', 'nb_officines'], (c, line, fail) => {
    const n = count(c.nb_officines, 'nb_officines', fail);
    return n === undefined ? undefined : { line, code: c.code_insee, count: n };
  });
}
