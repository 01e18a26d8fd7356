// Part of npm run bench: search over all 34,969 current communes plus their former and delegated names.
import { createRequire } from 'node:module';
import { Cog, type CogCommune, type CogEpci } from '../src/core/communes.ts';
import { buildSearchIndex, searchCommunes } from '../src/core/search.ts';

const require = createRequire(import.meta.url);
const QUERIES = ['saint jean d angely', 'st', 'ste marie', 'la rochelle', 'rochelle', 'hiers brouage', 'paris', 'marseille', '17000', '75', '2A004', 'beaupreau', 'oeuilly', "l'ile", 'mont', 'zzzz', 'saint martin', 'les', 'chateau', 'sur mer'];

export function benchSearch(): void {
  const cog = new Cog(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[], require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[]);
  const communes = [...cog.current.values()].map((c) => cog.describe(c));
  const t0 = performance.now();
  const index = buildSearchIndex([{ id: 'france', communes }]);
  const built = performance.now() - t0;
  const size = Buffer.byteLength(JSON.stringify(index.entries));
  for (const q of QUERIES) searchCommunes(index, q); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 20; round++)
    for (const q of QUERIES) {
      const s = performance.now();
      searchCommunes(index, q);
      times.push(performance.now() - s);
    }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log('\n## Recherche de communes (toutes les communes de France)');
  console.log(`index : ${communes.length} communes, ${index.entries.length} noms (anciens et délégués compris), construit en ${built.toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(1)} Mo (entrées en JSON)`);
  console.log(`requête (${QUERIES.length} requêtes × 20) : médiane ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) benchSearch();
