// Every environment variable the scripts read, read here and only here, once: folders (inputs, outputs,
// sources in ../shared) and the few switches tests use. Scripts ask `paths()`; a test or a publication's
// staging copy swaps the whole object with `withPaths` instead of editing process.env.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Paths {
  /** The repository (data/ars/schemes.json, data/cog.json…). */
  root: string;
  /** Where relative paths in messages and reports start (the process's working folder). */
  cwd: string;
  /** The chargé de mission's inputs: data/territories, or DATA_DIR (tests publish into a copy). */
  dataDir: string;
  /** The app's public folder. */
  publicDir: string;
  /** Built data for the app: public/data, or DATA_OUT. */
  dataOut: string;
  /** National ARS class tables: public/data/ars, or ARS_OUT. */
  arsOut: string;
  /** ARS zonage exports: ../shared/data/ars-zonages, or ARS_SRC. */
  arsSrc: string;
  /** Geographic contours: ../shared/geo, or GEO_SRC. */
  geoSrc: string;
  /** Simplified contours: public/geo, or GEO_OUT. */
  geoOut: string;
  /** Tile archive folder: public/<tiles dir>, or TILES_OUT (undefined: the build's default). */
  tilesOut: string | undefined;
  /** PUBLISH_FAIL_AT: the publication step where a test makes publishing fail. */
  publishFailAt: string | undefined;
  /** VITE_PHOTO_ORIGINS: origins allowed for offer photos (raw list, parsed by the offers code). */
  photoOrigins: string | undefined;
  /** IMPORT_MEMORY_STATS: print memory use of streamed imports. */
  importMemoryStats: boolean;
  /** PUBLIC_AS_OF: the day public data is cut at (AAAA-MM-JJ; today in Paris when unset). */
  publicAsOf: string | undefined;
}

type Env = Record<string, string | undefined>;

/** The paths for an environment (process.env by default); relative values are resolved from `cwd`. */
export function resolvePaths(env: Env = process.env, cwd = process.cwd()): Paths {
  const dir = (value: string | undefined, fallback: string) => path.resolve(cwd, value ?? fallback);
  const publicDir = path.join(ROOT, 'public');
  return {
    root: ROOT,
    cwd,
    dataDir: dir(env.DATA_DIR, path.join(ROOT, 'data/territories')),
    publicDir,
    dataOut: dir(env.DATA_OUT, path.join(publicDir, 'data')),
    arsOut: dir(env.ARS_OUT, path.join(publicDir, 'data/ars')),
    arsSrc: dir(env.ARS_SRC, path.join(ROOT, '../shared/data/ars-zonages')),
    geoSrc: dir(env.GEO_SRC, path.join(ROOT, '../shared/geo')),
    geoOut: dir(env.GEO_OUT, path.join(publicDir, 'geo')),
    tilesOut: env.TILES_OUT ? path.resolve(cwd, env.TILES_OUT) : undefined,
    publishFailAt: env.PUBLISH_FAIL_AT || undefined,
    photoOrigins: env.VITE_PHOTO_ORIGINS,
    importMemoryStats: !!env.IMPORT_MEMORY_STATS,
    publicAsOf: env.PUBLIC_AS_OF || undefined,
  };
}

let current: Paths | undefined;

/** The paths in effect: resolved from process.env on first use, or those set by `withPaths`. */
export function paths(): Paths {
  return (current ??= resolvePaths());
}

/** Runs `fn` with `p` in effect (sync or async), then restores the previous paths. */
export function withPaths<T>(p: Paths, fn: () => T): T {
  const before = current;
  current = p;
  let result: T;
  try {
    result = fn();
  } catch (e) {
    current = before;
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => (current = before)) as T;
  current = before;
  return result;
}
