// The publishing step of the yearly workflow, as a command (the browser gives the same normalized files
// to download): import a file with the shared core, write its normalized form into
// data/territories/<id>/, declare it in zonage.json, then rebuild public/data/<id>/zonage.json.
// Nothing is written when a row is rejected or a zonage is incomplete, unless keepValid is set.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, type ImportReport } from '../src/core/csv-import.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { LIST_KEY, importFile, isImportKind, normalizedContent, publishedYear, type ImportKind } from '../src/core/publication.ts';
import { schemeFor, type ZonageYear } from '../src/core/zonage-config.ts';
import { buildZonageBundle, writeZonageBundle } from './build-zonage.ts';
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
}

export interface PublishResult {
  published: boolean;
  report: ImportReport<unknown>;
  /** Why nothing was written, in French. */
  refused?: string;
  written: string[];
}

export class PublishError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function publish(o: PublishOptions): PublishResult {
  const territory = loadTerritories().find((t) => t.id === o.territory);
  if (!territory) throw new PublishError(`territoire inconnu « ${o.territory} ».`);
  if (!fs.existsSync(o.file)) throw new PublishError(`fichier introuvable : ${o.file}`);
  const config = loadZonageConfig(territory.id);
  const communes = territoryCommunes(loadCog(), territory);
  const resolve = communeResolver(communes);
  const bytes = new Uint8Array(fs.readFileSync(o.file));
  const name = path.basename(o.file);
  const source = o.source ?? `Fichier importé : ${name}`;
  const dir = path.join(dataDir(), territory.id);
  const configFile = path.join(dir, 'zonage.json');
  // The raw JSON, so that keys the model does not read ($source…) survive the rewrite.
  const raw = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { years: ZonageYear[]; practitioners: object; pharmacies: object };

  if (!isImportKind(o.kind)) throw new PublishError(`type de fichier inconnu « ${o.kind as string} » (zonage, medecins ou pharmacies).`);
  const profession = o.profession ?? config.schemes[0].professions[0];
  let target: string;
  if (o.kind === 'zonage') {
    if (!o.year || !Number.isInteger(o.year)) throw new PublishError('option --year AAAA obligatoire pour publier un zonage.');
    const scheme = schemeFor(config, profession);
    if (!scheme) throw new PublishError(`aucun zonage pour la profession « ${profession} » dans ${territory.name}.`);
    for (const d of [o.validFrom, o.validUntil]) if (d !== undefined && !DATE.test(d)) throw new PublishError(`date « ${d} » invalide (AAAA-MM-JJ).`);
    const previous = raw.years.find((y) => y.year === o.year && y.profession === profession);
    const entry = publishedYear(previous, { year: o.year, scheme: scheme.id, profession, source, validFrom: o.validFrom, validUntil: o.validUntil });
    if (!(entry.validFrom <= entry.validUntil)) throw new PublishError(`période de validité incohérente : du ${entry.validFrom} au ${entry.validUntil}.`);
    raw.years = [...raw.years.filter((y) => y !== previous), entry].sort((a, b) => a.profession.localeCompare(b.profession) || a.year - b.year);
    target = entry.file;
  } else {
    const key = LIST_KEY[o.kind];
    // The example data's date does not describe the published file: dropped until one is given.
    const { date: _exampleDate, ...kept } = raw[key] as { date?: string };
    raw[key] = { ...kept, example: false, source };
    target = config[key].file;
  }
  const report = importFile(o.kind, name, bytes, { communes, schemes: config.schemes, profession, resolve });
  const incomplete = report.missing.length;
  const content = normalizedContent(o.kind, report.rows, profession);

  const problems = [
    report.rejected.length ? `${report.rejected.length} ligne(s) rejetée(s)` : '',
    incomplete ? `${incomplete} commune(s) sans classement` : '',
    report.accepted === 0 ? 'aucune ligne acceptée' : '',
  ].filter(Boolean);
  if (report.accepted === 0 || (problems.length && !o.keepValid)) {
    return { published: false, report, written: [], refused: `rien n'est publié : ${problems.join(', ')}${report.accepted ? ' (--keep-valid publie les lignes valides seules)' : ''}.` };
  }

  const written = [path.join(dir, target), configFile];
  writeOutput(written[0], content);
  writeOutput(configFile, JSON.stringify(raw, null, 2) + '\n');
  const { bundle, problems: buildProblems } = buildZonageBundle(territory.id);
  if (buildProblems.length) throw new PublishError(`les données publiées ne passent pas la construction : ${buildProblems.slice(0, 5).join(' ; ')}`);
  written.push(writeZonageBundle(bundle));
  return { published: true, report, written };
}
