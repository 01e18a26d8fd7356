// One publication at a time per territory: each one reads zonage.json, imports, then rewrites it, so two
// at once would each write what they read and one would be lost. The lock is a file created exclusively
// (O_EXCL) in the territory's folder, holding its owner; a lock whose process is gone, or older than
// STALE_MS, is taken over with a note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_NAME = '.publication.lock';
/** No publication lasts this long: an older lock was left by a process that died on another machine. */
export const STALE_MS = 60 * 60 * 1000;

export class LockedError extends Error {}

interface Owner {
  pid: number;
  host: string;
  started: string;
  command: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Why a lock may be taken over, or undefined when its owner may still be working. */
function staleness(owner: Owner | undefined, mtimeMs: number, now: number): string | undefined {
  if (!owner) return 'fichier de verrou illisible';
  if (now - mtimeMs > STALE_MS) return `posé le ${owner.started}, il y a plus d'une heure`;
  if (owner.host === os.hostname() && !alive(owner.pid)) return `le processus ${owner.pid} n'existe plus`;
  return undefined;
}

/** Takes the territory's lock; returns its release. Throws a French message naming the owner when held. */
export function acquireLock(dir: string, command: string, note: (text: string) => void = (t) => process.stderr.write(`note : ${t}\n`)): () => void {
  const file = path.join(dir, LOCK_NAME);
  const me: Owner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(me) + '\n');
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock is removed (a stale-lock takeover by another process replaced it).
        try {
          if ((JSON.parse(fs.readFileSync(file, 'utf8')) as Owner).started === me.started) fs.rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner: Owner | undefined;
    let mtime = Date.now();
    try {
      mtime = fs.statSync(file).mtimeMs;
      owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Owner;
    } catch {
      /* unreadable: stale */
    }
    const stale = staleness(owner, mtime, Date.now());
    if (!stale) {
      const since = owner ? new Date(owner.started).toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' }) : '?';
      throw new LockedError(
        `une autre publication est en cours pour ce territoire (« ${owner?.command} », processus ${owner?.pid} sur ${owner?.host}, depuis ${since}) : rien n'est publié. Relancez quand elle sera finie ; si elle a été interrompue, supprimez ${path.relative(process.cwd(), file)}.`,
      );
    }
    note(`verrou de publication abandonné repris (${stale}) : ${path.relative(process.cwd(), file)}.`);
    fs.rmSync(file, { force: true });
  }
  throw new LockedError(`le verrou ${path.relative(process.cwd(), file)} n'a pas pu être pris ; réessayez.`);
}

/** Runs `fn` holding the territory's lock. */
export async function withLock<T>(dir: string, command: string, fn: () => Promise<T> | T): Promise<T> {
  const release = acquireLock(dir, command);
  try {
    return await fn();
  } finally {
    release();
  }
}
