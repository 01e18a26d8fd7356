// The publishing step of the yearly workflow, as a command (the browser gives the same files to
// download): import a file with the shared core, write its normalized form into data/territories/<id>/,
// declare it in zonage.json, rebuild public/data/<id>/zonage.json. The new state is built and validated
// in a temporary copy first and the real files are replaced only when it all holds: any failure leaves
// data/ and public/data/ byte-identical. Nothing is written when a row is rejected or a zonage is
// incomplete, unless keepValid is set.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, type ImportReport } from '../src/core/csv-import.ts';
import { isIsoDate } from '../src/core/dates.ts';
import { streamFile } from './lib/stream-import.ts';
import { failPoint, replaceFiles, stageTerritory, withDataDir, type FailPoint } from './lib/transaction.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { LIST_KEY, importSink, isImportKind, normalizedContent, publishedYear, type ImportKind } from '../src/core/publication.ts';
import { schemeFor, type ZonageYear } from '../src/core/zonage-config.ts';
import { buildZonageBundle, dataOut } from './build-zonage.ts';
import { dataDir, loadCog, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';

export type PublishKind = ImportKind;

export interface PublishOptions {
  territory: string;
  kind: PublishKind;
  file: string;
  year?: number;
  profession?: string;
  validFrom?: string;
  validUntil?: string;
  source?: string;
  keepValid?: boolean;
  /** A step where to fail on purpose (tests). */
  failAt?: FailPoint;
}

export interface PublishResult {
  published: boolean;
  report: ImportReport<unknown>;
  /** Why nothing was written, in French. */
  refused?: string;
  written: string[];
}

export class PublishError extends Error {}

export async function publish(o: PublishOptions): Promise<PublishResult> {
  const failAt = o.failAt ?? process.env.PUBLISH_FAIL_AT;
  const territory = loadTerritories().find((t) => t.id === o.territory);
  if (!territory) throw new PublishError(`territoire inconnu « ${o.territory} ».`);
  if (!fs.existsSync(o.file)) throw new PublishError(`fichier introuvable : ${o.file}`);
  if (!isImportKind(o.kind)) throw new PublishError(`type de fichier inconnu « ${o.kind as string} » (zonage, medecins ou pharmacies).`);
  for (const d of [o.validFrom, o.validUntil]) if (d !== undefined && !isIsoDate(d)) throw new PublishError(`date « ${d} » impossible (AAAA-MM-JJ, date du calendrier).`);
  const config = loadZonageConfig(territory.id);
  const communes = territoryCommunes(loadCog(), territory);
  const resolve = communeResolver(communes);
  const name = path.basename(o.file);
  const source = o.source ?? `Fichier importé : ${name}`;
  const dir = path.join(dataDir(), territory.id);
  const configFile = path.join(dir, 'zonage.json');
  // The raw JSON, so that keys the model does not read ($source…) survive the rewrite.
  const raw = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { years: ZonageYear[]; practitioners: object; pharmacies: object };

  const profession = o.profession ?? config.schemes[0].professions[0];
  let target: string;
  if (o.kind === 'zonage') {
    if (!o.year || !Number.isInteger(o.year)) throw new PublishError('option --year AAAA obligatoire pour publier un zonage.');
    const scheme = schemeFor(config, profession);
    if (!scheme) throw new PublishError(`aucun zonage pour la profession « ${profession} » dans ${territory.name}.`);
    const previous = raw.years.find((y) => y.year === o.year && y.profession === profession);
    const entry = publishedYear(previous, { year: o.year, scheme: scheme.id, profession, source, validFrom: o.validFrom, validUntil: o.validUntil });
    if (!(entry.validFrom <= entry.validUntil)) throw new PublishError(`période de validité incohérente : du ${entry.validFrom} au ${entry.validUntil}.`);
    raw.years = [...raw.years.filter((y) => y !== previous), entry].sort((a, b) => a.profession.localeCompare(b.profession) || a.year - b.year);
    target = entry.file;
  } else {
    const key = LIST_KEY[o.kind];
    raw[key] = { ...raw[key], example: false, source };
    target = config[key].file;
  }
  // 1. Import, streamed, with the same core as `import` and the browser.
  const report = await streamFile(o.file, importSink(o.kind, name, { communes, schemes: config.schemes, profession, resolve }), false);
  failPoint(failAt, 'import');
  const problems = [
    report.fileErrors.length ? `${report.fileErrors.length} erreur(s) de fichier` : '',
    report.rejectedCount ? `${report.rejectedCount} ligne(s) rejetée(s)` : '',
    report.missing.length ? `${report.missing.length} commune(s) sans classement` : '',
    report.accepted === 0 ? 'aucune ligne acceptée' : '',
  ].filter(Boolean);
  if (report.accepted === 0 || report.fileErrors.length || (problems.length && !o.keepValid)) {
    const keep = report.accepted && !report.fileErrors.length ? ' (--keep-valid publie les lignes valides seules)' : '';
    return { published: false, report, written: [], refused: `rien n'est publié : ${problems.join(', ')}${keep}.` };
  }
  const content = normalizedContent(o.kind, report.rows, profession);

  // 2. The whole new state, built and validated in a temporary copy of the territory's data.
  const stage = stageTerritory(dataDir(), territory.id);
  try {
    failPoint(failAt, 'stage');
    const configText = JSON.stringify(raw, null, 2) + '\n';
    writeOutput(path.join(stage.dir, target), content);
    writeOutput(path.join(stage.dir, 'zonage.json'), configText);
    failPoint(failAt, 'write');
    const built = withDataDir(stage.root, () => buildZonageBundle(territory.id));
    failPoint(failAt, 'build');
    if (built.problems.length) throw new PublishError(`rien n'est publié : les données ne passent pas la construction : ${built.problems.slice(0, 5).join(' ; ')}`);
    // 3. Only now are the real files replaced, together.
    const bundleFile = path.join(dataOut(), territory.id, 'zonage.json');
    const written = replaceFiles(
      [
        { target: path.join(dir, target), content },
        { target: configFile, content: configText },
        { target: bundleFile, content: JSON.stringify(built.bundle) + '\n' },
      ],
      failAt,
    );
    return { published: true, report, written: written.length ? written : [path.join(dir, target)] };
  } finally {
    stage.dispose();
  }
}
