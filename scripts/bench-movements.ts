// Part of npm run bench: `cli movements` comparing two national-size RPPS-like extractions (2.5 million
// rows each, on disk, streamed), in its own process. The second extraction drops 3 % of the activities,
// adds 3 % new ones, moves 1 % to another commune and switches 1 % between libéral and salarié.
// Same goal as the import: peak RSS ≤ +250 MB above the RSS before reading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allCodes, rppsLine, runCli, writeRpps } from './bench-import.ts';

const ROWS = Number(process.env.BENCH_RPPS_ROWS ?? 2_500_000);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} Mo`;

export function benchMovements(): void {
  const codes = allCodes();
  const codeOf = (i: number) => codes[(i * 7919) % codes.length];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-movements-'));
  try {
    const a = path.join(dir, 'rpps-2026-01.txt');
    const b = path.join(dir, 'rpps-2026-07.txt');
    const added = Math.round(ROWS * 0.03);
    const sa = writeRpps(a, ROWS, (i) => rppsLine(i, codeOf(i), i % 5 !== 0));
    const sb = writeRpps(b, ROWS + added, (i) => {
      if (i >= ROWS) return rppsLine(i, codeOf(i), true); // new
      const liberal = i % 5 !== 0;
      if (i % 100 < 3) return null; // gone
      if (i % 100 === 3) return rppsLine(i, codeOf(i + 1), liberal); // moved
      if (i % 100 === 4) return rppsLine(i, codeOf(i), !liberal); // mode change
      return rppsLine(i, codeOf(i), liberal);
    });
    const r = runCli(['movements', '--territory', 'charente-maritime', '--from', a, '--from-date', '2026-01-01', '--to', b, '--to-date', '2026-07-01']);
    console.log('\n## Mouvements : comparaison de deux extractions nationales (RPPS-like, cli movements, en flux)');
    console.log(`extractions : ${ROWS.toLocaleString('fr-FR')} lignes (${mb(sa)}) puis ${(ROWS + added - Math.ceil(ROWS * 0.03)).toLocaleString('fr-FR')} lignes (${mb(sb)})`);
    console.log(`temps ${(r.ms / 1000).toFixed(1)} s (temps CPU du processus ${(r.cpuMs / 1000).toFixed(1)} s, charge de la machine ${os.loadavg()[0].toFixed(1)}) ; RSS avant lecture ${mb(r.before)}, pic ${mb(r.peak)}, soit +${mb(r.peak - r.before)} (objectif ≤ +250 Mo) ; code ${r.status}`);
    console.log(r.summary);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) benchMovements();
