// The formats of the import core shared by the CLI, the build and the browser: the project's CSVs, the RPPS
// extraction and the FINESS files. Each is a streaming sink (write chunks, end() gives the report; the
// machinery is in import/: encoding, records, table, report, finess-json); importX(file, bytes) runs one
// over bytes in memory. Headers are matched loosely, every row is checked, and every row is accounted for.
import type { Commune } from './communes.ts';
import { decode, type Encoding } from './import/encoding.ts';
import { q, type ImportReport } from './import/report.ts';
import { count, plural, someOf } from './format.ts';
import { finessJsonSink, isFinessJson } from './import/finess-json.ts';
import { deferredSink, runSink, tableSink, type Column, type ImportSink, type RowContext, type SinkOptions, type TableSpec } from './import/table.ts';
import { PROFESSIONS } from './professions.ts';
import { normalizeKey } from './text.ts';
import type { Pharmacy, Practitioner, ZonageScheme } from './zonage.ts';
import type { Movement } from './movements.ts';

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

function communeOf(ctx: RowContext, resolve: CommuneResolver): string | undefined {
  const raw = ctx.get('code_insee');
  // Spreadsheets drop the leading zero of codes such as 01001: pad 4-digit numbers back.
  const code = /^\d{4}$/.test(raw) ? `0${raw}` : raw.toUpperCase();
  if (!code) return ctx.reject('code_insee', 'code INSEE vide.'), undefined;
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return ctx.reject('code_insee', `${q(raw)} n'est pas un code INSEE (5 caractères, ex. 17300).`), undefined;
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
  if (v === undefined) ctx.reject(key, `date ${q(ctx.get(key))} illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA).`);
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

export type ZonageReport = ImportReport<ZonageRow> & { missing: string[] };
type ZonageOptions = { resolve: CommuneResolver; schemes: ZonageScheme[]; profession: string; communes: Commune[] };

export function zonageSink(file: string, opts: ZonageOptions, sinkOptions?: SinkOptions): ImportSink<ZonageRow> {
  const seen = new Map<string, { line: number; zone: string }>();
  const spec: TableSpec<ZonageRow> = {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'zone', label: 'zone', required: true },
      { key: 'profession', label: 'profession', required: false },
    ],
    row: (ctx) => {
      const code = communeOf(ctx, opts.resolve);
      if (!code) return;
      let profession = opts.profession;
      if (ctx.get('profession')) {
        const p = professionOf(ctx.get('profession'));
        if (!p) return ctx.reject('profession', `profession ${q(ctx.get('profession'))} inconnue (attendu : ${PROFESSIONS.map((x) => x.id).join(', ')}).`), undefined;
        profession = p;
      }
      const scheme = opts.schemes.find((s) => s.professions.includes(profession));
      if (!scheme) return ctx.reject('profession', `aucun zonage pour la profession « ${profession} » dans ce territoire.`), undefined;
      const z = normalizeKey(ctx.get('zone'));
      const cls = scheme.classes.find((c) => normalizeKey(c.id) === z || normalizeKey(c.label) === z);
      if (!cls) {
        return ctx.reject('zone', `classe ${q(ctx.get('zone'))} inconnue ; classes admises : ${scheme.classes.map((c) => `${c.id} (${c.label})`).join(', ')}.`), undefined;
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
    finish: (report) => {
      const missing = missingCommunes(report, opts);
      (report as ZonageReport).missing = missing;
      if (missing.length) {
        const names = opts.communes.filter((c) => missing.includes(c.code)).slice(0, 10).map((c) => `${c.code} ${c.nom}`);
        report.warningCount++;
        report.warnings.push({
          message: `${file} : zonage incomplet, ${count(missing.length, 'commune', 'communes')} du territoire sans classement : ${someOf(names, missing.length)}. ${plural(missing.length, "Elle n'est pas classée", 'Elles ne sont pas classées')} par défaut.`,
        });
      }
    },
  };
  return tableSink(file, () => spec, sinkOptions);
}

function missingCommunes(report: ImportReport<ZonageRow>, opts: ZonageOptions): string[] {
  const classified = new Set(report.rows.filter((r) => r.profession === opts.profession).map((r) => r.code));
  return opts.communes.filter((c) => !classified.has(c.code)).map((c) => c.code);
}

export function importZonage(file: string, bytes: Uint8Array, opts: ZonageOptions): ZonageReport {
  const report = runSink(zonageSink(file, opts), bytes) as ZonageReport;
  return { ...report, missing: report.missing ?? [] };
}

// ---- Practitioners: code_insee, profession, mode, date_debut, date_fin [, rpps, nom] ---------------

/** Profession, mode, RPPS and name of a practitioner row (the register and the declared movements). */
function practitionerFields(ctx: RowContext): { profession: string; mode: Practitioner['mode']; rpps: string; nom: string } | undefined {
  const profession = professionOf(ctx.get('profession'));
  if (!profession) return ctx.reject('profession', `profession ${q(ctx.get('profession'))} inconnue.`), undefined;
  const m = normalizeKey(ctx.get('mode'));
  const mode = m === 'liberal' ? 'liberal' : m === 'salarie' ? 'salarie' : undefined;
  if (!mode) return ctx.reject('mode', `mode d'exercice ${q(ctx.get('mode'))} inconnu (attendu : liberal ou salarie).`), undefined;
  const rpps = ctx.get('rpps');
  if (rpps && !RPPS_ID.test(rpps)) return ctx.reject('rpps', `identifiant RPPS ${q(rpps)} invalide (11 chiffres).`), undefined;
  return { profession, mode, rpps, nom: ctx.get('nom') };
}

const RPPS_ID = /^\d{11}$/;

/** True when a header line is the RPPS extraction's (pipe-separated, « Identifiant PP », « Code profession »). */
const isRppsHeader = (line: string) => {
  const k = normalizeKey(line.slice(0, 2000));
  return k.includes('identifiantpp') && k.includes('codeprofession');
};

export function practitionersSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Practitioner> {
  return tableSink(file, (header) => (isRppsHeader(header) ? rppsSpec(opts) : registerSpec(opts)), sinkOptions);
}

export function importPractitioners(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Practitioner> {
  return runSink(practitionersSink(file, opts), bytes);
}

function registerSpec(opts: { resolve: CommuneResolver }): TableSpec<Practitioner> {
  return {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'profession', label: 'profession', required: true },
      { key: 'mode', label: 'mode', required: true },
      { key: 'date_debut', label: 'date_debut', required: true },
      { key: 'date_fin', label: 'date_fin', required: true },
      { key: 'rpps', label: 'rpps', required: false },
      { key: 'nom', label: 'nom', required: false },
    ],
    row: (ctx) => {
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
  };
}

// ---- RPPS: Annuaire santé, extraction « PS_LibreAcces_Personne_activite » (pipe-separated, never
// quoted, one row per activity). It carries no dates: a row is a professional practising on the
// extraction date.

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

function rppsSpec(opts: { resolve: CommuneResolver }): TableSpec<Practitioner> {
  const seen = new Set<string>();
  const named = (key: string) => ({ key, label: key, required: false });
  return {
    format: 'rpps',
    quoting: false,
    separator: '|',
    columns: [
      { key: 'Identifiant PP', label: 'Identifiant PP', required: true },
      { key: 'Code profession', label: 'Code profession', required: true },
      { key: 'Code savoir-faire', label: 'Code savoir-faire', required: true },
      named('Libellé savoir-faire'),
      { key: 'Code mode exercice', label: 'Code mode exercice', required: true },
      { key: 'Code commune (coord. structure)', label: 'Code commune (coord. structure)', required: true },
      named("Nom d'exercice"),
      named("Prénom d'exercice"),
    ],
    row: (ctx) => {
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
      // The normalized register accepts 11-digit identifiers only: refuse here what publishing would refuse.
      if (!RPPS_ID.test(rpps)) return ctx.reject('Identifiant PP', `identifiant RPPS ${q(rpps)} invalide (11 chiffres).`), undefined;
      const key = `${rpps}/${r.commune.code}/${profession}`;
      // One person with two sites in the same commune counts once there.
      if (seen.has(key)) return ctx.ignore('seconde activité dans la même commune'), undefined;
      seen.add(key);
      const nom = [ctx.get("Prénom d'exercice"), ctx.get("Nom d'exercice")].filter(Boolean).join(' ');
      return { commune: r.commune.code, profession, mode, start: null, end: null, rpps, ...(nom ? { nom } : {}) };
    },
  };
}

// ---- Pharmacies: code_insee [, finess, nom, date_ouverture, date_fermeture] ------------------------

const FINESS_NUMBER = /^[0-9AB]{9}$/;

function pharmacySpec(opts: { resolve: CommuneResolver }): TableSpec<Pharmacy> {
  const seen = new Map<string, number>();
  return {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'finess', label: 'finess', required: false },
      { key: 'nom', label: 'nom', required: false },
      { key: 'date_ouverture', label: 'date_ouverture', required: false },
      { key: 'date_fermeture', label: 'date_fermeture', required: false },
    ],
    row: (ctx) => {
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const opened = dateField(ctx, 'date_ouverture');
      const closed = dateField(ctx, 'date_fermeture');
      if (opened === undefined || closed === undefined) return;
      const finess = ctx.get('finess');
      if (finess && !FINESS_NUMBER.test(finess)) return ctx.reject('finess', `numéro FINESS ${q(finess)} invalide (9 caractères).`), undefined;
      if (finess && seen.has(finess)) return ctx.reject('finess', `pharmacie ${finess} déjà lue ligne ${seen.get(finess)}.`), undefined;
      if (finess) seen.set(finess, ctx.line);
      return { commune, opened, closed, ...(finess ? { finess } : {}), ...(ctx.get('nom') ? { nom: ctx.get('nom') } : {}) };
    },
  };
}

/** The former FINESS CSV starts with « finess;etalab;… » or, without that title, with a « structureet » row. */
const isFinessCsv = (line: string) => /^(finess;|structureet;|geolocalisation;)/.test(line.replace(/^\uFEFF/, ''));

/** Pharmacies: the FINESS « structures » JSON (gzipped or not), else a CSV (the project's or FINESS's). */
export function pharmaciesSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Pharmacy> {
  return deferredSink((head) => (isFinessJson(head) ? finessJsonSink(file, opts, sinkOptions) : pharmaciesCsvSink(file, opts, sinkOptions)));
}

export function importPharmacies(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Pharmacy> {
  return runSink(pharmaciesSink(file, opts), bytes);
}

export function pharmaciesCsvSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Pharmacy> {
  return tableSink(file, (header) => (isFinessCsv(header) ? finessSpec(opts) : pharmacySpec(opts)), sinkOptions);
}

// ---- FINESS: public extraction of establishments (etalab « cs1100507 » stock file): semicolon
// separated, never quoted, no column header, a first line « finess;etalab;… », then « structureet »
// rows and « geolocalisation » rows. Category 620 is « Pharmacie d'Officine ».
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

/** One pharmacy of a national FINESS file, checked the same way whatever the format (CSV or JSON). */
export function finessPharmacy(
  ctx: RowContext,
  seen: Map<string, number>,
  resolve: CommuneResolver,
  f: { finess: string; code: string; opened: string; closed: string; nom: string; fields: { number: string; commune: string; opened: string; closed: string } },
): Pharmacy | undefined {
  const r = resolve(f.code);
  if (!r) return ctx.ignore('hors territoire'), undefined;
  if (r.former) ctx.warn(f.fields.commune, `ancien code ${f.code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
  if (!FINESS_NUMBER.test(f.finess)) return ctx.reject(f.fields.number, `numéro FINESS ${q(f.finess)} invalide (9 caractères).`), undefined;
  if (seen.has(f.finess)) return ctx.reject(f.fields.number, `pharmacie ${f.finess} déjà lue ${seen.get(f.finess)! > 0 ? `ligne ${seen.get(f.finess)}` : 'plus haut'}.`), undefined;
  const opened = parseDate(f.opened.slice(0, 10));
  if (opened === undefined) return ctx.reject(f.fields.opened, `date ${q(f.opened)} illisible.`), undefined;
  const closed = parseDate(f.closed.slice(0, 10));
  if (closed === undefined) return ctx.reject(f.fields.closed, `date ${q(f.closed)} illisible.`), undefined;
  seen.set(f.finess, ctx.line);
  return { commune: r.commune.code, opened, closed, finess: f.finess, ...(f.nom ? { nom: f.nom } : {}) };
}

function finessSpec(opts: { resolve: CommuneResolver }): TableSpec<Pharmacy> {
  const seen = new Map<string, number>();
  const types = new Set<string>();
  const required = ['type', 'nofinesset', 'commune', 'departement', 'categetab'];
  return {
    format: 'finess',
    quoting: false,
    separator: ';',
    columns: FINESS_COLUMNS.map((key) => ({ key, label: key, required: required.includes(key) })),
    fixedColumns: { names: FINESS_COLUMNS, isTitle: (cells) => cells[0] === 'finess' },
    skip: (cells) => {
      if (cells[0] === 'structureet') return undefined;
      // Other record types are counted by name; a hostile file cannot grow this list without bound.
      if (types.has(cells[0]) || (types.size < 20 && /^[a-z]{1,30}$/.test(cells[0]))) return types.add(cells[0]), `enregistrement « ${cells[0]} »`;
      return "ligne d'un autre type";
    },
    row: (ctx) => {
      if (ctx.get('categetab') !== FINESS_PHARMACY) return ctx.ignore('autre catégorie que pharmacie d\'officine (620)'), undefined;
      return finessPharmacy(ctx, seen, opts.resolve, {
        finess: ctx.get('nofinesset'),
        code: finessInsee(ctx.get('departement'), ctx.get('commune')),
        opened: ctx.get('dateouv'),
        closed: '',
        nom: ctx.get('rslongue') || ctx.get('rs'),
        fields: { number: 'nofinesset', commune: 'commune', opened: 'dateouv', closed: 'dateouv' },
      });
    },
  };
}

// ---- Declared movements: date, type, code_insee, profession, mode [, rpps, nom] ------------------
// Kept by the chargé de mission between two extractions. A row repeating an earlier one is rejected,
// naming the first line, so that a movement is never counted twice.

export function movementsSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Movement> {
  const seen = new Map<string, number>();
  const spec: TableSpec<Movement> = {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'date', label: 'date', required: true },
      { key: 'type', label: 'type', required: true },
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'profession', label: 'profession', required: true },
      { key: 'mode', label: 'mode', required: true },
      { key: 'rpps', label: 'rpps', required: false },
      { key: 'nom', label: 'nom', required: false },
    ],
    row: (ctx) => {
      const date = dateField(ctx, 'date');
      if (date === undefined) return;
      if (date === null) return ctx.reject('date', 'date vide : la date du mouvement est obligatoire.'), undefined;
      const t = normalizeKey(ctx.get('type'));
      const type = t === 'installation' ? 'installation' : t === 'cessation' ? 'cessation' : undefined;
      if (!type) return ctx.reject('type', `type ${q(ctx.get('type'))} inconnu (attendu : installation ou cessation).`), undefined;
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
  };
  return tableSink(file, () => spec, sinkOptions);
}

export function importMovements(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Movement> {
  return runSink(movementsSink(file, opts), bytes);
}

export { decode, type Encoding };
export type { Column, ImportSink, RowContext, SinkOptions };
export { failedReport, isClean, problemsOf, ignoredCount, MAX_LISTED, type RowError, type Warning, type ImportReport } from './import/report.ts';
export { separatorName } from './import/table.ts';
