// Steps shared by every publication: the input checked, the files read kept to check nothing changed
// them meanwhile, the new state staged and built, then the real files replaced together after a backup
// of those they replace (.historique/); and the restore of such a backup.
import fs from 'node:fs';
import path from 'node:path';
import { buildZonageBundle, dataOut } from '../build-zonage.ts';
import { buildOffers } from '../build-offers.ts';
import { dataDir, publicAsOf, writeOutput } from './inputs.ts';
import { publicBundle } from '../../src/core/zonage/public-bundle.ts';
import { failPoint, replaceFiles, stageTerritory, withDataDir, type FailPoint } from './transaction.ts';
import { assertRegularFile } from './safe-files.ts';
import { backupContents, backupFiles, type Backup } from './history.ts';
import { acquireLock } from './lock.ts';

export class PublishError extends Error {}

/** The file to publish: a regular file, no symbolic link (a message in French otherwise). */
export function checkInput(file: string): void {
  try {
    assertRegularFile(file);
  } catch (e) {
    throw new PublishError((e as Error).message);
  }
}

/** The first 64 KB of a file: enough for its header line. */
export function readHead(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    return new Uint8Array(buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of the files a publication reads (null when absent), to check nothing changed them meanwhile. */
export function readState(files: string[]): Map<string, Buffer | null> {
  return new Map(files.map((f) => [f, fs.existsSync(f) ? fs.readFileSync(f) : null]));
}

export function assertUnchanged(read: Map<string, Buffer | null>): void {
  for (const [f, bytes] of read) {
    const now = fs.existsSync(f) ? fs.readFileSync(f) : null;
    if (now === null ? bytes !== null : bytes === null || !now.equals(bytes)) {
      throw new PublishError(`rien n'est publié : ${path.relative(process.cwd(), f)} a changé pendant la publication (modifié à la main ?) ; relancez-la.`);
    }
  }
}

/**
 * Replaces the data files (each saved first in .historique/) and the built files together; the backup
 * is dropped if the replacement fails, since nothing then changed.
 */
export function replaceWithBackup(dir: string, data: Array<{ target: string; content: string | Buffer }>, built: Array<{ target: string; content: string | Buffer }>, failAt: FailPoint, command: string): string[] {
  const same = (d: { target: string; content: string | Buffer }) => fs.existsSync(d.target) && fs.readFileSync(d.target).equals(typeof d.content === 'string' ? Buffer.from(d.content) : d.content);
  const changed = data.filter((d) => !same(d));
  if (!changed.length) return replaceFiles([...data, ...built], failAt);
  const { discard } = backupFiles(dir, changed.map((d) => d.target), command);
  try {
    return replaceFiles([...data, ...built], failAt);
  } catch (e) {
    discard();
    throw e;
  }
}

/**
 * Steps 2 and 3 of every zonage publication: the whole new state written and built in a temporary copy
 * of the territory's data (a build problem refuses it), then the real files and the app's zonage.json
 * replaced together. Returns the files changed.
 */
export function commitZonage(territoryId: string, files: Array<{ file: string; content: string | Buffer }>, failAt: FailPoint, read: Map<string, Buffer | null>, command: string): string[] {
  const dir = path.join(dataDir(), territoryId);
  const stage = stageTerritory(dataDir(), territoryId);
  try {
    failPoint(failAt, 'stage');
    for (const f of files) writeOutput(path.join(stage.dir, f.file), f.content);
    failPoint(failAt, 'write');
    const built = withDataDir(stage.root, () => buildZonageBundle(territoryId));
    failPoint(failAt, 'build');
    if (built.problems.length) throw new PublishError(`rien n'est publié : les données ne passent pas la construction : ${built.problems.slice(0, 5).join(' ; ')}`);
    // Only now are the real files replaced, together.
    const bundleFile = path.join(dataOut(), territoryId, 'zonage.json');
    assertUnchanged(read);
    const targets = files.map((f) => ({ target: path.join(dir, f.file), content: f.content }));
    return replaceWithBackup(dir, targets, [{ target: bundleFile, content: JSON.stringify(publicBundle(built.bundle, publicAsOf())) + '\n' }], failAt, command);
  } finally {
    stage.dispose();
  }
}


/**
 * Puts back the files of a backup (itself saved first, so a restore can be undone), rebuilding the app's
 * zonage.json and offres.json from them, atomically like a publication.
 */
export function restoreBackup(territoryId: string, id: string): { backup: Backup; written: string[] } {
  const dir = path.join(dataDir(), territoryId);
  const release = acquireLock(dir, `history restore ${id}`);
  try {
    const { backup, files } = backupContents(dir, id);
    const stage = stageTerritory(dataDir(), territoryId);
    try {
      for (const f of files) writeOutput(path.join(stage.dir, f.file), f.content);
      const zonage = withDataDir(stage.root, () => buildZonageBundle(territoryId));
      const offers = withDataDir(stage.root, () => buildOffers(territoryId));
      const problems = [...zonage.problems, ...offers.problems];
      if (problems.length) throw new PublishError(`rien n'est restauré : la sauvegarde ne passe pas la construction : ${problems.slice(0, 5).join(' ; ')}`);
      const out = path.join(dataOut(), territoryId);
      const built = [
        { target: path.join(out, 'zonage.json'), content: JSON.stringify(publicBundle(zonage.bundle, publicAsOf())) + '\n' },
        { target: path.join(out, 'offres.json'), content: JSON.stringify({ territory: territoryId, offers: offers.offers }) + '\n' },
      ];
      const written = replaceWithBackup(dir, files.map((f) => ({ target: path.join(dir, f.file), content: f.content })), built, undefined, `history restore ${id}`);
      return { backup, written };
    } finally {
      stage.dispose();
    }
  } finally {
    release();
  }
}
