// publish <zonage|medecins|pharmacies> <file> --territory <id> [--year Y --profession P
//         --valid-from D --valid-until D] [--source TEXT] [--keep-valid]
// publish zonage <file> --territory <id> --scheme ars-<profession> --year Y --valid-from D --source TEXT
//         [--valid-until D] [--format cartosante|nom-code-postal|projet] [--keep-valid]
//         (a newer ARS list, from its date; the format is read from the first line when not given:
//         « CartoSanté; ; » banner, a postal code + commune name + class header, or code_insee,zone)
// [--replace] a year already published, [--force] a file that looks implausible (another kind, a register
// that shrinks by half or loses end dates), [--any-year] a year outside 2000–2100; every replaced file is
// first saved in data/territories/<id>/.historique/ (cli history).
// A failed publication changes nothing (scripts/publish.ts).
import path from 'node:path';
import { count } from '../../src/core/format.ts';
import { isArsScheme } from '../../src/core/ars/schemes.ts';
import { arreteListSummary } from '../../src/core/ars/arrete-list.ts';
import type { Paths } from '../lib/paths.ts';
import { PublishError, publish, publishArsList, type PublishKind } from '../publish.ts';
import { UsageError, json, type CliArgs, type Command, type Io } from './command.ts';

export const usage =
  'publish <zonage|medecins|pharmacies> <fichier> --territory <id> [--year AAAA] ; nouvelle liste ARS : publish zonage <fichier> --territory <id> --scheme ars-<profession> --year AAAA --valid-from AAAA-MM-JJ --source « arrêté du … » [--valid-until AAAA-MM-JJ] [--format cartosante|nom-code-postal|projet, reconnu sur la première ligne sinon] [--keep-valid] [--replace] [--force] [--any-year]';

export const options = {
  territory: { type: 'string' },
  year: { type: 'string' },
  profession: { type: 'string' },
  scheme: { type: 'string' },
  'valid-from': { type: 'string' },
  'valid-until': { type: 'string' },
  source: { type: 'string' },
  'keep-valid': { type: 'boolean' },
  replace: { type: 'boolean' },
  force: { type: 'boolean' },
  'any-year': { type: 'boolean' },
  format: { type: 'string' },
} as const;

type Str = (k: string) => string | undefined;

/** A publication's refusal (PublishError) is a usage error: its message, no stack. */
async function publishing<T>(publication: () => Promise<T>): Promise<T> {
  try {
    return await publication();
  } catch (e) {
    if (e instanceof PublishError) throw new UsageError(e.message);
    throw e;
  }
}

/** What both publications print first: published or not, the files written, the rows counted. */
const counted = (result: { published: boolean; written: string[]; report: { read: number; accepted: number; rejectedCount: number } }, paths: Paths) => ({
  published: result.published,
  files: result.written.map((f) => path.relative(paths.cwd, f)),
  read: result.report.read,
  accepted: result.report.accepted,
  rejectedCount: result.report.rejectedCount,
});

export const run: Command['run'] = async ({ positionals: [kind, file], values }, io, paths) => {
  if (!kind || !file) throw new UsageError(`usage : ${usage}`);
  const str: Str = (k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (!str('territory')) throw new UsageError('option --territory obligatoire (charente-maritime, mauges…).');
  if (str('year') !== undefined && !/^\d{4}$/.test(str('year')!)) throw new UsageError(`année « ${str('year')} » invalide (AAAA).`);
  const scheme = str('scheme');
  if (kind === 'zonage' && scheme && isArsScheme(scheme)) return await runPublishArs(file, str, values, io, paths);
  if (str('format')) throw new UsageError('--format ne sert qu\'aux listes ARS (--scheme ars-<profession>).');
  const result = await publishing(() =>
    publish({
      territory: str('territory')!,
      kind: kind as PublishKind,
      file,
      year: str('year') ? Number(str('year')) : undefined,
      profession: str('profession'),
      scheme,
      validFrom: str('valid-from'),
      validUntil: str('valid-until'),
      source: str('source'),
      keepValid: values['keep-valid'] === true,
      replace: values.replace === true,
      force: values.force === true,
      anyYear: values['any-year'] === true,
    }),
  );
  const { report } = result;
  const out = {
    ...counted(result, paths),
    fileErrors: report.fileErrors,
    rejected: report.rejected,
    warnings: report.warnings,
  };
  io.stdout.write(json(out));
  if (result.refused) io.stderr.write(`${path.basename(file)} : ${result.refused}\n`);
  else io.stderr.write(`${path.basename(file)} : publié (${count(report.accepted, 'ligne', 'lignes')}) → ${out.files.join(', ')}\n`);
  return result.published && !report.rejectedCount ? 0 : 1;
};

/** A newer ARS list: what was counted (read = accepted + rejected + ignored), then published or why not. */
async function runPublishArs(file: string, str: Str, flags: CliArgs['values'], io: Io, paths: Paths): Promise<number> {
  const result = await publishing(() =>
    publishArsList({
      territory: str('territory')!,
      file,
      scheme: str('scheme')!,
      profession: str('profession'),
      year: str('year') ? Number(str('year')) : undefined,
      validFrom: str('valid-from'),
      validUntil: str('valid-until'),
      source: str('source'),
      format: str('format'),
      keepValid: flags['keep-valid'] === true,
      replace: flags.replace === true,
      anyYear: flags['any-year'] === true,
    }),
  );
  const { report } = result;
  const classes: Record<string, number> = {};
  for (const c of report.classes.values()) classes[c] = (classes[c] ?? 0) + 1;
  const { published, files, ...counts } = counted(result, paths);
  const out = {
    published,
    files,
    format: report.format,
    ...counts,
    ignored: report.ignored,
    fileErrors: report.fileErrors,
    rejected: report.rejected,
    warnings: report.warnings,
    missing: report.missing,
    communesPerClass: classes,
    year: result.entry ?? null,
  };
  io.stdout.write(json(out));
  const name = path.basename(file);
  io.stderr.write(`${arreteListSummary(name, report)}\n`);
  for (const e of report.fileErrors) io.stderr.write(`erreur de fichier : ${e}\n`);
  for (const n of result.notes) io.stderr.write(`note : ${n}\n`);
  if (result.refused) io.stderr.write(`${name} : ${result.refused}\n`);
  else io.stderr.write(`${name} : publié, ${count(report.classes.size, 'commune classée', 'communes classées')} à partir du ${result.entry!.validFrom} → ${out.files.join(', ')}\n`);
  return result.published && !report.rejectedCount ? 0 : 1;
}

export const command: Command = { usage, options, run };
