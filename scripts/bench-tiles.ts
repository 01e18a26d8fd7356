// Part of npm run bench: the national tiles built from scratch (time, archive size, tiles per zoom), and the
// bytes of the tiles a first national view would fetch (metropolitan France in 1280 × 800 pixels).
import fs from 'node:fs';
import path from 'node:path';
import { buildTiles } from './build-tiles.ts';
import { ROOT } from './lib/inputs.ts';
import { TILES_ARCHIVE } from '../src/core/tiles.ts';

const mo = (n: number) => `${(n / 1024 / 1024).toFixed(1)} Mo`;

export function benchTiles(src = path.resolve(process.env.GEO_SRC ?? path.join(ROOT, '../shared/geo'))): void {
  const started = performance.now();
  const result = buildTiles({ src });
  const total = performance.now() - started;
  console.log('\n## Tuiles nationales (PMTiles, npm run build:tiles)');
  console.log(
    `construction : ${(total / 1000).toFixed(1)} s (communes et contours ${(result.timings.features / 1000).toFixed(1)} s, découpage et encodage ${(result.timings.tiles / 1000).toFixed(1)} s, archive ${(result.timings.archive / 1000).toFixed(1)} s)`,
  );
  console.log(`archive : ${mo(result.archive.length)} (${result.archive.length} octets), ${result.tiles.length} tuiles, ${result.features.communes.length} communes`);
  console.log('zoom | tuiles | octets (gzip)');
  result.tilesByZoom.forEach((n, z) => console.log(`${z} | ${n} | ${mo(result.bytesByZoom[z])}`));
  const committed = path.join(ROOT, 'public', TILES_ARCHIVE);
  if (fs.existsSync(committed)) console.log(`identique à l'archive livrée (${TILES_ARCHIVE}) : ${fs.readFileSync(committed).equals(Buffer.from(result.archive)) ? 'oui' : 'non'}`);
  // First national view: MapLibre draws 512-pixel tiles; metropolitan France fits 1280 × 800 pixels near zoom 5.2,
  // drawn with the zoom-5 tiles.
  const [lon, lat, zoom] = [2.5, 46.6, 5.2];
  for (const z of [5]) {
    const n = 2 ** z;
    const cx = ((lon + 180) / 360) * n;
    const cy = ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * n;
    const half = [((1280 / 512) * 2 ** (zoom - z)) / 2, ((800 / 512) * 2 ** (zoom - z)) / 2];
    const inView = result.tiles.filter((t) => t.z === z && t.x + 1 > cx - half[0] && t.x < cx + half[0] && t.y + 1 > cy - half[1] && t.y < cy + half[1]);
    console.log(`première vue nationale (zoom 5,2, 1280 × 800), tuiles du zoom ${z} : ${inView.length} tuiles, ${mo(inView.reduce((s, t) => s + t.data.length, 0))} (plus en-tête et répertoire racine, 16 Ko)`);
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) benchTiles();
