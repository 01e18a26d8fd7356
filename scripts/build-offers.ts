// npm run build:offers — checks each territory's offer files (data/territories/<id>/offres/*.json,
// fiche 2) and writes what the app reads: public/data/<id>/offres.json, plus the photos the offers use
// (offres/photos/ → public/data/<id>/photos/). An invalid file fails the build with file, field and a
// French message. Expired offers stay in the output: the app hides them by date.
import fs from 'node:fs';
import path from 'node:path';
import { checkOfferFile, parsePhotoOrigins, type Offer } from '../src/core/offers.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { count } from '../src/core/format.ts';
import { dataOut } from './build-zonage.ts';
import { ROOT, dataDir, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { paths } from './lib/paths.ts';

export function buildOffers(territoryId: string): { offers: Offer[]; photos: string[]; problems: string[] } {
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new Error(`Territoire inconnu : ${territoryId}.`);
  const communes = new Set(territoryCommunes(loadCog(), territory).map((c) => c.code));
  const dir = path.join(dataDir(), territoryId, 'offres');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  const offers: Offer[] = [];
  const photos = new Set<string>();
  const problems: string[] = [];
  for (const f of files) {
    const file = path.relative(process.cwd(), path.join(dir, f));
    const full = path.join(dir, f);
    const { offer, problems: p } = checkOfferFile(file, fs.statSync(full).size, () => fs.readFileSync(full, 'utf8'), communes, parsePhotoOrigins(paths().photoOrigins));
    problems.push(...p);
    if (!offer) continue;
    if (`${offer.id}.json` !== f) problems.push(`${file}, champ « id » : « ${offer.id} » ; le fichier doit s'appeler ${offer.id}.json.`);
    if (offers.some((o) => o.id === offer.id)) problems.push(`${file}, champ « id » : « ${offer.id} » déjà utilisé.`);
    for (const ph of offer.photos.filter((x) => x.src.startsWith('photos/'))) {
      if (!fs.existsSync(path.join(dir, ph.src))) problems.push(`${file}, champ « photos » : ${ph.src} introuvable dans ${path.relative(process.cwd(), dir)}/photos/.`);
      else photos.add(ph.src);
    }
    offers.push(offer);
  }
  offers.sort((a, b) => (a.available < b.available ? 1 : a.available > b.available ? -1 : a.id < b.id ? -1 : 1));
  return { offers, photos: [...photos].sort(), problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = dataOut();
  let failed = false;
  for (const t of loadTerritories()) {
    const { offers, photos, problems } = buildOffers(t.id);
    if (problems.length) {
      failed = true;
      console.error(`${t.id} : offres invalides :\n- ${problems.join('\n- ')}`);
      continue;
    }
    writeOutput(path.join(out, t.id, 'offres.json'), JSON.stringify({ territory: t.id, offers }) + '\n');
    for (const p of photos) writeOutput(path.join(out, t.id, p), fs.readFileSync(path.join(dataDir(), t.id, 'offres', p)));
    console.log(`${t.id} : ${count(offers.length, 'offre', 'offres')}, ${count(photos.length, 'photo', 'photos')} → ${path.relative(ROOT, out)}/${t.id}/offres.json`);
  }
  if (failed) process.exit(1);
}
