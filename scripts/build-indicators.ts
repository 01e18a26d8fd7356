// npm run build:indicators — reads the indicator files (INDICATORS_SRC, default ../shared/data/indicateurs):
// the DREES APL workbook (each year's sheet and header found, not counted), the APL history, the RPPS GP
// counts and the pharmacy counts; attaches every row to today's commune (COG) and writes
// public/data/indicators/: one small file per territory, a national APL table (loaded lazily by the
// national view) and a manifest (SHA-256, counts, rows not resolved). No source file is copied.
// Byte for byte reproducible.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as XLSX from '@e965/xlsx';
import type { CogCommune } from '../src/core/communes.ts';
import { CommuneIndex } from '../src/core/ars/commune-index.ts';
import {
  flagsOf,
  parseIndicatorDefs,
  readAplHistory,
  readAplWorkbook,
  readDoctorCounts,
  readPharmacyCounts,
  resolveRows,
  weightedMean,
  weightedMedian,
  type AplRow,
  type AplValue,
  type CommuneIndicators,
  type IndicatorDef,
  type NationalAplFile,
  type Resolution,
  type RowIssue,
  type Sheet,
  type TerritoryIndicatorsFile,
} from '../src/core/indicators/index.ts';
import { paths } from './lib/paths.ts';
import { ROOT, cogInfo, indicatorsOut, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { count } from '../src/core/format.ts';

const require = createRequire(import.meta.url);

export const indicatorsSrc = () => paths().indicatorsSrc;
export { indicatorsOut };
export const INDICATORS_DEFS = 'data/indicators/indicators.json';

/** The definitions as published: without the provenance (repository, commit), said on the method page only. */
export const publicDefs = (defs: IndicatorDef[]): IndicatorDef[] => defs.map((d) => ({ ...d, source: (({ provenance: _, ...s }) => s)(d.source) }));

export function loadIndicatorDefs(): IndicatorDef[] {
  return parseIndicatorDefs(JSON.parse(fs.readFileSync(path.join(ROOT, INDICATORS_DEFS), 'utf8')), INDICATORS_DEFS);
}

/** A regular file only (no symlink), read whole. */
function readSource(dir: string, file: string): Buffer {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) throw new Error(`${p} introuvable : indiquez le dossier des indicateurs avec INDICATORS_SRC.`);
  if (!fs.lstatSync(p).isFile()) throw new Error(`${p} n'est pas un fichier ordinaire (lien symbolique refusé).`);
  return fs.readFileSync(p);
}

/** The workbook's sheets as rows of cells (codes stay text: raw values, no date conversion). */
export function workbookSheets(bytes: Uint8Array): Sheet[] {
  const wb = XLSX.read(bytes, { type: 'array', dense: true });
  return wb.SheetNames.map((name) => ({ name, rows: XLSX.utils.sheet_to_json<Array<string | number | null>>(wb.Sheets[name], { header: 1, raw: true, defval: null, blankrows: true }) }));
}

// The last workbook parsed, by content: `indicateurs check` then `import` in one process (the CLI's tests, a
// session) parse the DREES workbook once; parsing it is most of their time. Its sheets are only read.
let lastWorkbook: { sha256: string; sheets: Sheet[] } | undefined;
function cachedWorkbookSheets(bytes: Buffer, sha256: string): Sheet[] {
  if (lastWorkbook?.sha256 !== sha256) lastWorkbook = { sha256, sheets: workbookSheets(bytes) };
  return lastWorkbook.sheets;
}

const round3 = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

/** The APL of today's commune from its rows of one year: its own, a former code's, or the weighted mean of several. */
export function combineApl(rows: AplRow[]): Omit<AplValue, 'via' | 'from'> {
  if (rows.length === 1) return { value: rows[0].value, under65: rows[0].under65, popStd: rows[0].popStd, pop: rows[0].pop };
  const sum = (k: 'popStd' | 'pop') => (rows.every((r) => r[k] === null) ? null : round3(rows.reduce((s, r) => s + (r[k] ?? 0), 0)));
  return {
    value: weightedMean(rows.map((r) => [r.value, r.popStd])),
    under65: weightedMean(rows.map((r) => [r.under65, r.popStd])),
    popStd: sum('popStd'),
    pop: sum('pop'),
  };
}

interface FileReport {
  file: string;
  sha256: string;
  bytes: number;
  read: number;
  used: number;
  attached: number;
  rejected: RowIssue[];
  ignored: number;
  warnings: RowIssue[];
  sheets?: Array<{ sheet: string; year: number; headerLine: number; read: number; used: number; attached: number; derived: number; rejected: number; ignored: number }>;
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

export function buildIndicators(opts: { src?: string; out?: string } = {}) {
  const src = opts.src ?? indicatorsSrc();
  const out = opts.out ?? indicatorsOut();
  const defs = loadIndicatorDefs();
  const def = (id: IndicatorDef['id']) => defs.find((d) => d.id === id)!;
  const index = new CommuneIndex(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
  const resolve = (code: string) => index.resolveCode(code);
  const cog = loadCog();

  // APL workbook: every year's sheet.
  const aplDef = def('apl');
  const wbBytes = readSource(src, aplDef.source.file);
  const wbSha = sha(wbBytes);
  const wb = readAplWorkbook(aplDef.source.file, cachedWorkbookSheets(wbBytes, wbSha));
  if (!wb.years.length) throw new Error(`${aplDef.source.file} : aucune feuille d'APL par année trouvée (feuilles : ${wb.skipped.join(', ')}).`);
  const aplByYear = new Map<number, Resolution<Omit<AplValue, 'via' | 'from'>>>();
  const aplReport: FileReport = { file: aplDef.source.file, sha256: wbSha, bytes: wbBytes.length, read: 0, used: 0, attached: 0, rejected: [], ignored: 0, warnings: [], sheets: [] };
  for (const y of wb.years) {
    const r = resolveRows({ file: aplDef.source.file, sheet: y.sheet, field: 'Code commune INSEE' }, y.rows, resolve, combineApl);
    aplByYear.set(y.year, r);
    aplReport.read += y.rows.length + y.rejected.length;
    aplReport.used += r.used;
    aplReport.attached += r.attached;
    aplReport.rejected.push(...y.rejected.map((x) => ({ file: aplDef.source.file, ...x })), ...r.rejected);
    aplReport.ignored += y.ignored;
    aplReport.warnings.push(...r.warnings);
    const derived = [...r.values.values()].filter((v) => v.via === 'fusion' || v.via === 'arrondissements').length;
    aplReport.sheets!.push({ sheet: y.sheet, year: y.year, headerLine: y.headerLine, read: y.rows.length + y.rejected.length, used: r.used, attached: r.attached, derived, rejected: y.rejected.length + r.rejected.length, ignored: y.ignored });
  }
  const years = [...aplByYear.keys()].sort((a, b) => a - b);
  const latest = years[years.length - 1];

  const csv = <R extends { line: number; code: string }, T>(id: IndicatorDef['id'], read: (file: string, text: string) => { rows: R[]; rejected: RowIssue[]; ignored: number }, combine: (rows: R[]) => T) => {
    const file = def(id).source.file;
    const bytes = readSource(src, file);
    const parsed = read(file, new TextDecoder('utf-8').decode(bytes));
    const r = resolveRows({ file }, parsed.rows, resolve, combine);
    const report: FileReport = { file, sha256: sha(bytes), bytes: bytes.length, read: parsed.rows.length + parsed.rejected.length, used: r.used, attached: r.attached, rejected: [...parsed.rejected, ...r.rejected], ignored: parsed.ignored, warnings: r.warnings };
    return { r, report };
  };
  // History: a former code's values are kept only where today's commune has none (never averaged without weights).
  const history = csv('apl-history', readAplHistory, (rows) => {
    const out: Record<string, number> = {};
    for (const row of rows) for (const [y, v] of Object.entries(row.values)) if (!(y in out)) out[y] = v;
    return out;
  });
  // Counts add up when several codes reach one commune.
  const doctors = csv('medecins', readDoctorCounts, (rows) => ({ generalistes: rows.reduce((s, r) => s + r.generalistes, 0), total: rows.reduce((s, r) => s + r.total, 0) }));
  const pharmacies = csv('pharmacies', readPharmacyCounts, (rows) => rows.reduce((s, r) => s + r.count, 0));
  const covered = new Set(def('pharmacies').departements ?? []);

  const communeValues = (code: string): CommuneIndicators => {
    const apl: Record<string, AplValue> = {};
    for (const y of years) {
      const v = aplByYear.get(y)!.values.get(code);
      if (v) apl[String(y)] = { ...v.value, via: v.via, ...(v.from ? { from: v.from } : {}) };
    }
    const c = cog.current.get(code)!;
    const base = {
      apl,
      history: history.r.values.get(code)?.value ?? {},
      medecins: doctors.r.values.get(code)?.value ?? null,
      pharmacies: covered.has(c.departement ?? '') ? (pharmacies.r.values.get(code)?.value ?? 0) : null,
    };
    return { ...base, flags: flagsOf(base, c.population ?? null) };
  };

  // Medians of the latest year, weighted by total population (the DREES's rule for quantiles).
  const latestValues = aplByYear.get(latest)!.values;
  const byDep = new Map<string, Array<[number | null, number | null]>>();
  for (const [code, v] of latestValues) {
    const dep = cog.current.get(code)?.departement ?? '';
    byDep.set(dep, [...(byDep.get(dep) ?? []), [v.value.value, v.value.pop]]);
  }
  const france = weightedMedian([...latestValues.values()].map((v) => [v.value.value, v.value.pop]));

  const written: string[] = [];
  const territories = loadTerritories();
  const perTerritory: Array<{ territory: string; communes: number; withApl: number; flagged: Record<string, number>; bytes: number }> = [];
  for (const t of territories) {
    const communes = cog.select(t.selection);
    const deps = [...new Set(communes.map((c) => c.departement ?? ''))].sort();
    const values: Record<string, CommuneIndicators> = {};
    for (const c of communes) values[c.code] = communeValues(c.code);
    const f: TerritoryIndicatorsFile = {
      $comment: 'Généré par npm run build:indicators — ne pas modifier à la main.',
      territory: t.id,
      indicators: publicDefs(defs),
      medians: { year: latest, france, departements: Object.fromEntries(deps.map((d) => [d, weightedMedian(byDep.get(d) ?? [])])) },
      communes: values,
    };
    const bytes = writeOutput(path.join(out, `${t.id}.json`), JSON.stringify(f) + '\n');
    written.push(path.join(out, `${t.id}.json`));
    const flagged: Record<string, number> = {};
    for (const v of Object.values(values)) for (const fl of v.flags) flagged[fl] = (flagged[fl] ?? 0) + 1;
    perTerritory.push({ territory: t.id, communes: communes.length, withApl: Object.values(values).filter((v) => v.apl[String(latest)]?.value != null).length, flagged, bytes: bytes.length });
  }

  // National APL table of the latest year: every current commune, APL ×1000 as integers.
  const codes = [...cog.current.keys()].sort();
  const national: NationalAplFile = {
    $comment: 'Généré par npm run build:indicators — ne pas modifier à la main. Valeurs = APL × 1000.',
    year: latest,
    variant: 'tous les médecins généralistes',
    indicator: publicDefs([aplDef])[0],
    codes,
    values: codes.map((c) => {
      const v = latestValues.get(c)?.value.value;
      return v === undefined || v === null ? null : Math.round(v * 1000);
    }),
    derived: codes.filter((c) => ['fusion', 'arrondissements'].includes(latestValues.get(c)?.via ?? '')),
  };
  const natBytes = writeOutput(path.join(out, 'apl-france.json'), JSON.stringify(national) + '\n');
  written.push(path.join(out, 'apl-france.json'));

  const info = cogInfo();
  const manifest = {
    $comment: 'Généré par npm run build:indicators — ne pas modifier à la main.',
    reference: `${info.edition} — ${info.package} ${info.version}`,
    definitions: INDICATORS_DEFS,
    aplYears: years,
    files: [aplReport, history.report, doctors.report, pharmacies.report],
    national: { file: 'apl-france.json', year: latest, communes: codes.length, withValue: national.values.filter((v) => v !== null).length, derived: national.derived.length, bytes: natBytes.length },
    territories: perTerritory,
  };
  writeOutput(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  written.push(path.join(out, 'manifest.json'));
  return { manifest, written };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { manifest } = buildIndicators();
  for (const f of manifest.files) {
    console.log(`${f.file} : ${count(f.read, 'ligne lue', 'lignes lues')} = ${f.used} sous un code actuel + ${f.attached} rattachées + ${f.rejected.length} rejetées ; ${count(f.warnings.length, 'avertissement', 'avertissements')}`);
    for (const s of f.sheets ?? []) console.log(`  feuille « ${s.sheet} » (APL ${s.year}, en-tête ligne ${s.headerLine}) : ${s.read} lignes, ${s.derived} communes à valeur dérivée`);
  }
  for (const t of manifest.territories) console.log(`${t.territory} : ${count(t.communes, 'commune', 'communes')}, ${t.withApl} avec APL ${manifest.national.year}, signalements ${JSON.stringify(t.flagged)}`);
  console.log(`France : APL ${manifest.national.year} pour ${manifest.national.withValue} / ${manifest.national.communes} communes (${manifest.national.derived} dérivées) → ${path.relative(ROOT, indicatorsOut())}`);
}
