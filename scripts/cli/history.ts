// history --territory <id>                  the backups kept before each publication (newest last)
// history restore <id> --territory <id>     puts a backup's files back and rebuilds the app's data
//   (the files it replaces are themselves backed up first, so a restore can be undone)
import path from 'node:path';
import { listBackups, HISTORY_DIR } from '../lib/history.ts';
import { restoreBackup } from '../lib/commit.ts';
import { dataDir, loadTerritories } from '../lib/inputs.ts';

/** Runs the command; returns the exit code (2 for a usage error, written on stderr). */
export function runHistory(rest: string[], values: Record<string, string | undefined>): number {
  try {
    const id = values.territory;
    if (!id) throw new Error('option --territory obligatoire (charente-maritime, mauges…).');
    if (!loadTerritories().some((t) => t.id === id)) throw new Error(`territoire inconnu « ${id} ».`);
    const dir = path.join(dataDir(), id);
    if (rest[0] === 'restore') {
      if (!rest[1]) throw new Error('usage : history restore <sauvegarde> --territory <id> (history --territory <id> les liste).');
      const { backup, written } = restoreBackup(id, rest[1]);
      process.stdout.write(JSON.stringify({ restored: backup.id, files: written.map((f) => path.relative(process.cwd(), f)) }, null, 2) + '\n');
      process.stderr.write(`sauvegarde du ${backup.date} (${backup.command}) restaurée : ${backup.files.join(', ')}${backup.created.length ? ` ; fichiers créés par cette publication laissés en place : ${backup.created.join(', ')}` : ''}.\n`);
      return 0;
    }
    if (rest.length) throw new Error(`sous-commande inconnue « ${rest[0]} » (restore).`);
    const backups = listBackups(dir);
    process.stdout.write(JSON.stringify(backups, null, 2) + '\n');
    process.stderr.write(backups.length ? `${backups.length} sauvegarde${backups.length > 1 ? 's' : ''} dans ${path.relative(process.cwd(), path.join(dir, HISTORY_DIR))}.\n` : `aucune sauvegarde dans ${path.relative(process.cwd(), path.join(dir, HISTORY_DIR))}.\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`Erreur : ${(e as Error).message}\n`);
    return 2;
  }
}
