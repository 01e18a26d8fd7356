// Part of npm run bench: search over all 34,969 current communes plus their former and delegated names, from
// the national search file as npm run build:search writes it (size raw and gzip, index build, query times).
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { formatSearchData, searchData, type SearchData } from '../src/core/search/data.ts';
import { buildSearchIndex } from '../src/core/search/build.ts';
import { searchCommunes } from '../src/core/search/index.ts';
import { cogInfo, loadCog, loadTerritories } from './lib/inputs.ts';

const require = createRequire(import.meta.url);
// Names whole and typed letter by letter, typos, abbreviations, former names, postal and INSEE codes.
const QUERIES = [
  'saint jean d angely', 'st', 's', 'ste marie', 'la rochelle', 'la rochele', 'rochelle', 'larochelle', 'hiers brouage', 'paris',
  'marseille', 'marseile', 'bordeau', 'niort', '17000', '17400', '1000', '75', '2A004', '9', 'beaupreau', 'oeuilly', "l'ile",
  'mont', 'zzzz', 'saint martin', 'les', 'chateau', 'sur mer', 'fort de france', 'st pierre montlimart', 'chatelleraut', 'a',
];

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export function benchSearch(): void {
  const info = cogInfo();
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>;
  const text = formatSearchData(searchData(loadCog(), loadTerritories(), departements, info.edition));
  const data = JSON.parse(text) as SearchData;
  const builds: number[] = [];
  const buildsCpu: number[] = [];
  let index = buildSearchIndex(data);
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const t0 = performance.now();
    index = buildSearchIndex(data);
    builds.push(performance.now() - t0);
    const used = process.cpuUsage(c);
    buildsCpu.push((used.user + used.system) / 1000);
  }
  for (let round = 0; round < 5; round++) for (const q of QUERIES) searchCommunes(index, q); // warm-up
  // Wall time, and the process's CPU time, which a machine shared with other jobs disturbs much less.
  const times: number[] = [];
  const cpu: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let round = 0; round < 30; round++)
    for (const q of QUERIES) {
      const c = process.cpuUsage();
      const s = performance.now();
      searchCommunes(index, q);
      const t = performance.now() - s;
      const used = process.cpuUsage(c);
      times.push(t);
      cpu.push((used.user + used.system) / 1000);
      perQuery.set(q, [...(perQuery.get(q) ?? []), t]);
    }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const slowest = [...perQuery].map(([q, ts]) => [q, quantile(ts.sort((a, b) => a - b), 0.5)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
  const bytes = Buffer.byteLength(text);
  console.log('\n## Recherche de communes (toutes les communes de France, public/data/search/communes.json)');
  console.log(`index : ${data.communes.length} communes, ${index.nameText.length} noms (anciens et délégués compris), ${index.words.length} mots distincts`);
  console.log(`fichier : ${(bytes / 1024).toFixed(0)} Ko brut, ${(zlib.gzipSync(text, { level: 9 }).length / 1024).toFixed(0)} Ko gzip ; construction de l'index : ${quantile(builds.sort((a, b) => a - b), 0.5).toFixed(0)} ms écoulées, ${quantile(buildsCpu.sort((a, b) => a - b), 0.5).toFixed(0)} ms CPU (médianes de 5, CPU du ramasse-miettes compris)`);
  console.log(`requête (${QUERIES.length} requêtes × 30), temps écoulé : médiane ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
  console.log(`requête, temps CPU du processus : médiane ${quantile(cpu, 0.5).toFixed(2)} ms, p99 ${quantile(cpu, 0.99).toFixed(2)} ms`);
  console.log(`les plus lentes (médiane) : ${slowest.map(([q, t]) => `« ${q} » ${t.toFixed(2)} ms`).join(', ')}`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) benchSearch();
