// A newer ARS list (arrêté) published for one territory, read as a stream of text: a CartoSanté export
// (three header lines), a list keyed by name and postal code, or the project CSV (code_insee, zone).
// Rows are resolved nationally by the existing readers (cartosante.ts, name-postal.ts), fed batch by
// batch with blank lines standing for the rows before, so that their line numbers stay the file's.
// Every row is accepted (a commune of the territory), rejected (it may concern the territory: French
// message naming file, line and field) or ignored (another territory's commune): read = the three.
// The list kept is the accepted rows only, normalised (UTF-8, class codes, formulae neutralised).
import { LineSplitter, MAX_LINE_CHARS, detectSeparator, splitQuoted } from '../import/records.ts';
import { MAX_LISTED, addRejection, addWarning, checkCounts, type ImportReport, type RowError, type Warning } from '../import/report.ts';
import { zonageFile } from '../import/normalized.ts';
import type { SinkOptions } from '../import/table.ts';
import { normalizeKey } from '../text.ts';
import { count, formatInteger, plural, someOf } from '../format.ts';
import { cartoSanteHeaderError, importCartoSante } from './cartosante.ts';
import { acceptEntry, arsReport, type ArsEntry } from './class-table.ts';
import type { CommuneIndex } from './commune-index.ts';
import { COLUMNS as NAME_POSTAL_COLUMNS, importNamePostal } from './name-postal.ts';
import { arsClasses, classReader, type ArsSchemes } from './schemes.ts';

export type ArreteFormat = 'cartosante' | 'nom-code-postal' | 'projet';
export const ARRETE_FORMATS: ArreteFormat[] = ['cartosante', 'nom-code-postal', 'projet'];

const PROJECT_COLUMNS = { code: ['codeinsee', 'insee', 'codecommune'], zone: ['zone', 'classe', 'zonage', 'classement'] };
const HEADER_LINES: Record<ArreteFormat, number> = { cartosante: 3, 'nom-code-postal': 1, projet: 1 };
/** Rows handed to a reader at once: memory stays bounded by a batch, not by the file. */
const BATCH = 5000;

const columnOf = (header: string[], names: string[]) => header.findIndex((h) => names.includes(normalizeKey(h)));
const splitLine = (line: string, sep: string) => splitQuoted(line, sep).cells;

/**
 * The format a first line announces: CartoSanté's « CartoSanté; ; » banner, a header naming a postal
 * code, a commune name and a class, or the project's `code_insee,zone`. Undefined when none fits.
 */
export function detectArreteFormat(firstLine: string): ArreteFormat | undefined {
  const line = firstLine.replace(/^\ufeff/, '');
  if (line.startsWith('CartoSanté')) return 'cartosante';
  const header = splitLine(line, detectSeparator(line));
  if (Object.values(NAME_POSTAL_COLUMNS).every((names) => columnOf(header, names) >= 0)) return 'nom-code-postal';
  if (columnOf(header, PROJECT_COLUMNS.code) >= 0 && columnOf(header, PROJECT_COLUMNS.zone) >= 0) return 'projet';
  return undefined;
}

export interface ArreteListOptions {
  /** Every commune of France (current, delegated, former): an ARS list covers a region. */
  index: CommuneIndex;
  ars: ArsSchemes;
  profession: string;
  /** The territory's communes (INSEE codes of today). */
  communes: Set<string>;
  /** Given by the user, or detected from the first line. */
  format?: ArreteFormat;
}

export interface ArreteListReport {
  file: string;
  format: ArreteFormat | null;
  /** Data rows a person counts (header and blank lines aside): read = accepted + rejectedCount + ignored. */
  read: number;
  accepted: number;
  rejectedCount: number;
  /** Rows of communes outside the territory, resolved or not: counted, never written. */
  ignored: number;
  /** Of which rows that could not be resolved (no such commune, unknown class…) outside the territory. */
  ignoredUnresolved: number;
  /** The first rejections (MAX_LISTED); rejectedCount counts them all. */
  rejected: RowError[];
  fileErrors: string[];
  warnings: string[];
  /** Territory communes the list leaves without a class. */
  missing: string[];
  /** Today's commune → class id (« parties » when its parts differ), for the summary. */
  classes: Map<string, string>;
  /** The normalised list, as kept in data/territories/<id>/zonages/. */
  content: string;
}

/** « 5 communes du territoire absentes de la liste » (a warning, the summary and a refusal say it). */
export const absentCommunes = (n: number) => `${count(n, 'commune', 'communes')} du territoire ${plural(n, 'absente', 'absentes')} de la liste`;

/** What was counted, as the CLI prints it: « liste.csv (cartosante) : 466 lignes lues = 462 acceptées + 0 rejetée + … ». */
export function arreteListSummary(name: string, r: ArreteListReport): string {
  return (
    `${name}${r.format ? ` (${r.format})` : ''} : ${count(r.read, 'ligne lue', 'lignes lues')} = ${count(r.accepted, 'acceptée', 'acceptées')}` +
    ` + ${count(r.rejectedCount, 'rejetée', 'rejetées')} + ${count(r.ignored, 'hors du territoire (ignorée)', 'hors du territoire (ignorées)')}` +
    `${r.missing.length ? ` ; ${absentCommunes(r.missing.length)}` : ''}${r.fileErrors.length ? ` ; ${count(r.fileErrors.length, 'erreur de fichier', 'erreurs de fichier')}` : ''}.`
  );
}

interface Kept {
  entry: ArsEntry;
  /** The row's cells in the normalised file. */
  cells: string[];
}

export function arreteListSink(file: string, opts: ArreteListOptions): { write(text: string): void; end(): ArreteListReport } {
  const classOf = classReader(opts.ars, opts.profession);
  const scale = arsClasses(opts.ars, opts.profession);
  const known = scale.filter((k) => k.code).map((k) => k.code!);
  const codeOf = new Map(scale.map((k) => [k.id, k.code ?? k.id]));
  const departements = new Set([...opts.communes].map((c) => opts.index.departementOf(c)));
  const report: ArreteListReport = {
    file, format: opts.format ?? null, read: 0, accepted: 0, rejectedCount: 0, ignored: 0, ignoredUnresolved: 0,
    rejected: [], fileErrors: [], warnings: [], missing: [], classes: new Map(), content: '',
  };
  const kept: Kept[] = [];
  const header: string[] = [];
  let sep = ',';
  let cols: Record<string, number> = {};
  let lineNo = 0;
  let batch: Array<{ line: number; text: string }> = [];
  let stopped = false;

  const reject = (e: RowError) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_LISTED) report.rejected.push(e);
  };

  /** Whether a row that could not be read may concern the territory: its commune, else its département. */
  const concerns = (cells: string[]): boolean => {
    const dep = (code: string) => departements.has(opts.index.departementOf(code)) || departements.has(code.slice(0, code.startsWith('97') ? 3 : 2));
    if (report.format === 'nom-code-postal') {
      const cp = (cells[cols.postal] ?? '').trim().padStart(5, '0');
      const named = opts.index.byName(cells[cols.name] ?? '');
      const withCode = named.filter((p) => p.postalCodes.includes(cp));
      if (withCode.length) return withCode.some((p) => opts.communes.has(p.commune));
      // A name of the territory with a postal code of nowhere: the row may be meant for it.
      if (named.some((p) => opts.communes.has(p.commune))) return true;
      return [...departements].some((d) => d?.startsWith(cp.slice(0, 2)));
    }
    const code = (cells[report.format === 'projet' ? cols.code : 0] ?? '').trim().padStart(5, '0');
    const found = opts.index.resolveCode(code);
    return found ? opts.communes.has(found.commune) : dep(code);
  };

  /** The project CSV: code_insee and zone, any current or former code, class by id, label or code. */
  const importProject = (rows: Array<{ line: number; text: string }>, sink: SinkOptions): ImportReport<ArsEntry> => {
    const out = arsReport(file, 'projet', sep, '');
    for (const { line, text } of rows) {
      out.read++;
      const cells = splitLine(text, sep);
      const raw = (cells[cols.code] ?? '').trim();
      const zone = (cells[cols.zone] ?? '').trim();
      const fail = (field: string, message: string) => addRejection(out, { line, field, message: `${file}, ligne ${line}, champ « ${field} » : ${message}` }, sink.onReject);
      const cls = classOf(zone);
      if (!cls) {
        fail('zone', `classe « ${zone} » inconnue ; classes admises : ${known.join(', ')}.`);
        continue;
      }
      const code = /^\d{4}$/.test(raw) ? `0${raw}` : raw.toUpperCase();
      const found = opts.index.resolveCode(code);
      if (!found) {
        fail('code_insee', `code « ${raw} » absent de la liste officielle des communes, actuelles ou anciennes.`);
        continue;
      }
      if (found.via === 'ancienne') addWarning(out, { line, field: 'code_insee', message: `${file}, ligne ${line} : ancien code ${code} rattaché à la commune actuelle ${found.commune} ${found.nom}.` }, sink.onWarning);
      acceptEntry(out, { line, part: found.commune, partName: found.nom, commune: found.commune, class: cls }, sink);
    }
    checkCounts(out);
    return out;
  };

  const flush = () => {
    if (!batch.length || stopped) return;
    const rows = batch;
    batch = [];
    const first = rows[0].line;
    // Blank lines stand for the rows already read: the readers skip them and count lines as the file does.
    const text = [...header, ...Array<string>(first - 1 - header.length).fill(''), ...rows.map((r) => r.text)].join('\n');
    const format = report.format!;
    // Every rejection and warning of the batch, not the report's first ones: each is sorted by territory below.
    const rejected: RowError[] = [];
    const warned: Warning[] = [];
    const sink: SinkOptions = { onReject: (e) => void rejected.push(e), onWarning: (w) => void warned.push(w) };
    const read =
      format === 'cartosante'
        ? importCartoSante(file, text, { index: opts.index, classOf, known }, sink)
        : format === 'nom-code-postal'
          ? importNamePostal(file, text, { index: opts.index, classOf, known }, sink)
          : importProject(rows, sink);
    // A header the reader refuses: the whole file is refused, its rows left unread.
    if (read.fileErrors.length) {
      report.fileErrors.push(read.fileErrors[0]);
      stopped = true;
      return;
    }
    report.read += read.read;
    const textOf = new Map(rows.map((r) => [r.line, r.text]));
    for (const e of read.rows) {
      if (!opts.communes.has(e.commune)) {
        report.ignored++;
        continue;
      }
      const cells = splitLine(textOf.get(e.line)!, format === 'cartosante' ? ';' : sep).map((c) => c.trim());
      const cls = codeOf.get(e.class) ?? e.class;
      kept.push({
        entry: e,
        cells: format === 'cartosante' ? [cells[0], cells[1], cls] : format === 'nom-code-postal' ? [cells[cols.postal].padStart(5, '0'), cells[cols.name], cls] : [e.commune, e.class],
      });
    }
    const ours = new Set(kept.map((k) => k.entry.line));
    for (const w of warned) if (w.line !== undefined && ours.has(w.line)) report.warnings.push(w.message);
    for (const r of rejected) {
      if (concerns(splitLine(textOf.get(r.line) ?? '', format === 'cartosante' ? ';' : sep))) reject({ line: r.line, field: r.field, message: r.message });
      else {
        report.ignored++;
        report.ignoredUnresolved++;
      }
    }
  };

  const onLine = (text: string) => {
    lineNo++;
    if (stopped) return;
    if (lineNo === 1) {
      text = text.replace(/^\ufeff/, '');
      const detected = detectArreteFormat(text);
      if (!report.format) {
        if (!detected) {
          report.fileErrors.push(`${file}, ligne 1 : format non reconnu : ni l'export CartoSanté (« CartoSanté; ; » puis deux lignes d'en-tête), ni une liste « code postal, nom de la commune, zonage », ni le CSV du projet (« code_insee, zone ») ; trouvé « ${text.slice(0, 60)} ».`);
          stopped = true;
          return;
        }
        report.format = detected;
      }
    }
    if (header.length < HEADER_LINES[report.format!]) {
      header.push(text);
      if (header.length < HEADER_LINES[report.format!]) return;
      // The reader checks the header alone first: a wrong one refuses the file, even with no data row.
      const check = report.format === 'cartosante' ? cartoSanteHeaderError(file, header)?.message : report.format === 'nom-code-postal' ? importNamePostal(file, text, { index: opts.index, classOf, known }).fileErrors[0] : undefined;
      if (check) {
        report.fileErrors.push(check);
        stopped = true;
        return;
      }
      if (report.format !== 'cartosante') {
        sep = detectSeparator(text);
        const h = splitLine(text, sep);
        cols =
          report.format === 'projet'
            ? { code: columnOf(h, PROJECT_COLUMNS.code), zone: columnOf(h, PROJECT_COLUMNS.zone) }
            : Object.fromEntries(Object.entries(NAME_POSTAL_COLUMNS).map(([k, names]) => [k, columnOf(h, names)]));
        if (report.format === 'projet' && Object.values(cols).some((i) => i < 0)) {
          report.fileErrors.push(`${file}, ligne 1 : colonnes « code_insee » et « zone » attendues dans l'en-tête, trouvé « ${text.slice(0, 60)} ».`);
          stopped = true;
        }
      }
      return;
    }
    if (text.trim() === '') return;
    batch.push({ line: lineNo, text });
    if (batch.length >= BATCH) flush();
  };

  // Lines cut by the streaming import's splitter (import/records.ts): CRLF, LF or CR, chunk boundaries aside.
  const lines = new LineSplitter(onLine, (line, chars) => {
    report.fileErrors.push(`${file}, ligne ${line} : ligne de plus de ${formatInteger(MAX_LINE_CHARS)} caractères sans fin de ligne (${formatInteger(chars)} lus) : ce n'est pas un tableau CSV lisible.`);
    stopped = true;
  });

  return {
    write(text: string) {
      lines.push(text);
    },
    end(): ArreteListReport {
      // The last line counts even without a final newline (CartoSanté's exports have none).
      lines.push('', true);
      if (lineNo === 0 && !report.fileErrors.length) report.fileErrors.push(`${file} : fichier vide.`);
      else if (!stopped && header.length < HEADER_LINES[report.format!]) {
        // A short file: the lines there are checked first (a wrong banner says so rather than « incomplet »).
        const check = cartoSanteHeaderError(file, header);
        report.fileErrors.push(check && check.line <= header.length ? check.message : `${file} : en-tête incomplet (${count(HEADER_LINES[report.format!], 'ligne attendue', 'lignes attendues')}), aucune ligne de données.`);
      }
      flush();
      finish(report, kept, reject, opts.communes, opts.index);
      if (!report.fileErrors.length) report.content = normalised(report.format!, header, kept);
      return report;
    },
  };
}

/**
 * One place given two classes: every row of it is rejected (none is kept alone). In the project CSV the
 * place is the commune (one class each); in ARS lists it is the part, and parts may differ (« parties »).
 */
function finish(report: ArreteListReport, kept: Kept[], reject: (e: RowError) => void, communes: Set<string>, index: CommuneIndex) {
  const byPlace = new Map<string, Kept[]>();
  for (const k of kept) {
    const key = report.format === 'projet' ? k.entry.commune : k.entry.part;
    byPlace.set(key, [...(byPlace.get(key) ?? []), k]);
  }
  const field = report.format === 'cartosante' ? 'Zonage' : report.format === 'projet' ? 'zone' : 'zonage';
  const dropped = new Set<Kept>();
  for (const [place, rows] of byPlace) {
    if (new Set(rows.map((r) => r.entry.class)).size < 2) continue;
    for (const r of rows) {
      dropped.add(r);
      const others = rows.filter((o) => o !== r).map((o) => `« ${o.entry.class} » ligne ${o.entry.line}`).join(', ');
      reject({ line: r.entry.line, field, message: `${report.file}, ligne ${r.entry.line}, champ « ${field} » : ${r.entry.partName} (${place}) classée « ${r.entry.class} » ici et ${others} : classements contradictoires, aucun n'est retenu.` });
    }
  }
  const accepted = kept.filter((k) => !dropped.has(k));
  kept.splice(0, kept.length, ...accepted);
  report.accepted = accepted.length;
  report.rejected.sort((a, b) => a.line - b.line);
  const parts = new Map<string, Set<string>>();
  for (const k of accepted) parts.set(k.entry.commune, (parts.get(k.entry.commune) ?? new Set()).add(k.entry.class));
  for (const [c, s] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1))) report.classes.set(c, s.size === 1 ? [...s][0] : 'parties');
  report.missing = [...communes].filter((c) => !report.classes.has(c)).sort();
  if (report.ignoredUnresolved) report.warnings.push(`${report.file} : ${count(report.ignoredUnresolved, 'ligne hors du territoire non résolue, ignorée', 'lignes hors du territoire non résolues, ignorées')} sans effet ici.`);
  if (report.missing.length) {
    const names = report.missing.slice(0, 10).map((c) => `${c} ${index.nameOf(c)}`);
    const n = report.missing.length;
    report.warnings.push(`${report.file} : ${absentCommunes(n)} : ${someOf(names, n)}. ${plural(n, "Elle n'est pas classée", 'Elles ne sont pas classées')} par défaut.`);
  }
}

/** The list kept: the accepted rows in the file's order, under the format's header; formulae neutralised. */
function normalised(format: ArreteFormat, header: string[], kept: Kept[]): string {
  if (format === 'projet') {
    const seen = new Set<string>();
    return zonageFile(kept.filter((k) => !seen.has(k.entry.commune) && seen.add(k.entry.commune)).map((k) => ({ code: k.entry.commune, zone: k.entry.class, profession: '' })));
  }
  // As the project's CSVs: a cell that a spreadsheet would run gets a leading apostrophe; quotes only where needed.
  const cell = (v: string) => {
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const line = (cells: string[]) => cells.map(cell).join(';');
  const head = format === 'cartosante' ? header.map((h) => line(splitLine(h, ';'))) : ['code_postal;nom_commune;zonage'];
  return [...head, ...kept.map((k) => line(k.cells))].join('\n') + '\n';
}
