// history --territory <id>                    the backups kept before each publication (oldest first)
// history restore <backup> --territory <id>   puts a backup's files back and rebuilds the app's data
//   (the files it replaces are themselves backed up first, so a restore can be undone)
import path from 'node:path';
import { HISTORY_DIR, listBackups } from '../lib/history.ts';
import { restoreBackup } from '../lib/commit.ts';
import { PublishError } from '../publish.ts';
import { UsageError, json, territoryOf, type Command } from './command.ts';

export const usage = 'history [restore <sauvegarde>] --territory <id>';

export const options = {
  territory: { type: 'string' },
} as const;

export const run: Command['run'] = ({ positionals: rest, strings: values }, io, paths) => {
  const territory = territoryOf(values.territory);
  const dir = path.join(paths.dataDir, territory.id);
  const shown = path.relative(paths.cwd, path.join(dir, HISTORY_DIR));
  if (rest[0] === 'restore') {
    if (!rest[1]) throw new UsageError(`usage : ${usage} (history --territory ${territory.id} les liste).`);
    let restored;
    try {
      restored = restoreBackup(territory.id, rest[1]);
    } catch (e) {
      if (e instanceof PublishError || /introuvable|verrou|publication est en cours/.test((e as Error).message)) throw new UsageError((e as Error).message);
      throw e;
    }
    const { backup, written } = restored;
    io.stdout.write(json({ restored: backup.id, files: written.map((f) => path.relative(paths.cwd, f)) }));
    io.stderr.write(`sauvegarde du ${backup.date} (${backup.command}) restaurée : ${backup.files.join(', ')}${backup.created.length ? ` ; fichiers créés par cette publication laissés en place : ${backup.created.join(', ')}` : ''}.\n`);
    return 0;
  }
  if (rest.length) throw new UsageError(`sous-commande inconnue « ${rest[0]} » (restore).`);
  const backups = listBackups(dir);
  io.stdout.write(json(backups));
  io.stderr.write(backups.length ? `${backups.length} sauvegarde${backups.length > 1 ? 's' : ''} dans ${shown}.\n` : `aucune sauvegarde dans ${shown}.\n`);
  return 0;
};

export const command: Command = { usage, options, run };
