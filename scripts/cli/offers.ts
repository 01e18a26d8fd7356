// offers check <file…> --territory <id> [--replace]    offers accept <file…> --territory <id> [--replace]
// Offers sent by town halls: `check` reports on each file; `accept` runs the same checks, then writes the
// valid ones into data/territories/<id>/offres/ and rebuilds public/data/<id>/offres.json, atomically.
// Nothing is written when a file is invalid, shares its id with another of the batch or would replace
// an offer (without --replace).
import path from 'node:path';
import { count } from '../../src/core/format.ts';
import { PublishError, acceptOffers, checkOffers } from '../publish.ts';
import { UsageError, json, territoryOf, type Command } from './command.ts';

export const usage = 'offers <check|accept> <fichier.json…> --territory <id> [--replace]';

export const options = {
  territory: { type: 'string' },
  replace: { type: 'boolean' },
} as const;

export const run: Command['run'] = ({ positionals: [action, ...files], values, strings }, io, paths) => {
  if (action !== 'check' && action !== 'accept') throw new UsageError(`usage : ${usage.replace(' [--replace]', '')}`);
  if (!files.length) throw new UsageError('au moins un fichier d\'offre.');
  const territory = territoryOf(strings.territory);
  const replace = !!values.replace;
  let result;
  try {
    result = action === 'check' ? { ...checkOffers(territory.id, files, replace), written: [], published: 0 } : acceptOffers(territory.id, files, { replace });
  } catch (e) {
    if (e instanceof PublishError) throw new UsageError(e.message);
    throw e;
  }
  const { report } = result;
  io.stdout.write(json(report));
  for (const r of report) io.stderr.write(r.valid ? `${r.file} : offre « ${r.id} » valide.\n` : `${r.file} :\n- ${r.problems.join('\n- ')}\n`);
  if (report.some((r) => !r.valid)) {
    if (action === 'accept') io.stderr.write('Rien n\'est écrit : corrigez les fichiers signalés.\n');
    return 1;
  }
  if (action === 'accept') {
    io.stderr.write(`${count(report.length, 'offre ajoutée', 'offres ajoutées')} à ${path.relative(paths.cwd, path.join(paths.dataDir, territory.id, 'offres'))} ; ${count(result.published, 'offre publiée', 'offres publiées')} dans public/data/${territory.id}/offres.json.\n`);
  }
  return 0;
};

export const command: Command = { usage, options, run };
