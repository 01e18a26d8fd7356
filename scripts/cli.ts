// npm run --silent cli -- <command> … — JSON on stdout, French messages on stderr, for scripts and checks.
// One module per command in scripts/cli/ (its usage, options and run); this file only dispatches.
// Adding a command: write scripts/cli/<name>.ts exporting `command: Command`, add one line to `commands`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { UsageError, type CliArgs, type Command, type Io, type Options } from './cli/command.ts';
import { paths as currentPaths, withPaths, type Paths } from './lib/paths.ts';
import { command as importCommand } from './cli/import.ts';
import { command as zonages } from './cli/zonages.ts';
import { command as zonage } from './cli/zonage.ts';
import { command as aides } from './cli/aides.ts';
import { command as movements } from './cli/movements.ts';
import { command as offers } from './cli/offers.ts';
import { command as publish } from './cli/publish.ts';
import { command as suivi } from './cli/suivi.ts';
import { command as history } from './cli/history.ts';

export const commands: Record<string, Command> = {
  import: importCommand,
  zonages,
  zonage,
  aides,
  movements,
  offers,
  publish,
  suivi,
  history,
};

/** Every command's options together: an option meant for another command is accepted and ignored, as before. */
function allOptions(): Options {
  const all: Options = {};
  for (const c of Object.values(commands)) Object.assign(all, c.options);
  return all;
}

/**
 * Parses `argv` (after `cli.ts`), runs the command with `paths` in effect, returns the exit code:
 * a usage error or any failure is « Erreur : … » on stderr and code 2. Tests call it in process.
 */
export async function runCli(argv: string[], io: Io, paths: Paths = currentPaths()): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: allOptions() });
    const [name, ...rest] = positionals;
    const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      const names = Object.keys(commands);
      throw new UsageError(`commande inconnue « ${name ?? ''} » : ${names.slice(0, -1).join(', ')} ou ${names.at(-1)}.`);
    }
    const strings = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as Record<string, string | undefined>;
    return await withPaths(paths, () => command.run({ positionals: rest, values: values as CliArgs['values'], strings }, io, paths));
  } catch (e) {
    io.stderr.write(`Erreur : ${(e as Error).message}\n`);
    return 2;
  }
}

// Run only as a program (npx tsx scripts/cli.ts …), never on import.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), process).then((code) => (process.exitCode = code));
}
