// npm run build:communes — writes public/data/<territory>/communes.json, the commune reference the app
// shows (name, INSEE code, population, EPCI, postal codes, former communes), from the pinned COG.
import path from 'node:path';
import { territoryCommunes } from '../src/core/communes.ts';
import { ROOT, cogInfo, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { paths } from './lib/paths.ts';

export function buildCommunes(out: string): Array<{ id: string; communes: number }> {
  const cog = loadCog();
  const info = cogInfo();
  return loadTerritories().map((territory) => {
    const communes = territoryCommunes(cog, territory);
    const file = {
      $comment: 'Généré par npm run build:communes — ne pas modifier à la main.',
      source: `${info.edition} — ${info.package} ${info.version} (INSEE, DGCL ; Licence Ouverte)`,
      territory: territory.id,
      communes,
    };
    writeOutput(path.join(out, territory.id, 'communes.json'), JSON.stringify(file, null, 1) + '\n');
    return { id: territory.id, communes: communes.length };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = paths().dataOut;
  for (const t of buildCommunes(out)) console.log(`${t.id} : ${t.communes} communes → ${path.relative(ROOT, out)}/${t.id}/communes.json`);
}
