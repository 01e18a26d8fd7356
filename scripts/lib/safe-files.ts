// What the staff tools read and write on disk, checked: only regular files are read (a symbolic link in a
// town hall's zip must not publish /etc/passwd), the staging copy of a territory holds no link to write
// through, and an output never lands on an input or inside the data.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, paths } from './paths.ts';
import { MAX_PHOTO_BYTES, photoProblem } from '../../src/core/offer-batch.ts';

export class UnsafeFileError extends Error {}

const shown = (file: string) => path.relative(process.cwd(), path.resolve(file)) || file;

/**
 * The first symbolic link on the way to `file`, from `base` (included) down; undefined when none. The
 * folders above `base` are the machine's (/tmp may itself be a link) and are not looked at.
 */
export function linkOnPath(file: string, base = path.dirname(path.resolve(file))): string | undefined {
  const full = path.resolve(file);
  const root = path.resolve(base);
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return linkOnPath(full, path.dirname(full));
  let at = root;
  for (const part of ['', ...rel.split(path.sep).filter(Boolean)]) {
    at = part ? path.join(at, part) : at;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(at);
    } catch {
      return undefined; // absent: the caller says so
    }
    if (st.isSymbolicLink()) return at;
  }
  return undefined;
}

/** Throws unless `file` is a regular file reached without any symbolic link from `base`. */
export function assertRegularFile(file: string, base?: string): fs.Stats {
  const link = linkOnPath(file, base);
  if (link) throw new UnsafeFileError(`${shown(file)} : lien symbolique (${shown(link)}) refusé ; seul un fichier ordinaire est lu. Copiez le fichier lui-même.`);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    throw new UnsafeFileError(`fichier introuvable : ${shown(file)}`);
  }
  if (!st.isFile()) throw new UnsafeFileError(`${shown(file)} : ce n'est pas un fichier ordinaire (dossier, périphérique ou tube) ; refusé.`);
  return st;
}

/** Reads a regular file (no link on its way from `base`), at most `maxBytes`; the descriptor is checked too. */
export function readRegularFile(file: string, o: { base?: string; maxBytes?: number } = {}): Buffer {
  assertRegularFile(file, o.base);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new UnsafeFileError(`${shown(file)} : ce n'est pas un fichier ordinaire ; refusé.`);
    if (o.maxBytes !== undefined && st.size > o.maxBytes) throw new UnsafeFileError(`${shown(file)} : ${mo(st.size)}, au-delà de la limite de ${mo(o.maxBytes)} ; refusé.`);
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const mo = (n: number) => `${(n / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** A photo beside an offer file or in the data: a regular file, an image by signature, under the cap. */
export function readPhoto(file: string, base: string): Buffer {
  const bytes = readRegularFile(file, { base, maxBytes: MAX_PHOTO_BYTES });
  const problem = photoProblem(shown(file), bytes);
  if (problem) throw new UnsafeFileError(problem);
  return bytes;
}

/** Every symbolic link under `dir` (lstat, never followed). */
export function linksUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isSymbolicLink()) out.push(full);
      else if (e.isDirectory()) walk(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Throws when a territory's data folder holds a link: staging would keep it and a write would go through it. */
export function assertNoLinks(dir: string): void {
  const links = linksUnder(dir);
  if (links.length) throw new UnsafeFileError(`rien n'est publié : ${links.length > 1 ? `${links.length} liens symboliques` : 'un lien symbolique'} dans ${shown(dir)} (${links.slice(0, 3).map(shown).join(', ')}) ; remplacez-les par les fichiers eux-mêmes.`);
}

const real = (f: string) => {
  try {
    return fs.realpathSync(f);
  } catch {
    // not there yet: its folder's real path and its name
    try {
      return path.join(fs.realpathSync(path.dirname(path.resolve(f))), path.basename(f));
    } catch {
      return path.resolve(f);
    }
  }
};
const inside = (file: string, dir: string) => {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * An output the user names (--rejects, an export) must not be one of the inputs (it would be emptied
 * before being read) nor fall inside data/ or public/. Returns its resolved path.
 */
export function checkOutputPath(out: string, option: string, inputs: string[], protectedDirs = [path.join(ROOT, 'data'), path.join(ROOT, 'public'), paths().dataDir, paths().dataOut]): string {
  const target = real(out);
  for (const i of inputs) if (target === real(i)) throw new UnsafeFileError(`${option} ${out} : c'est aussi un fichier lu par cette commande, il serait vidé avant d'être lu ; choisissez un autre fichier.`);
  for (const d of protectedDirs) if (inside(target, real(d))) throw new UnsafeFileError(`${option} ${out} : dans ${shown(d)}, où seules les publications écrivent ; choisissez un fichier ailleurs.`);
  if (fs.existsSync(target) && !fs.lstatSync(target).isFile()) throw new UnsafeFileError(`${option} ${out} : ce n'est pas un fichier ordinaire.`);
  return target;
}
