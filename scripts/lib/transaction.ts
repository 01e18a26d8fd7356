// Publishing replaces several files together (a normalized data file, zonage.json, the app's JSON…).
// The new state is built and validated in a temporary copy first; then each new file is written beside
// its target and renamed over it. Any failure, at any step, restores every target byte for byte.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertNoLinks } from './safe-files.ts';
import { paths, withPaths } from './paths.ts';

/** Kept out of the staging copy: the backups and the lock are not data the build reads. */
export const STAGE_SKIPPED = ['.historique', '.publication.lock'];

/** Steps where a test can make publishing fail (PUBLISH_FAIL_AT or the failAt option). */
export type FailPoint = string | undefined;

export class InjectedFailure extends Error {}

/** Throws at `step` when asked to: how the tests prove that a failure anywhere leaves data/ intact. */
export function failPoint(failAt: FailPoint, step: string): void {
  if (failAt === step) throw new InjectedFailure(`échec simulé à l'étape « ${step} ».`);
}

/** A temporary copy of one territory's data folder, where the new state is written and built. */
export function stageTerritory(dataDir: string, territory: string): { root: string; dir: string; dispose: () => void } {
  // A link would be copied as a link and the staged write would go through it into the real file.
  assertNoLinks(path.join(dataDir, territory));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'publication-'));
  const dir = path.join(root, territory);
  const skip = new Set(STAGE_SKIPPED.map((n) => path.join(dataDir, territory, n)));
  fs.cpSync(path.join(dataDir, territory), dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !skip.has(src) });
  return { root, dir, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Runs `fn` with the data folder at `dir` (the build steps read their inputs through paths()). */
export function withDataDir<T>(dir: string, fn: () => T): T {
  return withPaths({ ...paths(), dataDir: path.resolve(dir) }, fn);
}

/**
 * Replaces files together: every new content is written to `<target>.publication.tmp`, then renamed over
 * its target; if anything fails, targets already replaced get their original bytes back (or are removed
 * if they did not exist) and temporary files are deleted. Unchanged files are left alone.
 */
export function replaceFiles(files: Array<{ target: string; content: string | Buffer }>, failAt?: FailPoint): string[] {
  const changes = files
    .map((f) => ({ target: f.target, bytes: typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content }))
    .filter((f) => !fs.existsSync(f.target) || !fs.readFileSync(f.target).equals(f.bytes));
  const originals = changes.map((f) => (fs.existsSync(f.target) ? fs.readFileSync(f.target) : null));
  const temps: string[] = [];
  const createdDirs: string[] = [];
  let done = 0;
  try {
    for (const f of changes) {
      const dir = path.dirname(f.target);
      if (!fs.existsSync(dir)) {
        createdDirs.push(firstMissing(dir));
        fs.mkdirSync(dir, { recursive: true });
      }
      const temp = `${f.target}.publication.tmp`;
      fs.writeFileSync(temp, f.bytes);
      temps.push(temp);
      failPoint(failAt, `write:${temps.length}`);
    }
    for (const [i, f] of changes.entries()) {
      failPoint(failAt, `rename:${i + 1}`);
      fs.renameSync(temps[i], f.target);
      done++;
    }
  } catch (e) {
    for (let i = 0; i < done; i++) {
      const o = originals[i];
      if (o) fs.writeFileSync(changes[i].target, o);
      else fs.rmSync(changes[i].target, { force: true });
    }
    for (const t of temps) fs.rmSync(t, { force: true });
    for (const d of createdDirs.reverse()) fs.rmSync(d, { recursive: true, force: true });
    throw e;
  }
  return changes.map((f) => f.target);
}

/** The topmost folder of `dir` that does not exist yet (removed on rollback). */
function firstMissing(dir: string): string {
  let d = dir;
  while (!fs.existsSync(path.dirname(d))) d = path.dirname(d);
  return d;
}
