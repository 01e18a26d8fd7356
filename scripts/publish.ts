// The publishing step of the yearly workflow, as a command (the browser gives the same files to
// download): import a file with the shared core, write its normalized form into data/territories/<id>/,
// declare it in zonage.json, rebuild public/data/<id>/zonage.json. The new state is built and validated
// in a temporary copy first and the real files are replaced only when it all holds: any failure leaves
// data/ and public/data/ byte-identical. Nothing is written when a row is rejected or a zonage is
// incomplete, unless keepValid is set.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, type ImportReport } from '../src/core/csv-import.ts';
import { isIsoDate } from '../src/core/dates.ts';
import { checkOfferFile, offerFile, offerFileName, parsePhotoOrigins, type Offer } from '../src/core/offers.ts';
import { buildOffers } from './build-offers.ts';
import { streamFile } from './lib/stream-import.ts';
import { failPoint, replaceFiles, stageTerritory, withDataDir, type FailPoint } from './lib/transaction.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { LIST_KEY, importSink, isImportKind, normalizedContent, publishedYear, type ImportKind } from '../src/core/publication.ts';
import { schemeFor, type ZonageYear } from '../src/core/zonage-config.ts';
import { buildZonageBundle, dataOut } from './build-zonage.ts';
import { dataDir, loadCog, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';

export type PublishKind = ImportKind;

export interface PublishOptions {
  territory: string;
  kind: PublishKind;
  file: string;
  year?: number;
  profession?: string;
  validFrom?: string;
  validUntil?: string;
  source?: string;
  keepValid?: boolean;
  /** A step where to fail on purpose (tests). */
  failAt?: FailPoint;
}

export interface PublishResult {
  published: boolean;
  report: ImportReport<unknown>;
  /** Why nothing was written, in French. */
  refused?: string;
  written: string[];
}

export class PublishError extends Error {}

export async function publish(o: PublishOptions): Promise<PublishResult> {
  const failAt = o.failAt ?? process.env.PUBLISH_FAIL_AT;
  const territory = loadTerritories().find((t) => t.id === o.territory);
  if (!territory) throw new PublishError(`territoire inconnu « ${o.territory} ».`);
  if (!fs.existsSync(o.file)) throw new PublishError(`fichier introuvable : ${o.file}`);
  if (!isImportKind(o.kind)) throw new PublishError(`type de fichier inconnu « ${o.kind as string} » (zonage, medecins ou pharmacies).`);
  for (const d of [o.validFrom, o.validUntil]) if (d !== undefined && !isIsoDate(d)) throw new PublishError(`date « ${d} » impossible (AAAA-MM-JJ, date du calendrier).`);
  const config = loadZonageConfig(territory.id);
  const communes = territoryCommunes(loadCog(), territory);
  const resolve = communeResolver(communes);
  const name = path.basename(o.file);
  const source = o.source ?? `Fichier importé : ${name}`;
  const dir = path.join(dataDir(), territory.id);
  const configFile = path.join(dir, 'zonage.json');
  // The raw JSON, so that keys the model does not read ($source…) survive the rewrite.
  const raw = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { years: ZonageYear[]; practitioners: object; pharmacies: object };

  const profession = o.profession ?? config.schemes[0].professions[0];
  let target: string;
  if (o.kind === 'zonage') {
    if (!o.year || !Number.isInteger(o.year)) throw new PublishError('option --year AAAA obligatoire pour publier un zonage.');
    const scheme = schemeFor(config, profession);
    if (!scheme) throw new PublishError(`aucun zonage pour la profession « ${profession} » dans ${territory.name}.`);
    const previous = raw.years.find((y) => y.year === o.year && y.profession === profession);
    const entry = publishedYear(previous, { year: o.year, scheme: scheme.id, profession, source, validFrom: o.validFrom, validUntil: o.validUntil });
    if (!(entry.validFrom <= entry.validUntil)) throw new PublishError(`période de validité incohérente : du ${entry.validFrom} au ${entry.validUntil}.`);
    raw.years = [...raw.years.filter((y) => y !== previous), entry].sort((a, b) => a.profession.localeCompare(b.profession) || a.year - b.year);
    target = entry.file;
  } else {
    const key = LIST_KEY[o.kind];
    // The example data's date does not describe the published file: dropped until one is given.
    const { date: _exampleDate, ...kept } = raw[key] as { date?: string };
    raw[key] = { ...kept, example: false, source };
    target = config[key].file;
  }
  // 1. Import, streamed, with the same core as `import` and the browser.
  const report = await streamFile(o.file, importSink(o.kind, name, { communes, schemes: config.schemes, profession, resolve }), false);
  failPoint(failAt, 'import');
  const problems = [
    report.fileErrors.length ? `${report.fileErrors.length} erreur(s) de fichier` : '',
    report.rejectedCount ? `${report.rejectedCount} ligne(s) rejetée(s)` : '',
    report.missing.length ? `${report.missing.length} commune(s) sans classement` : '',
    report.accepted === 0 ? 'aucune ligne acceptée' : '',
  ].filter(Boolean);
  if (report.accepted === 0 || report.fileErrors.length || (problems.length && !o.keepValid)) {
    const keep = report.accepted && !report.fileErrors.length ? ' (--keep-valid publie les lignes valides seules)' : '';
    return { published: false, report, written: [], refused: `rien n'est publié : ${problems.join(', ')}${keep}.` };
  }
  const content = normalizedContent(o.kind, report.rows, profession);

  // 2. The whole new state, built and validated in a temporary copy of the territory's data.
  const stage = stageTerritory(dataDir(), territory.id);
  try {
    failPoint(failAt, 'stage');
    const configText = JSON.stringify(raw, null, 2) + '\n';
    writeOutput(path.join(stage.dir, target), content);
    writeOutput(path.join(stage.dir, 'zonage.json'), configText);
    failPoint(failAt, 'write');
    const built = withDataDir(stage.root, () => buildZonageBundle(territory.id));
    failPoint(failAt, 'build');
    if (built.problems.length) throw new PublishError(`rien n'est publié : les données ne passent pas la construction : ${built.problems.slice(0, 5).join(' ; ')}`);
    // 3. Only now are the real files replaced, together.
    const bundleFile = path.join(dataOut(), territory.id, 'zonage.json');
    const written = replaceFiles(
      [
        { target: path.join(dir, target), content },
        { target: configFile, content: configText },
        { target: bundleFile, content: JSON.stringify(built.bundle) + '\n' },
      ],
      failAt,
    );
    return { published: true, report, written: written.length ? written : [path.join(dir, target)] };
  } finally {
    stage.dispose();
  }
}

// ---- Offers sent by town halls (fiche 2): `offers check` and `offers accept` run the same checks ------

export interface OfferFileReport {
  file: string;
  id: string | null;
  valid: boolean;
  problems: string[];
}

/** The https photo origins the site's CSP allows (same variable as the build: VITE_PHOTO_ORIGINS). */
export const photoOrigins = () => parsePhotoOrigins(process.env.VITE_PHOTO_ORIGINS);

/**
 * Checks offer files as `accept` would take them: the schema, one id per batch, an id already published
 * (unless replace), and each photos/… file present beside the offer file or in the data folder.
 */
export function checkOffers(territoryId: string, files: string[], replace: boolean): { report: OfferFileReport[]; offers: Array<{ offer: Offer; file: string }> } {
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new PublishError(`territoire inconnu « ${territoryId} ».`);
  const communes = new Set(territoryCommunes(loadCog(), territory).map((c) => c.code));
  const dir = path.join(dataDir(), territory.id, 'offres');
  const existing = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  const origins = photoOrigins();
  const checked = files.map((file) => {
    const name = path.basename(file);
    if (!fs.existsSync(file)) return { file, name, offer: undefined, problems: [`${name} : fichier introuvable.`] };
    const bytes = fs.readFileSync(file);
    const { offer, problems } = checkOfferFile(name, bytes.length, () => new TextDecoder().decode(bytes), communes, origins);
    if (offer && existing.has(offerFileName(offer)) && !replace) problems.push(`${name} : une offre « ${offer.id} » existe déjà (--replace pour la remplacer).`);
    for (const ph of offer?.photos.filter((x) => x.src.startsWith('photos/')) ?? []) {
      if (!fs.existsSync(path.join(path.dirname(file), ph.src)) && !fs.existsSync(path.join(dir, ph.src))) {
        problems.push(`${name}, champ « photos » : ${ph.src} introuvable (ni à côté du fichier d'offre, ni dans ${path.relative(process.cwd(), dir)}/photos/).`);
      }
    }
    return { file, name, offer, problems };
  });
  // Two offers with one id in a batch: one would silently replace the other, so both are refused.
  for (const c of checked) {
    const same = checked.filter((x) => x !== c && x.offer && c.offer && x.offer.id === c.offer.id);
    if (same.length) c.problems.push(`${c.name} : même identifiant « ${c.offer!.id} » que ${same.map((x) => x.name).join(', ')} dans ce lot ; envoyez-les séparément ou changez l'identifiant.`);
  }
  return {
    report: checked.map((c) => ({ file: c.name, id: c.offer?.id ?? null, valid: !c.problems.length, problems: c.problems })),
    offers: checked.filter((c) => c.offer && !c.problems.length).map((c) => ({ offer: c.offer!, file: c.file })),
  };
}

/**
 * Accepts offers atomically: nothing is written unless every file is valid; the new offers folder is
 * built and validated in a temporary copy, then data/…/offres/ and public/data/<id>/ are replaced together.
 */
export function acceptOffers(territoryId: string, files: string[], o: { replace?: boolean; failAt?: FailPoint } = {}): { report: OfferFileReport[]; written: string[]; published: number } {
  const failAt = o.failAt ?? process.env.PUBLISH_FAIL_AT;
  const { report, offers } = checkOffers(territoryId, files, o.replace === true);
  if (report.some((r) => !r.valid)) return { report, written: [], published: 0 };
  const dir = path.join(dataDir(), territoryId, 'offres');
  const stage = stageTerritory(dataDir(), territoryId);
  try {
    failPoint(failAt, 'stage');
    const staged = path.join(stage.dir, 'offres');
    const changes: Array<{ target: string; content: string | Buffer }> = [];
    for (const { offer, file } of offers) {
      changes.push({ target: path.join(dir, offerFileName(offer)), content: offerFile(offer) });
      for (const ph of offer.photos.filter((x) => x.src.startsWith('photos/'))) {
        const beside = path.join(path.dirname(file), ph.src);
        if (fs.existsSync(beside)) changes.push({ target: path.join(dir, ph.src), content: fs.readFileSync(beside) });
      }
    }
    for (const c of changes) writeOutput(path.join(staged, path.relative(dir, c.target)), c.content);
    failPoint(failAt, 'write');
    const built = withDataDir(stage.root, () => buildOffers(territoryId));
    failPoint(failAt, 'build');
    if (built.problems.length) throw new PublishError(`rien n'est écrit : les offres ne passent pas la construction : ${built.problems.slice(0, 5).join(' ; ')}`);
    const out = path.join(dataOut(), territoryId);
    changes.push({ target: path.join(out, 'offres.json'), content: JSON.stringify({ territory: territoryId, offers: built.offers }) + '\n' });
    for (const p of built.photos) changes.push({ target: path.join(out, p), content: fs.readFileSync(path.join(staged, p)) });
    return { report, written: replaceFiles(changes, failAt), published: built.offers.length };
  } finally {
    stage.dispose();
  }
}
