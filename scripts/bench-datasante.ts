// Part of npm run bench (BENCH_ONLY=datasante): the national DataSanté zonages file checked by the command
// (import zonages-nationaux, separate process) on a generated file of every current commune (~35,000 rows):
// time and memory, beside a witness run of the same command on the four-row sample (process start, COG index,
// national tables read) in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasanteText } from './generate-datasante.ts';
import { runCli } from './bench-import.ts';
import { ROOT } from './lib/inputs.ts';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} Mo`;

export function benchDatasante(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-datasante-'));
  try {
    const file = path.join(dir, 'zonages-nationaux.csv');
    const text = datasanteText({ dates: { zmed: '30/12/2025' } });
    fs.writeFileSync(file, text);
    const rows = text.trim().split('\n').length - 1;
    const sample = path.resolve(process.env.FORMATS_SRC ?? path.join(ROOT, '../shared/formats'), 'datasante-zonages-sample.csv');
    const witness = runCli(['import', 'zonages-nationaux', sample]);
    const r = runCli(['import', 'zonages-nationaux', file]);
    console.log('\n## Fichier national DataSanté des zonages (npm run --silent cli -- import zonages-nationaux …, processus à part)');
    console.log(`fichier généré : ${rows.toLocaleString('fr-FR')} communes, ${mb(fs.statSync(file).size)}`);
    console.log(`  temps ${(r.ms / 1000).toFixed(1)} s (témoin, l'échantillon de 4 lignes : ${(witness.ms / 1000).toFixed(1)} s) ; temps CPU ${(r.cpuMs / 1000).toFixed(1)} s ; RSS avant lecture ${mb(r.before)}, pic ${mb(r.peak)} (+${mb(r.peak - r.before)} ; témoin : pic ${mb(witness.peak)}) ; code ${r.status}`);
    console.log(`  ${r.summary}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) benchDatasante();
