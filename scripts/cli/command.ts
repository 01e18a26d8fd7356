// What every CLI command is: its usage line, its options (node:util parseArgs), and `run`, which writes
// JSON on io.stdout and French messages on io.stderr and returns the exit code. Commands never read
// process.env, process.stdout or process.argv: tests call them in process with a captured io and paths.
import fs from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import type { Paths } from '../lib/paths.ts';
import { loadTerritories } from '../lib/inputs.ts';

export interface Writer {
  write(text: string): unknown;
  /** A terminal (progress lines are only drawn there). */
  isTTY?: boolean;
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed command line after the command's name: positionals, and the options' values. */
export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  /** The string options only (boolean flags left out). */
  strings: Record<string, string | undefined>;
}

export interface Command {
  /** One line or a few: how to call it (shown in the command's usage errors and in cli.ts). */
  usage: string;
  options: Options;
  run(args: CliArgs, io: Io, paths: Paths): number | Promise<number>;
}

/** A mistake in the command line or its inputs: « Erreur : … » on stderr, exit code 2. */
export class UsageError extends Error {}

export function territoryOf(id: string | undefined) {
  if (!id) throw new UsageError('option --territory obligatoire (charente-maritime, mauges…).');
  const t = loadTerritories().find((x) => x.id === id);
  if (!t) throw new UsageError(`territoire inconnu « ${id} » ; territoires : ${loadTerritories().map((x) => x.id).join(', ')}.`);
  return t;
}

export function readFile(file: string): Uint8Array {
  if (!fs.existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
  return new Uint8Array(fs.readFileSync(file));
}

export const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
