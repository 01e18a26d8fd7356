// npm test: the type check (svelte-check) beside the build and the test run rather than before them. The type
// check keeps one core busy for some 20 s; the unit tests that start meanwhile use the other (a fresh clone's
// `npm test` on 2 cores: about 10 s less). Fails when either fails; the type check reports when it ends.
import { spawn } from 'node:child_process';

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const [check, tests] = await Promise.all([
  run('npm', ['run', '--silent', 'check']),
  run('npm', ['run', '--silent', 'build']).then((code) => (code === 0 ? run('npx', ['vitest', 'run']) : code)),
]);
if (check !== 0) console.error('\nnpm test : la vérification des types (npm run check) a échoué, voir plus haut.');
process.exitCode = check || tests;
