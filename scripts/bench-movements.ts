// Part of npm run bench (run in its own process, so that its peak memory is its own): the difference
// between two national-size RPPS-like extractions (~250,000 rows each), as `cli movements` computes it.
// The second extraction drops 3 % of the activities, adds 3 % new ones, moves 1 % to another commune and
// switches 1 % between libéral and salarié.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Cog, type CogCommune, type CogEpci } from '../src/core/communes.ts';
import { communeResolver, importPractitioners } from '../src/core/csv-import.ts';
import { diffSnapshots } from '../src/core/movements.ts';
import { RPPS_HEADER, rppsLine } from './bench-import.ts';

const require = createRequire(import.meta.url);
const ROWS = Number(process.env.BENCH_ROWS ?? 250_000);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} Mo`;

export function benchMovements(): void {
  const cog = new Cog(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[], require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[]);
  const current = [...cog.current.values()].map((c) => cog.describe(c));
  const codes = current.map((c) => c.code).filter((c) => /^\d{5}$/.test(c) && !c.startsWith('97'));
  const resolve = communeResolver(current);
  const codeOf = (i: number) => codes[(i * 7919) % codes.length];
  const before = [RPPS_HEADER];
  const after = [RPPS_HEADER];
  for (let i = 0; i < ROWS; i++) {
    const liberal = i % 5 !== 0;
    before.push(rppsLine(i, codeOf(i), liberal));
    if (i % 100 < 3) continue; // gone
    if (i % 100 === 3) after.push(rppsLine(i, codeOf(i + 1), liberal)); // moved
    else if (i % 100 === 4) after.push(rppsLine(i, codeOf(i), !liberal)); // mode change
    else after.push(rppsLine(i, codeOf(i), liberal));
  }
  for (let i = ROWS; i < ROWS + Math.round(ROWS * 0.03); i++) after.push(rppsLine(i, codeOf(i), true)); // new
  const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');
  const a = encode(before);
  const b = encode(after);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const from = importPractitioners('rpps-2026-01.txt', a, { resolve });
  const to = importPractitioners('rpps-2026-07.txt', b, { resolve });
  const t1 = performance.now();
  const diff = diffSnapshots({ rows: from.rows, date: '2026-01-01', file: 'a' }, { rows: to.rows, date: '2026-07-01', file: 'b' });
  const t2 = performance.now();
  const peak = process.resourceUsage().maxRSS * 1024;
  const count = (t: string) => diff.movements.filter((m) => m.type === t).length;
  console.log('\n## Mouvements : différence de deux extractions nationales (RPPS-like)');
  console.log(`extractions : ${from.read} lignes (${mb(a.length)}) puis ${to.read} lignes (${mb(b.length)}) ; retenues ${from.accepted} et ${to.accepted} (médecins généralistes, dentistes, infirmiers, kinés)`);
  console.log(`lecture des deux fichiers : ${(t1 - t0).toFixed(0)} ms ; différence : ${(t2 - t1).toFixed(0)} ms`);
  console.log(`mouvements : ${count('installation')} installations, ${count('cessation')} cessations`);
  console.log(`mémoire (RSS) : ${mb(rss0)} avant la lecture, pic du processus ${mb(peak)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) benchMovements();
