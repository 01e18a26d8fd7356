// revision propose --territory <id> [--year N] [--method FILE]   JSON: per commune code, proposed class, rule, reason
// revision diff --territory <id> --draft FILE                    counts per class, transition matrix, entering/leaving
// revision export --territory <id> --draft FILE --out DIR        revision-<year>.xlsx, .csv, -annexe.docx, zonage-<year>-projet.csv
// revision adopt --territory <id> --draft FILE --deliberation REF --date YYYY-MM-DD
//        the final list published as next year's zonage through the atomic publish path (refused while a
//        manual class has no reason or a commune is « à préciser »)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import * as docx from 'docx';
import * as v from 'valibot';
import { territoryCommunes } from '../../src/core/communes.ts';
import { formatDate } from '../../src/core/format.ts';
import { isIsoDate } from '../../src/core/dates.ts';
import { TerritoryIndicatorsFileSchema } from '../../src/core/indicators/schema.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import {
  adoptionBlockers, annexDocument, classCounts, draftRows, emptyDraft, entersAndLeaves, indicatorReader, packCsv, packWorkbook, parseDraft, parseMethod, propose,
  revisionContext, transitionMatrix, zonageCsv, RevisionError, type Draft, type XlsxWriterLike,
} from '../../src/core/revision/index.ts';
import { ROOT, dataDir, loadCog, loadTerritories, writeOutput } from '../lib/inputs.ts';
import { paths } from '../lib/paths.ts';
import { json, type Command } from './command.ts';
import { buildZonageBundle } from '../build-zonage.ts';
import { PublishError, publish } from '../publish.ts';

/** Everything a revision reads for a territory: the method, the communes, the bundle, the indicators. */
export function loadRevision(territoryId: string, methodFile?: string, bundle?: ZonageBundle) {
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new RevisionError(`territoire inconnu « ${territoryId} ».`);
  const file = methodFile ?? path.join(dataDir(), territoryId, 'revision.json');
  if (!fs.existsSync(file)) throw new RevisionError(`${territory.name} n'a pas de méthode de révision (${path.relative(ROOT, file)} absent).`);
  const b = bundle ?? buildZonageBundle(territoryId).bundle;
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { scheme?: string };
  const scheme = b.schemes.find((s) => s.id === raw.scheme);
  if (!scheme) throw new RevisionError(`${file}, champ « scheme » : zonage « ${raw.scheme} » inconnu du territoire.`);
  const classIds = scheme.classes.map((c) => c.id);
  const method = parseMethod(raw, file, classIds);
  const indFile = path.join(paths().indicatorsOut, `${territoryId}.json`);
  if (!fs.existsSync(indFile)) throw new RevisionError(`indicateurs absents : ${path.relative(ROOT, indFile)} (npm run build:indicators).`);
  const parsed = v.safeParse(TerritoryIndicatorsFileSchema, JSON.parse(fs.readFileSync(indFile, 'utf8')));
  if (!parsed.success) throw new RevisionError(`${indFile}, champ « ${v.getDotPath(parsed.issues[0]) ?? '(racine)'} » : ${parsed.issues[0].message}`);
  const communes = territoryCommunes(loadCog(), territory);
  const ctx = revisionContext(b, method);
  const makeReader = () => indicatorReader(parsed.output, communes, ctx);
  const read = makeReader();
  const label = (id: string) => (id === method.undetermined.id ? method.undetermined.label : (scheme.classes.find((c) => c.id === id)?.label ?? id));
  const last = new Map(Object.entries(ctx.last?.classes ?? {}));
  return { territory, method, classIds, communes, ctx, read, makeReader, label, last };
}

type Loaded = ReturnType<typeof loadRevision>;

function readDraft(l: Loaded, file: string | undefined): Draft {
  if (!file) throw new RevisionError('option --draft FICHIER obligatoire.');
  if (!fs.existsSync(file) || !fs.lstatSync(file).isFile()) throw new RevisionError(`fichier introuvable : ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RevisionError(`${path.basename(file)} : JSON illisible (${(e as Error).message}).`);
  }
  return parseDraft(raw, path.basename(file), l.method, new Set(l.communes.map((c) => c.code)), l.classIds);
}

function rowsOf(l: Loaded, draft: Draft) {
  const proposals = propose(l.method, draft.parameters, l.communes, l.read, l.last, l.label);
  return draftRows(proposals, draft, l.method, l.classIds);
}

export const usage = [
  'revision propose --territory <id> [--year AAAA] [--method FICHIER]',
  'revision diff --territory <id> --draft FICHIER',
  'revision export --territory <id> --draft FICHIER --out DOSSIER',
  'revision adopt --territory <id> --draft FICHIER --deliberation RÉF --date AAAA-MM-JJ',
].join('\n');

export const options = {
  territory: { type: 'string' },
  year: { type: 'string' },
  method: { type: 'string' },
  draft: { type: 'string' },
  out: { type: 'string' },
  deliberation: { type: 'string' },
  date: { type: 'string' },
} as const;

export const run: Command['run'] = async ({ positionals: rest, strings: values }, io) => {
  try {
    const sub = rest[0];
    if (!['propose', 'diff', 'export', 'adopt'].includes(sub ?? '')) throw new RevisionError(`sous-commande « ${sub ?? ''} » inconnue : propose, diff, export ou adopt.`);
    if (!values.territory) throw new RevisionError('option --territory obligatoire (charente-maritime…).');
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new RevisionError(`année « ${values.year} » invalide (AAAA).`);
    const l = loadRevision(values.territory, values.method);
    const out = (x: unknown) => io.stdout.write(json(x));
    if (sub === 'propose') {
      const year = values.year ? Number(values.year) : l.ctx.year;
      const rows = rowsOf(l, emptyDraft(l.method, 'proposition', year));
      io.stderr.write(`Méthode ${l.method.id} v${l.method.version} — ${l.method.interpretation}\n`);
      out({ territory: l.territory.id, year, method: { id: l.method.id, version: l.method.version, interpretation: l.method.interpretation }, counts: classCounts(rows, l.classIds, l.method.undetermined.id), communes: rows.map((r) => ({ code: r.code, nom: r.nom, proposed: r.proposed, rule: r.rule, reason: r.reason, lastYear: r.lastYear, ars: r.ars, missing: r.missing })) });
      return 0;
    }
    const draft = readDraft(l, values.draft);
    const rows = rowsOf(l, draft);
    if (sub === 'diff') {
      out({ year: draft.year, counts: classCounts(rows, l.classIds, l.method.undetermined.id), matrix: transitionMatrix(rows, (r) => r.lastYear), ars: transitionMatrix(rows, (r) => r.ars), classes: entersAndLeaves(rows, l.classIds), blockers: adoptionBlockers(rows, l.method) });
      return 0;
    }
    if (sub === 'export') {
      if (!values.out) throw new RevisionError('option --out DOSSIER obligatoire.');
      const pack = { method: l.method, rows, classIds: l.classIds, label: l.label, year: draft.year, draftName: draft.name, adopted: false };
      const files = [
        [`revision-${draft.year}.csv`, packCsv(pack)],
        [`revision-${draft.year}.xlsx`, Buffer.from(packWorkbook(XLSX as unknown as XlsxWriterLike, pack))],
        [`revision-${draft.year}-annexe.docx`, await docx.Packer.toBuffer(annexDocument(docx, pack))],
        [`zonage-${draft.year}-projet.csv`, zonageCsv(rows)],
      ] as const;
      for (const [name, content] of files) writeOutput(path.join(values.out, name), content);
      out({ files: files.map(([n]) => path.join(values.out!, n)) });
      return 0;
    }
    // adopt
    if (!values.deliberation?.trim()) throw new RevisionError('option --deliberation « référence » obligatoire.');
    if (!values.date || !isIsoDate(values.date)) throw new RevisionError(`option --date AAAA-MM-JJ obligatoire (reçu « ${values.date ?? ''} »).`);
    const blockers = adoptionBlockers(rows, l.method);
    if (blockers.length) {
      for (const b of blockers) io.stderr.write(`${b}\n`);
      throw new RevisionError(`adoption refusée : ${blockers.length} commune${blockers.length > 1 ? 's' : ''} sans classe argumentée ; rien n'est publié.`);
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'revision-'));
    try {
      const file = path.join(tmp, `zonage-${draft.year}.csv`);
      fs.writeFileSync(file, zonageCsv(rows));
      const result = await publish({ territory: l.territory.id, kind: 'zonage', file, year: draft.year, profession: l.method.profession, source: `${values.deliberation.trim()} du ${formatDate(values.date)} — révision annuelle (méthode ${l.method.id} v${l.method.version})` });
      out({ published: result.published, refused: result.refused, files: result.written.map((f) => path.relative(paths().cwd, f)) });
      return result.published ? 0 : 1;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } catch (e) {
    if (e instanceof RevisionError || e instanceof PublishError) {
      io.stderr.write(`Erreur : ${e.message}\n`);
      return 2;
    }
    throw e;
  }
};

export const command: Command = { usage, options, run };
