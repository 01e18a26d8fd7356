// Reader of the DREES APL workbook, in its own format: one sheet per year whose header sits below
// several lines of title. The year and the header are found, never counted, so next year's workbook
// (one more sheet) reads unchanged. Pure: takes the sheets as rows (the XLSX parsing is the caller's).
export type Cell = string | number | boolean | null | undefined;

export interface Sheet {
  name: string;
  rows: Cell[][];
}

export interface AplRow {
  /** 1-based line of the sheet, for messages. */
  line: number;
  code: string;
  nom: string;
  value: number | null;
  under65: number | null;
  popStd: number | null;
  pop: number | null;
}

export interface AplIssue {
  sheet: string;
  line: number;
  field: string;
  message: string;
}

export interface AplYear {
  year: number;
  sheet: string;
  headerLine: number;
  rows: AplRow[];
  rejected: AplIssue[];
  /** Blank lines after the header, counted apart. */
  ignored: number;
}

const norm = (c: Cell) => String(c ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The year of a sheet: its name (« APL 2023 ») or a « Millésime : 2023 » line above the header. */
export function sheetYear(sheet: Sheet): number | undefined {
  const m = /\bAPL\D*((?:19|20)\d{2})\b/i.exec(sheet.name);
  if (m) return Number(m[1]);
  for (const r of sheet.rows.slice(0, 30)) {
    const t = /millesime\s*:?\s*((?:19|20)\d{2})/.exec(norm(r[0]));
    if (t) return Number(t[1]);
  }
  return undefined;
}

export interface AplColumns {
  code: number;
  nom: number;
  value: number;
  under65: number;
  popStd: number;
  pop: number;
}

/** Finds the header line (the one naming the commune code) and each column by its label. */
export function findHeader(rows: Cell[][]): { line: number; columns: AplColumns } | undefined {
  for (let i = 0; i < Math.min(rows.length, 60); i++) {
    const labels = rows[i].map(norm);
    const code = labels.findIndex((l) => /^code (commune|insee)|^code commune insee|^codgeo$|^depcom$/.test(l));
    if (code < 0) continue;
    const find = (test: (l: string) => boolean) => labels.findIndex(test);
    const columns = {
      code,
      nom: find((l) => l === 'commune' || l === 'libelle commune' || l === 'nom commune'),
      value: find((l) => l.startsWith('apl') && !l.includes('moins de 65')),
      under65: find((l) => l.startsWith('apl') && l.includes('moins de 65')),
      popStd: find((l) => l.startsWith('population standardisee')),
      pop: find((l) => l.startsWith('population totale')),
    };
    return { line: i, columns };
  }
  return undefined;
}

/** A number as the DREES writes it (number cell, or text with a decimal comma); NA and empty give null. */
function num(c: Cell): number | null | 'bad' {
  if (c === null || c === undefined || c === '') return null;
  if (typeof c === 'number') return Number.isFinite(c) ? c : 'bad';
  const t = String(c).trim().replace(/\u00a0|\s/g, '').replace(',', '.');
  if (t === '' || /^(na|nd|n\/a|-|s)$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
}

/** A commune code as text: « 2A004 » kept, a number cell 1001 padded back to « 01001 ». */
export function codeOf(c: Cell): string | undefined {
  if (typeof c === 'number' && Number.isInteger(c) && c > 0 && c < 100000) return String(c).padStart(5, '0');
  const t = String(c ?? '').trim().toUpperCase();
  return /^(\d{5}|2[AB]\d{3})$/.test(t) ? t : undefined;
}

/** Reads every year's sheet of the workbook; sheets without a year or a header (Paramètres) are skipped. */
export function readAplWorkbook(file: string, sheets: Sheet[]): { years: AplYear[]; skipped: string[] } {
  const years: AplYear[] = [];
  const skipped: string[] = [];
  for (const sheet of sheets) {
    const year = sheetYear(sheet);
    const header = year ? findHeader(sheet.rows) : undefined;
    if (!year || !header) {
      skipped.push(sheet.name);
      continue;
    }
    const { columns } = header;
    for (const k of ['value', 'under65', 'popStd', 'pop'] as const) {
      if (columns[k] < 0) throw new Error(`${file}, feuille « ${sheet.name} », ligne ${header.line + 1} : colonne « ${k === 'value' ? 'APL aux médecins généralistes' : k === 'under65' ? 'APL … de moins de 65 ans' : k === 'popStd' ? 'Population standardisée' : 'Population totale'} » introuvable dans l'en-tête.`);
    }
    if (years.some((y) => y.year === year)) throw new Error(`${file}, feuille « ${sheet.name} » : l'année ${year} figure déjà dans une autre feuille.`);
    const out: AplYear = { year, sheet: sheet.name, headerLine: header.line + 1, rows: [], rejected: [], ignored: 0 };
    const seen = new Set<string>();
    for (let i = header.line + 1; i < sheet.rows.length; i++) {
      const r = sheet.rows[i] ?? [];
      const line = i + 1;
      if (r.every((c) => c === null || c === undefined || String(c).trim() === '')) {
        out.ignored++;
        continue;
      }
      // The line of units under the labels has no code: counted as ignored, not rejected.
      if ((r[columns.code] === null || r[columns.code] === undefined || r[columns.code] === '') && i <= header.line + 2) {
        out.ignored++;
        continue;
      }
      const code = codeOf(r[columns.code]);
      if (!code) {
        out.rejected.push({ sheet: sheet.name, line, field: 'Code commune INSEE', message: `code commune « ${String(r[columns.code] ?? '')} » invalide (5 caractères attendus, ex. 01001 ou 2A004)` });
        continue;
      }
      if (seen.has(code)) {
        out.rejected.push({ sheet: sheet.name, line, field: 'Code commune INSEE', message: `code ${code} en double dans la feuille` });
        continue;
      }
      const vals = { value: num(r[columns.value]), under65: num(r[columns.under65]), popStd: num(r[columns.popStd]), pop: num(r[columns.pop]) };
      const bad = (Object.keys(vals) as Array<keyof typeof vals>).find((k) => vals[k] === 'bad');
      if (bad) {
        out.rejected.push({ sheet: sheet.name, line, field: String(sheet.rows[header.line][columns[bad]] ?? bad), message: `valeur « ${String(r[columns[bad]])} » non numérique` });
        continue;
      }
      seen.add(code);
      out.rows.push({ line, code, nom: columns.nom >= 0 ? String(r[columns.nom] ?? '') : '', ...(vals as { value: number | null; under65: number | null; popStd: number | null; pop: number | null }) });
    }
    years.push(out);
  }
  years.sort((a, b) => a.year - b.year);
  return { years, skipped };
}
