// One import core for the CLI, the build and the browser: decode, detect the separator, match headers
// loosely, validate every row, keep the valid ones, and account for every row read.
import Papa from 'papaparse';
import type { Commune } from './communes.ts';
import { PROFESSIONS } from './professions.ts';
import { normalizeKey } from './text.ts';
import type { Pharmacy, Practitioner, ZonageScheme } from './zonage.ts';
import type { Movement } from './movements.ts';

export type Encoding = 'utf-8' | 'utf-8 (BOM)' | 'windows-1252';

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export interface Warning {
  line?: number;
  field?: string;
  message: string;
}

export interface ImportReport<T> {
  file: string;
  /** Format recognised from the header: the project's simple CSV, or a national extraction. */
  format: 'projet' | 'rpps' | 'finess';
  read: number;
  accepted: number;
  rejected: RowError[];
  /** Rows of a national file that concern another territory or profession: counted, not errors. */
  ignored: Record<string, number>;
  warnings: Warning[];
  encoding: Encoding;
  separator: string;
  rows: T[];
}

/** Files larger than this are refused before parsing, with a message (streaming is for national files). */
export const MAX_BYTES = 120 * 1024 * 1024;

/** A report for a file that could not be read at all: one rejection, at line 0. */
export function failedReport<T>(file: string, message: string): ImportReport<T> {
  return { file, format: 'projet', read: 0, accepted: 0, rejected: [{ line: 0, field: '', message }], ignored: {}, warnings: [], encoding: 'utf-8', separator: ',', rows: [] };
}

export const oversizeMessage = (file: string, size: number) =>
  `${file} : fichier de ${Math.round(size / 1e6)} Mo, au-delà de la limite de ${MAX_BYTES / 1024 / 1024} Mo.`;

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, œ, Œ, ’, …); some TextDecoder implementations
// (Node 20) decode "windows-1252" as Latin-1, so those 27 code points are mapped here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const fixCp1252 = (text: string) => text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Windows-1252 (Excel's "CSV"). */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 (BOM)' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: fixCp1252(new TextDecoder('windows-1252').decode(bytes)), encoding: 'windows-1252' };
  }
}

const SEPARATORS = [';', ',', '\t', '|'];

/** The separator that splits the header line into the most fields (quotes respected). */
export function detectSeparator(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const sep of SEPARATORS) {
    const fields = Papa.parse<string[]>(header, { delimiter: sep }).data[0]?.length ?? 0;
    if (fields > bestCount) {
      best = sep;
      bestCount = fields;
    }
  }
  return best;
}

export const separatorName = (sep: string): string =>
  ({ ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation', '|': 'barre verticale' })[sep] ?? sep;

/** Resolves an INSEE code (current or former) to the territory's current commune. */
export type CommuneResolver = (code: string) => { commune: Commune; former?: { code: string; nom: string } } | undefined;

export function communeResolver(communes: Commune[]): CommuneResolver {
  const current = new Map(communes.map((c) => [c.code, c]));
  const former = new Map<string, { commune: Commune; nom: string }>();
  for (const c of communes) for (const a of c.anciennes) if (a.code !== c.code) former.set(a.code, { commune: c, nom: a.nom });
  return (code) => {
    const c = current.get(code);
    if (c) return { commune: c };
    const f = former.get(code);
    return f ? { commune: f.commune, former: { code, nom: f.nom } } : undefined;
  };
}

interface Column {
  key: string;
  label: string;
  required: boolean;
}

interface RowContext {
  line: number;
  get: (key: string) => string;
  reject: (field: string, message: string) => void;
  warn: (field: string, message: string) => void;
  /** Counts the row under a reason instead of accepting it (national files). */
  ignore: (reason: string) => void;
}

/**
 * Shared skeleton of every format: decode, split, map headers, then `row` turns each row into a value
 * (or calls ctx.reject). Rows are numbered as a spreadsheet shows them (header = line 1).
 */
function importTable<T>(
  file: string,
  bytes: Uint8Array,
  columns: Column[],
  row: (ctx: RowContext) => T | undefined,
  options: {
    format?: ImportReport<T>['format'];
    decoded?: { text: string; encoding: Encoding };
    separator?: string;
    table?: string[][];
    /** A reason to count a row as ignored before checking its shape (other record types). */
    skip?: (cells: string[]) => string | undefined;
  } = {},
): ImportReport<T> {
  if (bytes.length > MAX_BYTES) return failedReport(file, oversizeMessage(file, bytes.length));
  const report: ImportReport<T> = { file, format: 'projet', read: 0, accepted: 0, rejected: [], ignored: {}, warnings: [], encoding: 'utf-8', separator: ',', rows: [] };
  const { text, encoding } = options.decoded ?? decode(bytes);
  report.encoding = encoding;
  report.format = options.format ?? 'projet';
  report.separator = options.separator ?? detectSeparator(text);
  // Binary content (a spreadsheet .xlsx, an image…) decodes to control characters: say so plainly.
  const controls = text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 4) {
    report.rejected.push({ line: 1, field: '', message: `${file} : ce n'est pas un fichier texte CSV (fichier binaire ou classeur .xlsx ?). Enregistrez-le au format « CSV » depuis le tableur.` });
    return report;
  }
  const parsed = options.table ? { data: options.table, errors: [] } : Papa.parse<string[]>(text, { delimiter: report.separator, skipEmptyLines: false });
  const table = parsed.data;
  // An unclosed quote swallows the following lines into one field: reject that row, naming it.
  const quoteErrors = new Set(parsed.errors.filter((e) => e.type === 'Quotes' && e.row !== undefined).map((e) => e.row!));
  const header = (table[0] ?? []).map((h) => normalizeKey(h));
  const index = new Map<string, number>();
  for (const col of columns) {
    const i = header.indexOf(normalizeKey(col.key));
    if (i >= 0) index.set(col.key, i);
  }
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length) {
    const shown = (table[0] ?? []).join(', ').replace(/[\u0000-\u001f]/g, ' ');
    const found = shown ? (shown.length > 120 ? `${shown.slice(0, 120)}…` : shown) : 'aucune';
    report.rejected.push({
      line: 1,
      field: missing.map((m) => m.key).join(', '),
      message: `${file}, ligne 1 : colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} : ${missing.map((m) => `« ${m.label} »`).join(', ')} (colonnes lues : ${found} ; séparateur détecté : ${separatorName(report.separator)}).`,
    });
    // Without its key columns no row can be read: every data row counts as rejected.
    const dataRows = table.slice(1).filter((r) => r.some((v) => v.trim() !== '')).length;
    report.read = dataRows;
    if (dataRows) report.rejected.push({ line: 2, field: '', message: `${file} : ${dataRows} ligne(s) non lues faute des colonnes obligatoires.` });
    return report;
  }
  // Rows are numbered by the line they start on: a quoted value spanning lines pushes the next rows down.
  const spans = (cells: string[]) => cells.reduce((n, v) => n + (v.includes('\n') ? v.split('\n').length - 1 : 0), 1);
  let nextLine = 1 + spans(table[0] ?? []);
  for (let i = 1; i < table.length; i++) {
    const cells = table[i];
    const line = nextLine;
    nextLine += spans(cells);
    if (cells.every((v) => v.trim() === '')) continue; // blank line: not a row
    report.read++;
    const skipped = options.skip?.(cells);
    if (skipped) {
      report.ignored[skipped] = (report.ignored[skipped] ?? 0) + 1;
      continue;
    }
    let rejected = false;
    let ignored = false;
    const short = columns.find((c) => c.required && index.get(c.key)! >= cells.length);
    const ctx: RowContext = {
      line,
      get: (key) => (index.has(key) ? (cells[index.get(key)!] ?? '').trim() : ''),
      reject: (field, message) => {
        if (!rejected) report.rejected.push({ line, field, message: `${file}, ligne ${line}, colonne « ${field} » : ${message}` });
        rejected = true;
      },
      warn: (field, message) => report.warnings.push({ line, field, message: `${file}, ligne ${line}, colonne « ${field} » : ${message}` }),
      ignore: (reason) => {
        ignored = true;
        report.ignored[reason] = (report.ignored[reason] ?? 0) + 1;
      },
    };
    if (quoteErrors.has(i)) {
      const col = columns.find((c) => index.has(c.key) && (cells[index.get(c.key)!] ?? '').includes('\n'));
      ctx.reject(col?.key ?? '', 'guillemet ouvert et jamais fermé : la suite du fichier a été lue comme une seule valeur ; corrigez ce guillemet.');
      continue;
    }
    if (short) {
      ctx.reject(short.key, `ligne incomplète (${cells.length} champ${cells.length > 1 ? 's' : ''} sur ${header.length}) : fichier tronqué ou séparateur différent ?`);
      continue;
    }
    const value = row(ctx);
    if (ignored) continue;
    if (!rejected && value !== undefined) {
      report.rows.push(value);
      report.accepted++;
    } else if (!rejected) {
      ctx.reject('', 'ligne non lue.');
    }
  }
  if (report.read === 0) report.warnings.push({ message: `${file} : aucune ligne de données après la ligne d'en-tête.` });
  const errorsPerRow = new Set(report.rejected.map((r) => r.line)).size;
  const ignoredRows = Object.values(report.ignored).reduce((a, b) => a + b, 0);
  if (report.accepted + errorsPerRow + ignoredRows !== report.read) throw new Error(`Comptage incohérent pour ${file}.`);
  return report;
}

function communeOf(ctx: RowContext, resolve: CommuneResolver): string | undefined {
  const raw = ctx.get('code_insee');
  // Spreadsheets drop the leading zero of codes such as 01001: pad 4-digit numbers back.
  const code = /^\d{4}$/.test(raw) ? `0${raw}` : raw.toUpperCase();
  if (!code) return ctx.reject('code_insee', 'code INSEE vide.'), undefined;
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return ctx.reject('code_insee', `« ${raw} » n'est pas un code INSEE (5 caractères, ex. 17300).`), undefined;
  const r = resolve(code);
  if (!r) return ctx.reject('code_insee', `code INSEE ${code} inconnu dans ce territoire.`), undefined;
  if (r.former) ctx.warn('code_insee', `ancien code ${code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
  return r.commune.code;
}

/** "2026-03-01", "01/03/2026" or "1/3/2026" → "2026-03-01"; "" → null; anything else → undefined. */
export function parseDate(text: string): string | null | undefined {
  if (text === '') return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function dateField(ctx: RowContext, key: string): string | null | undefined {
  const v = parseDate(ctx.get(key));
  if (v === undefined) ctx.reject(key, `date « ${ctx.get(key)} » illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA).`);
  return v;
}

function professionOf(text: string): string | undefined {
  const k = normalizeKey(text);
  return PROFESSIONS.find((p) => normalizeKey(p.id) === k || normalizeKey(p.label) === k)?.id;
}

// ---- Zonage: code_insee, zone [, profession] --------------------------------------------------------

export interface ZonageRow {
  code: string;
  zone: string;
  profession: string;
}

export function importZonage(
  file: string,
  bytes: Uint8Array,
  opts: { resolve: CommuneResolver; schemes: ZonageScheme[]; profession: string; communes: Commune[] },
): ImportReport<ZonageRow> & { missing: string[] } {
  const seen = new Map<string, { line: number; zone: string }>();
  const report = importTable<ZonageRow>(
    file,
    bytes,
    [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'zone', label: 'zone', required: true },
      { key: 'profession', label: 'profession', required: false },
    ],
    (ctx) => {
      const code = communeOf(ctx, opts.resolve);
      if (!code) return;
      let profession = opts.profession;
      if (ctx.get('profession')) {
        const p = professionOf(ctx.get('profession'));
        if (!p) return ctx.reject('profession', `profession « ${ctx.get('profession')} » inconnue (attendu : ${PROFESSIONS.map((x) => x.id).join(', ')}).`), undefined;
        profession = p;
      }
      const scheme = opts.schemes.find((s) => s.professions.includes(profession));
      if (!scheme) return ctx.reject('profession', `aucun zonage pour la profession « ${profession} » dans ce territoire.`), undefined;
      const z = normalizeKey(ctx.get('zone'));
      const cls = scheme.classes.find((c) => normalizeKey(c.id) === z || normalizeKey(c.label) === z);
      if (!cls) {
        return ctx.reject('zone', `classe « ${ctx.get('zone')} » inconnue ; classes admises : ${scheme.classes.map((c) => `${c.id} (${c.label})`).join(', ')}.`), undefined;
      }
      const key = `${profession}/${code}`;
      const before = seen.get(key);
      if (before && before.zone !== cls.id) {
        return ctx.reject('zone', `la commune ${code} est déjà classée « ${before.zone} » ligne ${before.line} : classement contradictoire « ${cls.id} » rejeté.`), undefined;
      }
      if (before) return ctx.reject('code_insee', `doublon de la ligne ${before.line} (même classement), ignoré.`), undefined;
      seen.set(key, { line: ctx.line, zone: cls.id });
      return { code, zone: cls.id, profession };
    },
  );
  const classified = new Set(report.rows.filter((r) => r.profession === opts.profession).map((r) => r.code));
  const missing = report.rejected.some((r) => r.line === 1) ? [] : opts.communes.filter((c) => !classified.has(c.code)).map((c) => c.code);
  if (missing.length) {
    const names = opts.communes.filter((c) => missing.includes(c.code)).slice(0, 10).map((c) => `${c.code} ${c.nom}`);
    report.warnings.push({
      message: `${file} : zonage incomplet, ${missing.length} commune(s) du territoire sans classement : ${names.join(', ')}${missing.length > 10 ? ` et ${missing.length - 10} autre(s)` : ''}. Elles ne sont pas classées par défaut.`,
    });
  }
  return { ...report, missing };
}

// ---- Practitioners: code_insee, profession, mode, date_debut, date_fin [, rpps, nom] ---------------

/** Profession, mode, RPPS and name of a practitioner row (the register and the declared movements). */
function practitionerFields(ctx: RowContext): { profession: string; mode: Practitioner['mode']; rpps: string; nom: string } | undefined {
  const profession = professionOf(ctx.get('profession'));
  if (!profession) return ctx.reject('profession', `profession « ${ctx.get('profession')} » inconnue.`), undefined;
  const m = normalizeKey(ctx.get('mode'));
  const mode = m === 'liberal' ? 'liberal' : m === 'salarie' ? 'salarie' : undefined;
  if (!mode) return ctx.reject('mode', `mode d'exercice « ${ctx.get('mode')} » inconnu (attendu : liberal ou salarie).`), undefined;
  const rpps = ctx.get('rpps');
  if (rpps && !/^\d{11}$/.test(rpps)) return ctx.reject('rpps', `identifiant RPPS « ${rpps} » invalide (11 chiffres).`), undefined;
  return { profession, mode, rpps, nom: ctx.get('nom') };
}

export function importPractitioners(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Practitioner> {
  const decoded = decode(bytes);
  const header = normalizeKey(decoded.text.slice(0, 2000).split(/\r?\n/, 1)[0]);
  if (header.includes('identifiantpp') && header.includes('codeprofession')) return importRpps(file, bytes, decoded, opts);
  return importTable<Practitioner>(
    file,
    bytes,
    [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'profession', label: 'profession', required: true },
      { key: 'mode', label: 'mode', required: true },
      { key: 'date_debut', label: 'date_debut', required: true },
      { key: 'date_fin', label: 'date_fin', required: true },
      { key: 'rpps', label: 'rpps', required: false },
      { key: 'nom', label: 'nom', required: false },
    ],
    (ctx) => {
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const who = practitionerFields(ctx);
      if (!who) return;
      const start = dateField(ctx, 'date_debut');
      const end = dateField(ctx, 'date_fin');
      if (start === undefined || end === undefined) return;
      if (start && end && end < start) return ctx.reject('date_fin', `fin d'exercice (${end}) antérieure au début (${start}).`), undefined;
      const { profession, mode, rpps, nom } = who;
      return { commune, profession, mode, start, end, ...(rpps ? { rpps } : {}), ...(nom ? { nom } : {}) };
    },
    { decoded },
  );
}

// ---- RPPS: Annuaire santé, extraction « PS_LibreAcces_Personne_activite » (pipe-separated, one row
// per activity). It carries no dates: a row is a professional practising on the extraction date.

/** RPPS profession codes (TRE_G15) → our ids. */
const RPPS_PROFESSIONS: Record<string, string> = {
  '10': 'medecin-generaliste', // only with a general-medicine savoir-faire, see below
  '40': 'chirurgien-dentiste',
  '50': 'sage-femme',
  '60': 'infirmier',
  '70': 'masseur-kinesitherapeute',
  '91': 'orthophoniste',
};
/** Savoir-faire codes of general medicine (TRE_R38): qualifié, spécialiste, médecine générale. */
const GENERAL_MEDICINE = new Set(['SM26', 'SM53', 'SM54']);

function importRpps(
  file: string,
  bytes: Uint8Array,
  decoded: { text: string; encoding: Encoding },
  opts: { resolve: CommuneResolver },
): ImportReport<Practitioner> {
  const seen = new Set<string>();
  return importTable<Practitioner>(
    file,
    bytes,
    [
      { key: 'Identifiant PP', label: 'Identifiant PP', required: true },
      { key: 'Code profession', label: 'Code profession', required: true },
      { key: 'Code savoir-faire', label: 'Code savoir-faire', required: true },
      { key: 'Libellé savoir-faire', label: 'Libellé savoir-faire', required: false },
      { key: 'Code mode exercice', label: 'Code mode exercice', required: true },
      { key: 'Code commune (coord. structure)', label: 'Code commune (coord. structure)', required: true },
      { key: "Nom d'exercice", label: "Nom d'exercice", required: false },
      { key: "Prénom d'exercice", label: "Prénom d'exercice", required: false },
    ],
    (ctx) => {
      let profession = RPPS_PROFESSIONS[ctx.get('Code profession')];
      if (profession === 'medecin-generaliste') {
        const general = GENERAL_MEDICINE.has(ctx.get('Code savoir-faire')) || normalizeKey(ctx.get('Libellé savoir-faire')).includes('medecinegenerale');
        if (!general) profession = '';
      }
      if (!profession) return ctx.ignore('autre profession ou spécialité'), undefined;
      const code = ctx.get('Code commune (coord. structure)');
      if (!code) return ctx.ignore('activité sans code commune'), undefined;
      const r = opts.resolve(code);
      if (!r) return ctx.ignore('hors territoire'), undefined;
      if (r.former) ctx.warn('Code commune (coord. structure)', `ancien code ${code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
      const m = ctx.get('Code mode exercice');
      const mode = m === 'L' ? 'liberal' : m === 'S' ? 'salarie' : undefined;
      if (!mode) return ctx.ignore('mode bénévole ou non renseigné'), undefined;
      const rpps = ctx.get('Identifiant PP');
      const key = `${rpps}/${r.commune.code}/${profession}`;
      // One person with two sites in the same commune counts once there.
      if (seen.has(key)) return ctx.ignore('seconde activité dans la même commune'), undefined;
      seen.add(key);
      const nom = [ctx.get("Prénom d'exercice"), ctx.get("Nom d'exercice")].filter(Boolean).join(' ');
      return { commune: r.commune.code, profession, mode, start: null, end: null, rpps, ...(nom ? { nom } : {}) };
    },
    { format: 'rpps', decoded, separator: '|' },
  );
}

// ---- Pharmacies: code_insee [, finess, nom, date_ouverture, date_fermeture] ------------------------

export function importPharmacies(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Pharmacy> {
  const decoded = decode(bytes);
  if (/^(finess;|structureet;)/.test(decoded.text.slice(0, 20))) return importFiness(file, bytes, decoded, opts);
  const seen = new Map<string, number>();
  return importTable<Pharmacy>(
    file,
    bytes,
    [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'finess', label: 'finess', required: false },
      { key: 'nom', label: 'nom', required: false },
      { key: 'date_ouverture', label: 'date_ouverture', required: false },
      { key: 'date_fermeture', label: 'date_fermeture', required: false },
    ],
    (ctx) => {
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const opened = dateField(ctx, 'date_ouverture');
      const closed = dateField(ctx, 'date_fermeture');
      if (opened === undefined || closed === undefined) return;
      const finess = ctx.get('finess');
      if (finess && !/^[0-9AB]{9}$/.test(finess)) return ctx.reject('finess', `numéro FINESS « ${finess} » invalide (9 caractères).`), undefined;
      if (finess && seen.has(finess)) return ctx.reject('finess', `pharmacie ${finess} déjà lue ligne ${seen.get(finess)}.`), undefined;
      if (finess) seen.set(finess, ctx.line);
      return { commune, opened, closed, ...(finess ? { finess } : {}), ...(ctx.get('nom') ? { nom: ctx.get('nom') } : {}) };
    },
    { decoded },
  );
}

// ---- FINESS: public extraction of establishments (etalab « cs1100507 » stock file): semicolon
// separated, no column header, a first line « finess;etalab;… », then « structureet » rows and
// « geolocalisation » rows. Category 620 is « Pharmacie d'Officine ».
const FINESS_COLUMNS = [
  'type', 'nofinesset', 'nofinessej', 'rs', 'rslongue', 'complrs', 'compldistrib', 'numvoie', 'typvoie', 'voie',
  'compvoie', 'lieuditbp', 'commune', 'departement', 'libdepartement', 'ligneacheminement', 'telephone', 'telecopie',
  'categetab', 'libcategetab', 'categagretab', 'libcategagretab', 'siret', 'codeape', 'codemft', 'libmft', 'codesph',
  'libsph', 'dateouv', 'dateautor', 'datemaj', 'numuai',
];
export const FINESS_PHARMACY = '620';

/** FINESS département + 3-digit commune → INSEE code (overseas départements are coded 9A…9F). */
export function finessInsee(departement: string, commune: string): string {
  const dom: Record<string, string> = { '9A': '971', '9B': '972', '9C': '973', '9D': '974', '9E': '975', '9F': '976' };
  if (dom[departement]) return `${dom[departement]}${commune.slice(-2)}`;
  return `${departement.padStart(2, '0')}${commune.padStart(3, '0')}`;
}

function importFiness(
  file: string,
  bytes: Uint8Array,
  decoded: { text: string; encoding: Encoding },
  opts: { resolve: CommuneResolver },
): ImportReport<Pharmacy> {
  const table = Papa.parse<string[]>(decoded.text, { delimiter: ';', skipEmptyLines: false }).data;
  // The first line names the file, not the columns: put the documented column names in its place.
  if (table[0]?.[0] === 'finess') table[0] = FINESS_COLUMNS;
  else table.unshift(FINESS_COLUMNS);
  const columns = FINESS_COLUMNS.map((key) => ({ key, label: key, required: ['type', 'nofinesset', 'commune', 'departement', 'categetab'].includes(key) }));
  return importTable<Pharmacy>(
    file,
    bytes,
    columns,
    (ctx) => {
      if (ctx.get('categetab') !== FINESS_PHARMACY) return ctx.ignore('autre catégorie que pharmacie d\'officine (620)'), undefined;
      const code = finessInsee(ctx.get('departement'), ctx.get('commune'));
      const r = opts.resolve(code);
      if (!r) return ctx.ignore('hors territoire'), undefined;
      if (r.former) ctx.warn('commune', `ancien code ${code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
      const opened = dateField(ctx, 'dateouv');
      if (opened === undefined) return;
      const nom = ctx.get('rslongue') || ctx.get('rs');
      return { commune: r.commune.code, opened, closed: null, finess: ctx.get('nofinesset'), ...(nom ? { nom } : {}) };
    },
    { format: 'finess', decoded, separator: ';', table, skip: (cells) => (cells[0] !== 'structureet' ? `enregistrement « ${cells[0]} »` : undefined) },
  );
}

// ---- Declared movements: date, type, code_insee, profession, mode [, rpps, nom] ------------------
// Kept by the chargé de mission between two extractions. A row repeating an earlier one is rejected,
// naming the first line, so that a movement is never counted twice.

export function importMovements(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Movement> {
  const seen = new Map<string, number>();
  return importTable<Movement>(
    file,
    bytes,
    [
      { key: 'date', label: 'date', required: true },
      { key: 'type', label: 'type', required: true },
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'profession', label: 'profession', required: true },
      { key: 'mode', label: 'mode', required: true },
      { key: 'rpps', label: 'rpps', required: false },
      { key: 'nom', label: 'nom', required: false },
    ],
    (ctx) => {
      const date = dateField(ctx, 'date');
      if (date === undefined) return;
      if (date === null) return ctx.reject('date', 'date vide : la date du mouvement est obligatoire.'), undefined;
      const t = normalizeKey(ctx.get('type'));
      const type = t === 'installation' ? 'installation' : t === 'cessation' ? 'cessation' : undefined;
      if (!type) return ctx.reject('type', `type « ${ctx.get('type')} » inconnu (attendu : installation ou cessation).`), undefined;
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const who = practitionerFields(ctx);
      if (!who) return;
      const { profession, mode, rpps, nom } = who;
      const key = [date, type, commune, profession, mode, rpps, nom].join('|');
      if (seen.has(key)) return ctx.reject('date', `mouvement identique à celui de la ligne ${seen.get(key)} : compté une seule fois.`), undefined;
      seen.set(key, ctx.line);
      return {
        type, date, commune, profession, mode,
        ...(rpps ? { rpps } : {}), ...(nom ? { nom } : {}),
        cause: type === 'installation' ? 'arrivee' : 'depart',
        source: 'declaration',
        line: ctx.line,
      };
    },
  );
}
