// The publishing step of the yearly workflow, as a command (the browser gives the same files to
// download): import a file with the shared core, write its normalized form into data/territories/<id>/,
// declare it in zonage.json, rebuild public/data/<id>/zonage.json. The new state is built and validated
// in a temporary copy first and the real files are replaced only when it all holds: any failure leaves
// data/ and public/data/ byte-identical. Nothing is written when a row is rejected or a zonage is
// incomplete, unless keepValid is set.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, type ImportReport } from '../src/core/import/index.ts';
import { isIsoDate } from '../src/core/dates.ts';
import { count } from '../src/core/format.ts';
import { offerFile, offerFileName, parsePhotoOrigins, type Offer } from '../src/core/offers.ts';
import { checkOfferBatch, type OfferFileReport } from '../src/core/offer-batch.ts';
import { buildOffers } from './build-offers.ts';
import { streamFile, streamText } from './lib/stream-import.ts';
import { failPoint, stageTerritory, withDataDir, type FailPoint } from './lib/transaction.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { LIST_KEY, importFile, importSink, isImportKind, normalizedContent, publishedYear, type ImportKind } from '../src/core/publication.ts';
import { schemeFor, type ZonageYear } from '../src/core/zonage/config.ts';
import { dataOut } from './build-zonage.ts';
import { dataDir, loadArsSchemes, loadCog, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';
import { createRequire } from 'node:module';
import type { CogCommune } from '../src/core/communes.ts';
import { CommuneIndex } from '../src/core/ars/commune-index.ts';
import { ARRETE_FORMATS, absentCommunes, arreteListSink, type ArreteFormat, type ArreteListReport } from '../src/core/ars/arrete-list.ts';
import { arsSchemeId, isArsScheme } from '../src/core/ars/schemes.ts';
import { kindProblem, registerFigures, shrinkProblem, yearProblem } from '../src/core/import/plausibility.ts';
import type { Territory } from '../src/core/territory.ts';
import { readPhoto, readRegularFile } from './lib/safe-files.ts';
import { withLock, acquireLock } from './lib/lock.ts';
import { HISTORY_DIR } from './lib/history.ts';
import { PublishError, checkInput, commitZonage, readHead, readState, replaceWithBackup } from './lib/commit.ts';

export { PublishError };
import { paths } from './lib/paths.ts';

export type PublishKind = ImportKind;

export interface PublishOptions {
  territory: string;
  kind: PublishKind;
  file: string;
  year?: number;
  profession?: string;
  /** The territory's own scheme, when named (an ARS list goes through publishArsList). */
  scheme?: string;
  validFrom?: string;
  validUntil?: string;
  source?: string;
  keepValid?: boolean;
  /** Replace a year already published (else refused). */
  replace?: boolean;
  /** Publish although the file looks like another kind, or the register shrinks or loses end dates. */
  force?: boolean;
  /** A year outside 2000–2100. */
  anyYear?: boolean;
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


/** Publishes one file; one publication at a time per territory (see lib/lock.ts). */
export async function publish(o: PublishOptions): Promise<PublishResult> {
  const territory = loadTerritories().find((t) => t.id === o.territory);
  if (!territory) throw new PublishError(`territoire inconnu « ${o.territory} ».`);
  return withLock(path.join(dataDir(), territory.id), `publish ${o.kind} ${path.basename(o.file)}`, () => publishLocked(o, territory));
}

async function publishLocked(o: PublishOptions, territory: Territory): Promise<PublishResult> {
  const failAt = o.failAt ?? paths().publishFailAt;
  checkInput(o.file);
  if (!isImportKind(o.kind)) throw new PublishError(`type de fichier inconnu « ${o.kind as string} » (zonage, medecins ou pharmacies).`);
  const kindRefused = kindProblem(o.kind, readHead(o.file), path.basename(o.file));
  if (kindRefused && !o.force) throw new PublishError(`rien n'est publié : ${kindRefused} (--force si c'est bien un fichier « ${o.kind} »)`);
  for (const d of [o.validFrom, o.validUntil]) if (d !== undefined && !isIsoDate(d)) throw new PublishError(`date « ${d} » impossible (AAAA-MM-JJ, date du calendrier).`);
  const config = loadZonageConfig(territory.id);
  const communes = territoryCommunes(loadCog(), territory);
  const resolve = communeResolver(communes);
  const name = path.basename(o.file);
  const source = o.source ?? `Fichier importé : ${name}`;
  const dir = path.join(dataDir(), territory.id);
  const configFile = path.join(dir, 'zonage.json');
  const read = readState([configFile]);
  // The raw JSON, so that keys the model does not read ($source…) survive the rewrite.
  const raw = JSON.parse(read.get(configFile)!.toString('utf8')) as { years: ZonageYear[]; practitioners: object; pharmacies: object };

  const profession = o.profession ?? config.schemes[0].professions[0];
  let target: string;
  if (o.kind === 'zonage') {
    if (!o.year || !Number.isInteger(o.year)) throw new PublishError('option --year AAAA obligatoire pour publier un zonage.');
    const badYear = yearProblem(o.year, o.anyYear);
    if (badYear) throw new PublishError(badYear);
    const scheme = schemeFor(config, profession);
    if (!scheme) throw new PublishError(`aucun zonage pour la profession « ${profession} » dans ${territory.name}.`);
    if (o.scheme && o.scheme !== scheme.id) throw new PublishError(`le zonage de « ${profession} » publié ici est « ${scheme.id} », pas « ${o.scheme} » (une liste ARS : --scheme ars-${profession}).`);
    // The national ARS layer of a profession is only replaced by an ARS list, named as such.
    if (!o.scheme && isArsScheme(scheme.id)) throw new PublishError(`la profession « ${profession} » n'a ici que le zonage national de l'ARS (« ${scheme.id} ») : rien n'est publié. Une nouvelle liste ARS se publie avec --scheme ${scheme.id} --valid-from AAAA-MM-JJ --source « arrêté … ».`);
    // The same scheme's year: an ARS list of that profession and year is another zonage.
    const previous = raw.years.find((y) => y.year === o.year && y.profession === profession && y.scheme === scheme.id);
    if (previous && !o.replace) throw new PublishError(`le zonage ${o.year} de « ${profession} » (${scheme.id}) est déjà publié (${previous.source ?? previous.file}) : rien n'est publié. --replace pour le remplacer (l'ancien fichier est gardé dans ${HISTORY_DIR}/).`);
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
    report.fileErrors.length ? count(report.fileErrors.length, 'erreur de fichier', 'erreurs de fichier') : '',
    report.rejectedCount ? count(report.rejectedCount, 'ligne rejetée', 'lignes rejetées') : '',
    report.missing.length ? `${count(report.missing.length, 'commune', 'communes')} sans classement` : '',
    report.accepted === 0 ? 'aucune ligne acceptée' : '',
  ].filter(Boolean);
  if (report.accepted === 0 || report.fileErrors.length || (problems.length && !o.keepValid)) {
    const keep = report.accepted && !report.fileErrors.length ? ' (--keep-valid publie les lignes valides seules)' : '';
    return { published: false, report, written: [], refused: `rien n'est publié : ${problems.join(', ')}${keep}.` };
  }
  if (o.kind !== 'zonage') {
    // What the current register holds, read with the same importer: the replacement must not lose it silently.
    const current = path.join(dir, target);
    const before = fs.existsSync(current) ? importFile(o.kind, target, new Uint8Array(readRegularFile(current, { base: dir })), { communes, schemes: config.schemes, profession, resolve }) : undefined;
    const shrink = before && shrinkProblem(o.kind, registerFigures(o.kind, before.rows), registerFigures(o.kind, report.rows));
    if (shrink && !o.force) return { published: false, report, written: [], refused: shrink };
    read.set(current, before ? readRegularFile(current, { base: dir }) : null);
  }
  const content = normalizedContent(o.kind, report.rows, profession);

  const written = commitZonage(territory.id, [{ file: target, content }, { file: 'zonage.json', content: JSON.stringify(raw, null, 2) + '\n' }], failAt, read, `publish ${o.kind} ${name}`);
  return { published: true, report, written: written.length ? written : [path.join(dir, target)] };
}

// ---- A newer ARS list (arrêté), which takes over from its own date ---------------------------------

export interface ArsListOptions {
  territory: string;
  file: string;
  /** ars-<profession>: the ARS layer the list belongs to. */
  scheme: string;
  profession?: string;
  year?: number;
  /** The first day the list is in force (the arrêté's publication). */
  validFrom?: string;
  /** Its last day when known; otherwise it stays in force until a newer act (last known zonage). */
  validUntil?: string;
  /** The act: « arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine ». */
  source?: string;
  /** Detected from the first line when not given. */
  format?: string;
  keepValid?: boolean;
  /** Correct a list already published for that year (else refused). */
  replace?: boolean;
  anyYear?: boolean;
  failAt?: FailPoint;
}

export interface ArsListResult {
  published: boolean;
  report: ArreteListReport;
  /** The year declared in zonage.json (or that would have been). */
  entry?: ZonageYear;
  refused?: string;
  /** What the publication says about the zonage it follows. */
  notes: string[];
  written: string[];
}

let nationalIndex: CommuneIndex | undefined;
/** Every commune of France, current, delegated and former: an ARS list covers a region. */
const communeIndex = () => (nationalIndex ??= new CommuneIndex(createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]));

/**
 * Publishes a newer ARS list as a new year of the territory's ARS layer, from its own date: the list
 * (the territory's rows, normalised) in zonages/<scheme>-<year>.csv, the year in zonage.json (the
 * authority of the year it follows), the app's zonage.json rebuilt; atomic like `publish`. The year it
 * follows keeps its data; its status then says by what and from when it is replaced.
 */
export async function publishArsList(o: ArsListOptions): Promise<ArsListResult> {
  const territory = loadTerritories().find((t) => t.id === o.territory);
  if (!territory) throw new PublishError(`territoire inconnu « ${o.territory} ».`);
  return withLock(path.join(dataDir(), territory.id), `publish zonage ${path.basename(o.file)} --scheme ${o.scheme}`, () => publishArsListLocked(o, territory));
}

async function publishArsListLocked(o: ArsListOptions, territory: Territory): Promise<ArsListResult> {
  const failAt = o.failAt ?? paths().publishFailAt;
  checkInput(o.file);
  const ars = loadArsSchemes();
  const profession = o.profession ?? o.scheme.replace(/^ars-/, '');
  if (!ars.professions.some((p) => p.profession === profession)) throw new PublishError(`aucun zonage ARS pour la profession « ${profession} » (professions : ${ars.professions.map((p) => p.profession).join(', ')}).`);
  if (o.scheme !== arsSchemeId(profession)) throw new PublishError(`le zonage ARS de « ${profession} » est « ${arsSchemeId(profession)} », pas « ${o.scheme} ».`);
  if (!o.year || !Number.isInteger(o.year)) throw new PublishError('option --year AAAA obligatoire pour publier une liste ARS.');
  const badYear = yearProblem(o.year, o.anyYear);
  if (badYear) throw new PublishError(badYear);
  if (!o.validFrom) throw new PublishError("option --valid-from AAAA-MM-JJ obligatoire : le jour où la nouvelle liste s'applique (publication de l'arrêté).");
  for (const d of [o.validFrom, o.validUntil]) if (d !== undefined && !isIsoDate(d)) throw new PublishError(`date « ${d} » impossible (AAAA-MM-JJ, date du calendrier).`);
  if (o.validUntil && o.validUntil < o.validFrom) throw new PublishError(`période de validité incohérente : du ${o.validFrom} au ${o.validUntil}.`);
  if (!o.source?.trim()) throw new PublishError("option --source obligatoire : l'acte qui publie la liste (« arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine »).");
  if (o.format !== undefined && !ARRETE_FORMATS.includes(o.format as ArreteFormat)) throw new PublishError(`format « ${o.format} » inconnu (${ARRETE_FORMATS.join(', ')}).`);
  loadZonageConfig(territory.id); // the current state must hold before anything is added to it
  const dir = path.join(dataDir(), territory.id);
  const read = readState([path.join(dir, 'zonage.json')]);
  const raw = JSON.parse(read.get(path.join(dir, 'zonage.json'))!.toString('utf8')) as { years: ZonageYear[] };
  const ofLayer = (y: ZonageYear) => y.scheme === o.scheme && y.profession === profession;
  const same = raw.years.find((y) => ofLayer(y) && y.year === o.year);
  if (same?.ars) throw new PublishError(`l'année ${o.year} du zonage ${o.scheme} est l'export national (table ARS), qui reste l'historique : publiez la nouvelle liste sous une autre année (--year).`);
  if (same && !o.replace) throw new PublishError(`une liste ${o.year} du zonage ${o.scheme} est déjà publiée (${same.source ?? same.file}) : rien n'est publié. --replace pour la corriger (l'ancienne est gardée dans ${HISTORY_DIR}/).`);
  const previous = raw.years.filter((y) => ofLayer(y) && y !== same && y.validFrom < o.validFrom!).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1)).at(-1);

  // 1. Import, streamed, with the ARS readers; only the territory's communes are kept.
  const name = path.basename(o.file);
  const communes = new Set(territoryCommunes(loadCog(), territory).map((c) => c.code));
  const sink = arreteListSink(name, { index: communeIndex(), ars, profession, communes, format: o.format as ArreteFormat | undefined });
  await streamText(o.file, (text) => sink.write(text));
  const report = sink.end();
  failPoint(failAt, 'import');
  const notes: string[] = [];
  const authority = previous?.authority ?? same?.authority;
  const entry: ZonageYear = {
    year: o.year,
    scheme: o.scheme,
    profession,
    file: `zonages/${o.scheme}-${o.year}.csv`,
    format: report.format ?? undefined,
    ...(authority ? { authority } : {}),
    validFrom: o.validFrom,
    validUntil: o.validUntil ?? o.validFrom,
    ...(o.validUntil ? {} : { lastKnown: true }),
    example: false,
    source: o.source.trim(),
  };
  if (previous?.replaced && previous.replaced.from !== o.validFrom) {
    notes.push(`l'année ${previous.year} est notée remplacée le ${previous.replaced.from} (${previous.replaced.by}) ; la nouvelle liste s'applique à partir du ${o.validFrom}.`);
  }
  const problems = [
    report.fileErrors.length ? count(report.fileErrors.length, 'erreur de fichier', 'erreurs de fichier') : '',
    report.rejectedCount ? count(report.rejectedCount, 'ligne rejetée', 'lignes rejetées') : '',
    report.missing.length ? absentCommunes(report.missing.length) : '',
    report.accepted === 0 ? 'aucune ligne acceptée' : '',
  ].filter(Boolean);
  if (report.accepted === 0 || report.fileErrors.length || (problems.length && !o.keepValid)) {
    const keep = report.accepted && !report.fileErrors.length ? ' (--keep-valid publie les lignes valides seules)' : '';
    return { published: false, report, entry, notes, written: [], refused: `rien n'est publié : ${problems.join(', ')}${keep}.` };
  }
  // The new year goes after the one it follows (or in place of a list of the same year, corrected).
  const years = raw.years.filter((y) => y !== same);
  const at = same ? raw.years.indexOf(same) : previous ? years.indexOf(previous) + 1 : years.length;
  years.splice(at, 0, entry);
  raw.years = years;
  // 2–3. Staged, built, then replaced together.
  const written = commitZonage(territory.id, [{ file: entry.file!, content: report.content }, { file: 'zonage.json', content: JSON.stringify(raw, null, 2) + '\n' }], failAt, read, `publish zonage ${name} --scheme ${o.scheme}`);
  return { published: true, report, entry, notes, written };
}

// ---- Offers sent by town halls (fiche 2): `offers check` and `offers accept` run the same checks ------

export type { OfferFileReport };

const isLink = (f: string) => {
  try {
    return fs.lstatSync(f).isSymbolicLink();
  } catch {
    return false;
  }
};

/** The https photo origins the site's CSP allows (same variable as the build: VITE_PHOTO_ORIGINS). */
export const photoOrigins = () => parsePhotoOrigins(paths().photoOrigins);

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
  const { report, offers } = checkOfferBatch(
    files.map((file) => {
      const name = path.basename(file);
      try {
        const bytes = readRegularFile(file, { maxBytes: 1 << 20 });
        return { file, name, size: bytes.length, text: () => new TextDecoder().decode(bytes) };
      } catch (e) {
        // A link, not a regular file, too big: refused with the reader's message.
        return { file, name, size: 0, text: () => '', refused: (e as Error).message };
      }
    }),
    {
      communes,
      photoOrigins: photoOrigins(),
      existing: new Set([...existing].filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))),
      replace,
      replaceHint: '--replace pour la remplacer',
      photo: ({ file }, src) => {
        const beside = path.join(path.dirname(file), src);
        const there = fs.existsSync(beside) || isLink(beside) ? beside : fs.existsSync(path.join(dir, src)) || isLink(path.join(dir, src)) ? path.join(dir, src) : undefined;
        if (!there) return `${src} introuvable (ni à côté du fichier d'offre, ni dans ${path.relative(process.cwd(), dir)}/photos/).`;
        try {
          readPhoto(there, there === beside ? path.dirname(file) : path.join(dataDir(), territory.id));
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    },
  );
  return { report, offers: offers.map((o) => ({ offer: o.offer, file: o.submission.file })) };
}

/**
 * Accepts offers atomically: nothing is written unless every file is valid; the new offers folder is
 * built and validated in a temporary copy, then data/…/offres/ and public/data/<id>/ are replaced together.
 */
export function acceptOffers(territoryId: string, files: string[], o: { replace?: boolean; failAt?: FailPoint } = {}): { report: OfferFileReport[]; written: string[]; published: number } {
  const failAt = o.failAt ?? paths().publishFailAt;
  const release = acquireLock(path.join(dataDir(), territoryId), `offers accept ${files.map((f) => path.basename(f)).join(' ')}`);
  try {
    return acceptOffersLocked(territoryId, files, o.replace === true, failAt);
  } finally {
    release();
  }
}

function acceptOffersLocked(territoryId: string, files: string[], replace: boolean, failAt: FailPoint): { report: OfferFileReport[]; written: string[]; published: number } {
  const { report, offers } = checkOffers(territoryId, files, replace);
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
        if (fs.existsSync(beside) || isLink(beside)) changes.push({ target: path.join(dir, ph.src), content: readPhoto(beside, path.dirname(file)) });
      }
    }
    for (const c of changes) writeOutput(path.join(staged, path.relative(dir, c.target)), c.content);
    failPoint(failAt, 'write');
    const built = withDataDir(stage.root, () => buildOffers(territoryId));
    failPoint(failAt, 'build');
    if (built.problems.length) throw new PublishError(`rien n'est écrit : les offres ne passent pas la construction : ${built.problems.slice(0, 5).join(' ; ')}`);
    const out = path.join(dataOut(), territoryId);
    const publicFiles: typeof changes = [{ target: path.join(out, 'offres.json'), content: JSON.stringify({ territory: territoryId, offers: built.offers }) + '\n' }];
    for (const p of built.photos) publicFiles.push({ target: path.join(out, p), content: readPhoto(path.join(staged, p), staged) });
    const command = `offers accept ${files.map((f) => path.basename(f)).join(' ')}`;
    return { report, written: replaceWithBackup(path.join(dataDir(), territoryId), changes, publicFiles, failAt, command), published: built.offers.length };
  } finally {
    stage.dispose();
  }
}
