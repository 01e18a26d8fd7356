// npm run build:search — writes public/data/search/communes.json, the national search index the search box
// loads when first focused: every current commune of the pinned COG (code, name, postal codes, population,
// EPCI, former and delegated names) and the communes of each territory.
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { formatSearchData, searchData } from '../src/core/search/data.ts';
import { ROOT, cogInfo, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { paths } from './lib/paths.ts';

const require = createRequire(import.meta.url);

export function buildSearch(out: string): { communes: number; bytes: number; gzipBytes: number } {
  const info = cogInfo();
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>;
  const data = searchData(loadCog(), loadTerritories(), departements, `${info.edition} — ${info.package} ${info.version} (INSEE, DGCL ; Licence Ouverte)`);
  const bytes = writeOutput(path.join(out, 'search', 'communes.json'), formatSearchData(data));
  return { communes: data.communes.length, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = paths().dataOut;
  const r = buildSearch(out);
  console.log(`recherche : ${r.communes} communes → ${path.relative(ROOT, out)}/search/communes.json (${(r.bytes / 1024).toFixed(0)} Ko, ${(r.gzipBytes / 1024).toFixed(0)} Ko gzip)`);
}
