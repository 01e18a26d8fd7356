// import <zonage|medecins|pharmacies> <file> --territory <id> [--year Y] [--profession P] [--rejects FILE]
// The import report as JSON (exact counts, first rejections, file errors apart); nothing is published.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, type ImportReport } from '../../src/core/import/index.ts';
import { importSummary } from '../../src/core/import/summary.ts';
import { importSink, isImportKind } from '../../src/core/publication.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { schemeFor } from '../../src/core/zonage/config.ts';
import { RejectsFile, streamFile } from '../lib/stream-import.ts';
import { loadCog, loadZonageConfig } from '../lib/inputs.ts';
import { UsageError, json, territoryOf, type Command } from './command.ts';

export const usage = 'import <zonage|medecins|pharmacies> <fichier> --territory <id> [--year AAAA] [--profession P] [--rejects FICHIER]';

export const options = {
  territory: { type: 'string' },
  year: { type: 'string' },
  profession: { type: 'string' },
  rejects: { type: 'string' },
} as const;

/** The report as the import command prints it: exact counts, first rejections, file errors apart. */
export function reportJson(report: ImportReport<unknown>) {
  return {
    format: report.format,
    read: report.read,
    accepted: report.accepted,
    rejectedCount: report.rejectedCount,
    ignored: report.ignored,
    unread: report.unread,
    fileErrors: report.fileErrors,
    encoding: report.encoding,
    separator: report.separator,
    rejected: report.rejected,
    warningCount: report.warningCount,
    warnings: report.warnings,
  };
}

export const summary = (name: string, r: ImportReport<unknown>) => `${importSummary(name, r)}\n`;

export const run: Command['run'] = async ({ positionals: [kind, file], strings: values }, io) => {
  if (!kind || !file) throw new UsageError('usage : import <zonage|medecins|pharmacies> <fichier> --territory <id> [--rejects FICHIER]');
  const territory = territoryOf(values.territory);
  const communes = territoryCommunes(loadCog(), territory);
  const resolve = communeResolver(communes);
  if (!fs.existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
  const name = path.basename(file);
  if (!isImportKind(kind)) throw new UsageError(`type d'import inconnu « ${kind} » (zonage, medecins ou pharmacies).`);
  const config = loadZonageConfig(territory.id);
  const year = values.year ? Number(values.year) : undefined;
  const profession = values.profession ?? config.years.find((y) => y.year === year)?.profession ?? config.schemes[0].professions[0];
  if (kind === 'zonage' && !schemeFor(config, profession)) throw new UsageError(`aucun zonage pour la profession « ${profession} » dans ${territory.name}.`);
  // Checked before anything is read: never the input itself, never inside data/ or public/.
  const rejects = values.rejects ? new RejectsFile(values.rejects, [file]) : undefined;
  // Only the counts are printed: the kept rows are not held (memory stays bounded by the file's chunks).
  const sink = importSink(kind, name, { communes, schemes: config.schemes, profession, resolve }, { onReject: rejects?.sink(name), keepRows: kind === 'zonage' });
  const report = await streamFile(file, sink, io.stderr);
  rejects?.close();
  io.stdout.write(json(reportJson(report)));
  io.stderr.write(summary(name, report));
  for (const e of report.fileErrors) io.stderr.write(`erreur de fichier : ${e}\n`);
  if (report.rejectedCount > report.rejected.length && !rejects) io.stderr.write(`Le rapport liste les ${report.rejected.length} premières lignes rejetées ; --rejects FICHIER les écrit toutes.\n`);
  return report.rejectedCount || report.fileErrors.length ? 1 : 0;
};

export const command: Command = { usage, options, run };
