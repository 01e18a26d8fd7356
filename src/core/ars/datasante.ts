// The official national file « Zonages des professionnels de santé libéraux » (DataSanté / Atlasanté,
// data.gouv.fr): one quoted row per commune, its territoire de vie-santé (tvs_*) and bassin de vie or
// canton-ville (bvcv_*), then for each of six professions its class (`*_niveau`, as CartoSanté writes
// classes) and the date of its arrêté (`*_date_arrete`, JJ/MM/AAAA). Streamed through the shared table
// reader: a row is accepted (every profession's class and date read), rejected (French message naming line
// and column) or ignored (a level other than the commune); read = the three.
import { parseDate } from '../import/fields.ts';
import { q, type ImportReport } from '../import/report.ts';
import { tableSink, type ImportSink, type SinkOptions, type TableSpec } from '../import/table.ts';
import type { CommuneIndex } from './commune-index.ts';
import { arsClasses, classReader, type ArsSchemes } from './schemes.ts';

/** Column prefix of each profession in the file. */
export const DATASANTE_PROFESSIONS: Array<{ prefix: string; profession: string }> = [
  { prefix: 'zmed', profession: 'medecin-generaliste' },
  { prefix: 'zide', profession: 'infirmier' },
  { prefix: 'zmk', profession: 'masseur-kinesitherapeute' },
  { prefix: 'zsf', profession: 'sage-femme' },
  { prefix: 'zdent', profession: 'chirurgien-dentiste' },
  { prefix: 'zortho', profession: 'orthophoniste' },
];

const AREA_COLUMNS = ['source', 'date_maj', 'niveau', 'com_lib', 'com_region', 'pop', 'tvs_code', 'tvs_lib', 'bvcv_code', 'bvcv_lib', 'bvcv_type'];
const REQUIRED = ['com_code', 'date_maj', ...DATASANTE_PROFESSIONS.flatMap((p) => [`${p.prefix}_niveau`, `${p.prefix}_date_arrete`])];

/** Whether a first line is the DataSanté header (quoted or not): com_code, zmed_niveau and zmed_date_arrete. */
export function isDatasanteHeader(firstLine: string): boolean {
  const cells = firstLine.replace(/^\ufeff/, '').split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return ['com_code', 'zmed_niveau', 'zmed_date_arrete'].every((c) => cells.includes(c));
}

export interface DatasanteZone {
  /** Class id of the profession's scheme (src/core/ars/schemes.ts). */
  class: string;
  /** The arrêté's date, ISO. */
  date: string;
}

export interface DatasanteRow {
  line: number;
  /** Today's commune. */
  code: string;
  /** The code as written (a former commune's code is rattached, with a warning). */
  written: string;
  nom: string;
  region: string;
  population: number | null;
  tvs: { code: string; lib: string } | null;
  bvcv: { code: string; lib: string; type: string } | null;
  /** Profession → class and date; a profession whose class and date are both empty is absent. */
  zones: Record<string, DatasanteZone>;
}

export type DatasanteReport = ImportReport<DatasanteRow> & {
  /** The file's update date (`date_maj`, ISO) and its source, as the first row gives them. */
  dateMaj: string | null;
  source: string | null;
  /** Rejected rows per region (as written) and per profession ('*' when the row's commune is at fault). */
  rejectedBy: Record<string, Record<string, number>>;
};

export interface DatasanteOptions {
  /** Any code to today's commune: the COG's index in Node, the search file and tables' former codes in the browser. */
  index: Pick<CommuneIndex, 'resolveCode'>;
  ars: ArsSchemes;
}

/** « 1 306 », « 57 587 » (any kind of space) → 1306; '' → null; anything else → undefined. */
export function parsePopulation(text: string): number | null | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** `JJ/MM/AAAA` only (the file's form), checked on the calendar: « 31/02/2026 » is undefined. */
export function parseFrenchDate(text: string): string | undefined {
  return /^\d{2}\/\d{2}\/\d{4}$/.test(text) ? (parseDate(text) ?? undefined) : undefined;
}

export function datasanteSpec(file: string, opts: DatasanteOptions): TableSpec<DatasanteRow> {
  const readers = DATASANTE_PROFESSIONS.map((p) => ({
    ...p,
    classOf: classReader(opts.ars, p.profession),
    known: arsClasses(opts.ars, p.profession).filter((k) => k.code).map((k) => k.code!),
  }));
  /** Today's commune → the first row naming it, its zones: a second row is a duplicate. */
  const seen = new Map<string, DatasanteRow>();
  /** Lines of first rows that a contradicting duplicate turns into rejections at the end. */
  const contradicted = new Map<number, string>();
  const rejectedBy: DatasanteReport['rejectedBy'] = {};
  let dateMaj: string | null = null;
  let source: string | null = null;
  const spec: TableSpec<DatasanteRow> = {
    format: 'datasante',
    quoting: true,
    separator: ',',
    columns: [...REQUIRED, ...AREA_COLUMNS].map((key) => ({ key, label: key, required: REQUIRED.includes(key) })),
    row: (ctx) => {
      const region = ctx.get('com_region') || 'région non indiquée';
      const count = (what: string) => {
        const r = (rejectedBy[region] ??= {});
        r[what] = (r[what] ?? 0) + 1;
      };
      const reject = (field: string, message: string, profession = '*') => {
        count(profession);
        ctx.reject(field, message);
        return undefined;
      };
      const niveau = ctx.get('niveau');
      if (niveau && niveau.toUpperCase() !== 'COM') return ctx.ignore(`niveau ${niveau} (autre que la commune)`), undefined;
      const maj = parseFrenchDate(ctx.get('date_maj'));
      if (!maj) return reject('date_maj', `date ${q(ctx.get('date_maj'))} impossible (attendu JJ/MM/AAAA, date du calendrier).`);
      if (dateMaj === null) [dateMaj, source] = [maj, ctx.get('source') || null];
      else if (maj !== dateMaj) ctx.warn('date_maj', `date de mise à jour ${ctx.get('date_maj')} différente de celle de la première ligne (${dateMaj}).`);
      const raw = ctx.get('com_code');
      const written = /^\d{4}$/.test(raw) ? `0${raw}` : raw.toUpperCase();
      if (!/^(\d{5}|2[AB]\d{3})$/.test(written)) return reject('com_code', `${q(raw)} n'est pas un code de commune (5 caractères, ex. 11132).`);
      const found = opts.index.resolveCode(written);
      if (!found) return reject('com_code', `code ${written} (${ctx.get('com_lib')}) absent de la liste officielle des communes, actuelles ou anciennes.`);
      const population = parsePopulation(ctx.get('pop'));
      if (population === undefined) return reject('pop', `population ${q(ctx.get('pop'))} illisible (un nombre, espaces admis : « 1 306 »).`);
      const zones: Record<string, DatasanteZone> = {};
      for (const p of readers) {
        const level = ctx.get(`${p.prefix}_niveau`);
        const when = ctx.get(`${p.prefix}_date_arrete`);
        if (level === '' && when === '') continue;
        const cls = p.classOf(level);
        if (!cls) return reject(`${p.prefix}_niveau`, `classe ${q(level)} inconnue pour ${p.profession} ; classes admises : ${p.known.join(', ')}.`, p.profession);
        const date = parseFrenchDate(when);
        if (!date) return reject(`${p.prefix}_date_arrete`, `date d'arrêté ${q(when)} impossible (attendu JJ/MM/AAAA, date du calendrier).`, p.profession);
        if (date > maj) return reject(`${p.prefix}_date_arrete`, `date d'arrêté ${when} postérieure à la mise à jour du fichier (${ctx.get('date_maj')}).`, p.profession);
        zones[p.profession] = { class: cls, date };
      }
      const before = seen.get(found.commune);
      if (before) {
        const same = JSON.stringify(before.zones) === JSON.stringify(zones);
        if (!same) contradicted.set(before.line, `commune ${found.commune} ${found.nom} classée autrement ligne ${ctx.line} : classements contradictoires, aucun n'est retenu.`);
        return reject('com_code', same ? `doublon de la ligne ${before.line} (commune ${found.commune} ${found.nom}, mêmes classes), compté une fois.` : `commune ${found.commune} ${found.nom} déjà classée autrement ligne ${before.line} : classements contradictoires, aucun n'est retenu.`);
      }
      if (found.via !== 'actuelle') ctx.warn('com_code', `ancien code ${written} (${ctx.get('com_lib')}) rattaché à la commune actuelle ${found.commune} ${found.nom}.`);
      const tvsCode = ctx.get('tvs_code');
      const bvcvCode = ctx.get('bvcv_code');
      const row: DatasanteRow = {
        line: ctx.line,
        code: found.commune,
        written,
        nom: ctx.get('com_lib') || found.nom,
        region,
        population,
        tvs: tvsCode && tvsCode !== 'NC' ? { code: tvsCode, lib: ctx.get('tvs_lib') } : null,
        bvcv: bvcvCode && bvcvCode !== 'NC' ? { code: bvcvCode, lib: ctx.get('bvcv_lib'), type: ctx.get('bvcv_type') } : null,
        zones,
      };
      seen.set(found.commune, row);
      return row;
    },
    finish: (report) => {
      const r = report as DatasanteReport;
      r.dateMaj = dateMaj;
      r.source = source;
      r.rejectedBy = rejectedBy;
      if (!contradicted.size) return;
      // The first row of a contradicted commune leaves the accepted rows: neither class is kept.
      const kept = r.rows.filter((row) => !contradicted.has(row.line));
      for (const row of r.rows.filter((x) => contradicted.has(x.line))) {
        const c = (rejectedBy[row.region] ??= {});
        c['*'] = (c['*'] ?? 0) + 1;
      }
      const moved = [...contradicted].map(([line, message]) => ({ line, field: 'com_code', message: `${file}, ligne ${line}, colonne « com_code » : ${message}` }));
      r.accepted -= contradicted.size;
      r.rejectedCount += contradicted.size;
      r.rejected = [...r.rejected, ...moved].sort((a, b) => a.line - b.line);
      r.rows = kept;
    },
  };
  return spec;
}

/** A sink for the DataSanté file; the report adds its date, source and rejections per region. */
export type DatasanteSink = Omit<ImportSink<DatasanteRow>, 'end'> & { end(): DatasanteReport };

export function datasanteSink(file: string, opts: DatasanteOptions, sinkOptions: SinkOptions = {}): DatasanteSink {
  // Another header: the shared reader names the required columns missing, and no row is read.
  const sink = tableSink(file, () => datasanteSpec(file, opts), { ...sinkOptions, keepRows: true });
  return {
    write: (chunk) => sink.write(chunk),
    progress: () => sink.progress(),
    end: () => {
      const r = sink.end() as DatasanteReport;
      r.dateMaj ??= null;
      r.source ??= null;
      r.rejectedBy ??= {};
      return r;
    },
  };
}

/** Reads the whole file at once (tests, small files). */
export function importDatasante(file: string, bytes: Uint8Array, opts: DatasanteOptions): DatasanteReport {
  const sink = datasanteSink(file, opts);
  sink.write(bytes);
  return sink.end();
}
