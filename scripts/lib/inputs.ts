// Inputs shared by the build scripts: the COG as shipped by the pinned package, and the territories.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Cog, type CogCommune, type CogEpci } from '../../src/core/communes.ts';
import { parseTerritories, type Territory } from '../../src/core/territory.ts';
import { parseZonageConfig, type ZonageConfig } from '../../src/core/zonage/config.ts';
import type { ArsSchemes } from '../../src/core/ars/schemes.ts';
import { parseArsSchemes } from '../../src/core/ars/schemes-schema.ts';
import { isIsoDate, parisToday } from '../../src/core/dates.ts';

import { ROOT, paths } from './paths.ts';

export { ROOT };
const require = createRequire(import.meta.url);

export interface CogInfo {
  package: string;
  version: string;
  edition: string;
}

/** The COG edition declared in data/cog.json, checked against the installed package version. */
export function cogInfo(): CogInfo {
  const declared = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/cog.json'), 'utf8')) as CogInfo;
  const installed = (require(`${declared.package}/package.json`) as { version: string }).version;
  if (installed !== declared.version) {
    throw new Error(
      `data/cog.json déclare ${declared.package} ${declared.version} (${declared.edition}) mais la version installée est ${installed} : mettez à jour l'édition du COG dans data/cog.json.`,
    );
  }
  return { package: declared.package, version: declared.version, edition: declared.edition };
}

let cog: Cog | undefined;

/** The COG index, built once per process (scripts and the CLI ask for it several times). */
export function loadCog(): Cog {
  if (cog) return cog;
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
  const epci = require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[];
  return (cog = new Cog(communes, epci));
}

/** Where the chargé de mission's inputs live: data/territories, or DATA_DIR (tests publish into a copy). */
export function dataDir(): string {
  return paths().dataDir;
}

export function loadTerritories(dir = dataDir()): Territory[] {
  const entries = fs
    .readdirSync(dir)
    .sort()
    .filter((d) => fs.existsSync(path.join(dir, d, 'territory.json')))
    .map((d): [string, unknown] => {
      const file = path.join(dir, d, 'territory.json');
      return [path.relative(process.cwd(), file), JSON.parse(fs.readFileSync(file, 'utf8'))];
    });
  return parseTerritories(entries);
}

/** Writes a file only when its bytes change, creating folders; returns the bytes written. */
export function writeOutput(file: string, content: string | Buffer): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file) || !fs.readFileSync(file).equals(bytes)) fs.writeFileSync(file, bytes);
  return bytes;
}

export function loadZonageConfig(territory: string): ZonageConfig {
  const file = path.join(dataDir(), territory, 'zonage.json');
  return parseZonageConfig(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(process.cwd(), file), loadArsSchemes());
}

/** The ARS schemes: class scales as written in the ARS files, per profession (data/ars/schemes.json). */
export function loadArsSchemes(): ArsSchemes {
  return parseArsSchemes(JSON.parse(fs.readFileSync(path.join(ROOT, 'data/ars/schemes.json'), 'utf8')), 'data/ars/schemes.json');
}

/**
 * The day the public data is cut at (movements and dates after it are not published): PUBLIC_AS_OF
 * (AAAA-MM-JJ, for a reproducible build or a test) or today in Paris.
 */
export function publicAsOf(): string {
  const v = paths().publicAsOf;
  if (v === undefined) return parisToday();
  if (!isIsoDate(v)) throw new Error(`PUBLIC_AS_OF « ${v} » n'est pas une date AAAA-MM-JJ.`);
  return v;
}

/** Where the national ARS class tables are written and read (npm run build:ars). */
export const arsOut = () => paths().arsOut;

/** Where the indicator tables are written and read (npm run build:indicators). */
export const indicatorsOut = () => paths().indicatorsOut;
/** The national DataSanté file's dated lists and territoires de vie-santé, once published (data/ars/listes, or ARS_LISTS). */
export const arsListsDir = () => paths().arsLists;
