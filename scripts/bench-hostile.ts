// Part of npm run bench (BENCH_ONLY=hostile): files made to exhaust the importer, imported by the CLI in a
// child process. Goals (issue 23, 2 cores): each refused in under 10 s with a peak under +250 MB above
// the memory before reading. A 500 MB file of one line; a FINESS gzip of 1.5 MB holding one 1.5 GB
// string; a FINESS gzip holding 8 million establishments in one legal entity (read one by one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runCli } from './bench-import.ts';

const mb = (n: number) => `${(n / 1e6).toFixed(0)} Mo`;

function* repeat(head: string, unit: string, times: number, tail: string) {
  yield head;
  const block = unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length)));
  const per = Math.floor((1 << 20) / unit.length) || 1;
  for (let done = 0; done < times; done += per) yield times - done >= per ? block : unit.repeat(times - done);
  yield tail;
}

export async function benchHostile(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'));
  try {
    const line = path.join(dir, 'une-ligne.csv');
    const fd = fs.openSync(line, 'w');
    fs.writeSync(fd, 'code_insee;zone\n');
    const mbBlock = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 500; i++) fs.writeSync(fd, mbBlock);
    fs.closeSync(fd);
    const string = path.join(dir, 'chaine.json.gz');
    await gzipOf(string, repeat('{"schemaVersion":"v1.0.0","pmej":[{"denomination":"', 'A', 1.5e9, '"}]}'));
    const entity = path.join(dir, 'entite.json.gz');
    const ege = '{"informationsGeneralesEGE":{"numFinessEge":"170000001"},"categorieentiteGeographiqueExercice":"500"},';
    await gzipOf(entity, repeat('{"schemaVersion":"v1.0.0","pmej":[{"ege":[', ege, 8e6, '{}]}]}'));
    console.log('\nFichiers hostiles (import par la commande, objectif : refusé en moins de 10 s, pic ≤ +250 Mo)');
    for (const [what, file, kind] of [
      ['une ligne de 500 Mo', line, 'zonage'],
      ['FINESS : une chaîne de 1,5 Go', string, 'pharmacies'],
      ['FINESS : 8 millions d’établissements dans une entité', entity, 'pharmacies'],
    ] as const) {
      const r = runCli(['import', kind, file, '--territory', 'charente-maritime']);
      console.log(`  ${what} (${mb(fs.statSync(file).size)} sur disque) : ${(r.ms / 1000).toFixed(1)} s, pic +${mb(r.peak - r.before)} ; ${r.summary}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A gzip written from pieces of text, streamed: the inflated content never sits in memory here. */
async function gzipOf(file: string, pieces: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(pieces), zlib.createGzip({ level: 9 }), fs.createWriteStream(file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await benchHostile();
