// npm run build:ars — reads the ARS zonages of all of France (ARS_SRC, default ../shared/data/ars-zonages),
// resolves every row to today's commune with the import core, and writes one compact class table per
// profession (public/data/ars/<profession>.json) and a manifest: the source file's SHA-256, source and
// date, rows and communes per class, rows not resolved. No source file is copied. Byte for byte reproducible.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { CogCommune } from '../src/core/communes.ts';
import { CommuneIndex } from '../src/core/ars/commune-index.ts';
import { importCartoSante } from '../src/core/ars/cartosante.ts';
import { importNamePostal } from '../src/core/ars/name-postal.ts';
import { classTable, countClasses, type ArsEntry } from '../src/core/ars/class-table.ts';
import type { ImportReport, RowError } from '../src/core/import/report.ts';
import { arsClasses, arsSchemeId, classReader, type ArsSchemes } from '../src/core/ars/schemes.ts';
import { tableFile, type ArsReplacement } from '../src/core/ars/table-file.ts';
import { parseListsFile } from '../src/core/ars/schema.ts';
import { departementOf } from '../src/core/communes.ts';
import { ROOT, arsListsDir, arsOut, cogInfo, loadArsSchemes, writeOutput } from './lib/inputs.ts';
import { count } from '../src/core/format.ts';
import { paths } from './lib/paths.ts';

const require = createRequire(import.meta.url);

export const arsSrc = () => paths().arsSrc;

export interface ArsManifestEntry {
  profession: string;
  file: string;
  sha256: string;
  bytes: number;
  source: string;
  exportedBefore: string;
  format: string;
  /** Data rows read, and per class as written in the file. */
  rows: number;
  rowsPerClass: Record<string, number>;
  /** Today's communes given a class, and how many per class id. */
  communes: number;
  communesPerClass: Record<string, number>;
  repeatedRows: number;
  formerCodes: number;
  partsCommunes: string[];
  conflicts: string[];
  unresolved: Array<{ line: number; field: string; message: string; candidates?: string[] }>;
  /** Regions whose zonage a newer act replaced, with the communes of the table there. */
  replaced?: Array<ArsReplacement & { communes: number }>;
}

interface CogArea {
  code: string;
  nom: string;
  region?: string;
}

/** The replaced regions of a profession (data/ars/schemes.json) with their name and départements from the COG. */
export function replacedRegions(p: ArsSchemes['professions'][number], regions: CogArea[], departements: CogArea[]): ArsReplacement[] {
  return (p.replaced ?? []).map((r, i) => {
    const where = `data/ars/schemes.json, profession « ${p.profession} », replaced[${i}]`;
    const region = regions.find((x) => x.code === r.region);
    if (!region) throw new Error(`${where}, champ « region » : aucune région du COG n'a le code « ${r.region} ».`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.from) || r.from <= p.exportedBefore) throw new Error(`${where}, champ « from » : « ${r.from} » doit être une date AAAA-MM-JJ postérieure à l'export (${p.exportedBefore}).`);
    if (!r.by?.trim()) throw new Error(`${where}, champ « by » : l'acte qui remplace le zonage manque.`);
    const deps = departements.filter((d) => d.region === r.region).map((d) => d.code).sort();
    return { region: r.region, nom: region.nom, departements: deps, from: r.from, by: r.by };
  });
}

/** Counts the rows of each class as written, straight from the text (the check of the import's counts). */
export function rawClassCounts(text: string, format: string): Record<string, number> {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = format === 'cartosante' ? ';' : ',';
  const counts: Record<string, number> = {};
  for (const l of lines.slice(format === 'cartosante' ? 3 : 1)) {
    const raw = l.slice(l.lastIndexOf(sep) + 1).trim();
    counts[raw] = (counts[raw] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function buildArs(opts: { src?: string; out?: string } = {}): { manifest: ArsManifestEntry[]; written: string[] } {
  const src = opts.src ?? arsSrc();
  const out = opts.out ?? arsOut();
  const schemes = loadArsSchemes();
  const index = new CommuneIndex(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
  const regions = require('@etalab/decoupage-administratif/data/regions.json') as CogArea[];
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as CogArea[];
  const imports: Array<{ p: ArsSchemes['professions'][number]; text: string; bytes: Buffer; report: ImportReport<ArsEntry>; unresolved: RowError[] }> = [];
  // CartoSanté files first: their rows under former codes name former communes for the name-keyed files.
  const ordered = [...schemes.professions].sort((a, b) => (a.format === b.format ? 0 : a.format === 'cartosante' ? -1 : 1));
  for (const p of ordered) {
    const file = path.join(src, p.file);
    if (!fs.existsSync(file)) throw new Error(`${file} introuvable : indiquez le dossier des zonages ARS avec ARS_SRC.`);
    const bytes = fs.readFileSync(file);
    const text = new TextDecoder('utf-8').decode(bytes);
    const known = arsClasses(schemes, p.profession).filter((k) => k.code).map((k) => k.code!);
    const opts2 = { index, classOf: classReader(schemes, p.profession), known };
    // Every row not resolved goes to the manifest, not only the report's first ones.
    const unresolved: RowError[] = [];
    const sink = { onReject: (e: RowError) => void unresolved.push(e) };
    const report = p.format === 'cartosante' ? importCartoSante(p.file, text, opts2, sink) : importNamePostal(p.file, text, opts2, sink);
    // A file that cannot be read (its header refused) stops the build: no table is written from it.
    if (report.fileErrors.length) throw new Error(report.fileErrors.join('\n'));
    if (p.format === 'cartosante') index.addFormerNames(report.rows.map((e) => ({ code: e.part, nom: e.partName })));
    imports.push({ p, text, bytes, report, unresolved });
  }
  const manifest: ArsManifestEntry[] = [];
  const written: string[] = [];
  for (const p of schemes.professions) {
    const { text, bytes, report, unresolved } = imports.find((x) => x.p === p)!;
    const table = classTable(report.rows);
    const order = arsClasses(schemes, p.profession).map((k) => k.id);
    const former = Object.fromEntries(report.rows.filter((e) => index.resolveCode(e.part)?.via === 'ancienne').map((e): [string, [string, string]] => [e.part, [e.partName, e.commune]]));
    const replaced = replacedRegions(p, regions, departements);
    const base = tableFile({ profession: p.profession, scheme: arsSchemeId(p.profession), source: p.source, exportedBefore: p.exportedBefore }, table, order, former, replaced);
    // The dated lists of the national DataSanté file, once published, are kept in data/ars/listes/ and read back here.
    const listsFile = path.join(arsListsDir(), `${p.profession}.json`);
    const lists = fs.existsSync(listsFile) ? parseListsFile(JSON.parse(fs.readFileSync(listsFile, 'utf8')), path.relative(process.cwd(), listsFile), p.profession) : [];
    const f = lists.length ? { ...base, lists } : base;
    const target = path.join(out, `${p.profession}.json`);
    writeOutput(target, JSON.stringify(f) + '\n');
    written.push(target);
    manifest.push({
      profession: p.profession,
      file: p.file,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      source: p.source,
      exportedBefore: p.exportedBefore,
      format: p.format,
      rows: report.read,
      rowsPerClass: rawClassCounts(text, p.format),
      communes: table.classes.size,
      communesPerClass: countClasses(table.classes, order),
      repeatedRows: table.repeated,
      formerCodes: Object.keys(former).length,
      partsCommunes: [...table.parts.keys()],
      conflicts: table.conflicts,
      unresolved,
      ...(replaced.length
        ? { replaced: replaced.map((r) => ({ ...r, communes: [...table.classes.keys()].filter((c) => r.departements.includes(departementOf(c))).length })) }
        : {}),
    });
  }
  const info = cogInfo();
  const file = path.join(out, 'manifest.json');
  writeOutput(
    file,
    JSON.stringify(
      {
        $comment: 'Généré par npm run build:ars — ne pas modifier à la main.',
        reference: `${info.edition} — ${info.package} ${info.version}`,
        professions: manifest,
      },
      null,
      1,
    ) + '\n',
  );
  written.push(file);
  return { manifest, written };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { manifest } = buildArs();
  for (const m of manifest) {
    console.log(`${m.profession} : ${count(m.rows, 'ligne', 'lignes')}, ${count(m.communes, 'commune classée', 'communes classées')}, ${count(m.unresolved.length, 'ligne non résolue', 'lignes non résolues')}, ${count(m.formerCodes, 'ancien code', 'anciens codes')}, ${count(m.partsCommunes.length, 'commune classée', 'communes classées')} selon la partie, ${count(m.conflicts.length, 'conflit', 'conflits')} → ${path.relative(ROOT, arsOut())}/${m.profession}.json`);
    for (const r of m.replaced ?? []) console.log(`  ${r.nom} (région ${r.region}) : zonage remplacé le ${r.from} (${r.by}), ${count(r.communes, 'commune', 'communes')} de la table.`);
  }
}
