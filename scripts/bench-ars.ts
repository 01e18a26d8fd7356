// Part of npm run bench: build time of the national ARS class tables (npm run build:ars) and their size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildArs } from './build-ars.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;

export function benchArs(): void {
  const times: number[] = [];
  let files: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ars-'));
    const t0 = performance.now();
    files = buildArs({ out }).written;
    times.push(performance.now() - t0);
    if (i < RUNS - 1) fs.rmSync(out, { recursive: true });
  }
  times.sort((a, b) => a - b);
  console.log(`\n## Zonages ARS, toute la France (npm run build:ars, médiane de ${RUNS} constructions : ${times[Math.floor(RUNS / 2)].toFixed(0)} ms)`);
  console.log('fichier | brut | gzip');
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    const z = zlib.gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += z;
    console.log(`${path.basename(f)} | ${kb(bytes.length)} | ${kb(z)}`);
  }
  console.log(`total | ${kb(raw)} | ${kb(gz)}`);
  fs.rmSync(path.dirname(files[0]), { recursive: true });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) benchArs();
