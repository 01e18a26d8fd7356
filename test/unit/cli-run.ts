// Runs a CLI command in this process, as `npx tsx scripts/cli.ts …` would: same parsing, same exit code,
// stdout and stderr captured. `env` sets the variables scripts/lib/paths.ts reads (DATA_DIR, DATA_OUT…),
// so a test points the command at a temporary copy of the data without touching process.env.
// `spawnCli` keeps a real process for the few tests that check the program itself (entry, exit code).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../scripts/cli.ts';
import { resolvePaths } from '../../scripts/lib/paths.ts';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export async function cli(...args: string[]): Promise<CliResult> {
  return cliWith({}, ...args);
}

export async function cliWith(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(args, io, resolvePaths({ ...process.env, ...env }));
  return { code, out, err };
}

/** The CLI as a program: a tsx process of its own (slow to start; keep these few). */
export function spawnCli(env: Record<string, string>, ...args: string[]): CliResult {
  const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A temporary copy of data/territories (and public/data when asked), and the env pointing at it. */
export function dataCopy(prefix: string, withPublic = false) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync('data/territories', path.join(tmp, 'territories'), { recursive: true });
  if (withPublic) fs.cpSync('public/data', path.join(tmp, 'public'), { recursive: true });
  return { tmp, env: { DATA_DIR: path.join(tmp, 'territories'), DATA_OUT: path.join(tmp, 'public') } };
}
