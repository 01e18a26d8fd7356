// npm run build:offers — checks each territory's offer files (data/territories/<id>/offres/*.json,
// fiche 2) and writes what the app reads: public/data/<id>/offres.json, plus the photos the offers use
// (offres/photos/ → public/data/<id>/photos/). An invalid file fails the build with file, field and a
// French message. Expired offers (expires before the build's day, PUBLIC_AS_OF) are left out of the
// output with their photos: their contacts are not kept on the public site.
import fs from 'node:fs';
import path from 'node:path';
import { checkOfferFile, parsePhotoOrigins, type Offer } from '../src/core/offers.ts';
import { publishedOffers } from '../src/core/offer-batch.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { count } from '../src/core/format.ts';
import { dataOut } from './build-zonage.ts';
import { UnsafeFileError, readPhoto } from './lib/safe-files.ts';
import { ROOT, dataDir, publicAsOf, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { paths } from './lib/paths.ts';

export function buildOffers(territoryId: string, asOf = publicAsOf()): { offers: Offer[]; photos: string[]; problems: string[]; expired: number } {
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new Error(`Territoire inconnu : ${territoryId}.`);
  const communes = new Set(territoryCommunes(loadCog(), territory).map((c) => c.code));
  const dir = path.join(dataDir(), territoryId, 'offres');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  const offers: Offer[] = [];
  const photos = new Set<string>();
  const problems: string[] = [];
  let expired = 0;
  for (const f of files) {
    const file = path.relative(process.cwd(), path.join(dir, f));
    const full = path.join(dir, f);
    const { offer, problems: p } = checkOfferFile(file, fs.statSync(full).size, () => fs.readFileSync(full, 'utf8'), communes, parsePhotoOrigins(paths().photoOrigins));
    problems.push(...p);
    if (!offer) continue;
    if (`${offer.id}.json` !== f) problems.push(`${file}, champ « id » : « ${offer.id} » ; le fichier doit s'appeler ${offer.id}.json.`);
    if (offers.some((o) => o.id === offer.id)) problems.push(`${file}, champ « id » : « ${offer.id} » déjà utilisé.`);
    if (offer.expires < asOf) {
      expired++;
      continue;
    }
    for (const ph of offer.photos.filter((x) => x.src.startsWith('photos/'))) {
      try {
        // A regular file (no link), an image by its first bytes, under the size cap: nothing else reaches public/.
        readPhoto(path.join(dir, ph.src), path.join(dataDir(), territoryId));
        photos.add(ph.src);
      } catch (e) {
        problems.push(`${file}, champ « photos » : ${e instanceof UnsafeFileError && !/introuvable/.test(e.message) ? e.message : `${ph.src} introuvable dans ${path.relative(process.cwd(), dir)}/photos/.`}`);
      }
    }
    offers.push(offer);
  }
  // Sorted as « Gestion » writes offres.json in its publication (one order, one function).
  return { offers: publishedOffers(offers, asOf), photos: [...photos].sort(), problems, expired };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = dataOut();
  let failed = false;
  for (const t of loadTerritories()) {
    const { offers, photos, problems, expired } = buildOffers(t.id);
    if (problems.length) {
      failed = true;
      console.error(`${t.id} : offres invalides :\n- ${problems.join('\n- ')}`);
      continue;
    }
    writeOutput(path.join(out, t.id, 'offres.json'), JSON.stringify({ territory: t.id, offers }) + '\n');
    // Photos of offers no longer published (expired, withdrawn) are removed from the public folder.
    const photoDir = path.join(out, t.id, 'photos');
    for (const f of fs.existsSync(photoDir) ? fs.readdirSync(photoDir) : []) if (!photos.includes(`photos/${f}`)) fs.rmSync(path.join(photoDir, f));
    for (const p of photos) writeOutput(path.join(out, t.id, p), readPhoto(path.join(dataDir(), t.id, 'offres', p), path.join(dataDir(), t.id)));
    console.log(`${t.id} : ${count(offers.length, 'offre', 'offres')}${expired ? ` (${count(expired, 'offre expirée laissée', 'offres expirées laissées')} de côté)` : ''}, ${count(photos.length, 'photo', 'photos')} → ${path.relative(ROOT, out)}/${t.id}/offres.json`);
  }
  if (failed) process.exit(1);
}
