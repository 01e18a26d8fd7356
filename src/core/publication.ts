// The yearly import as the CLI, the publish command and the browser all run it: one importer per kind
// of file, the normalized file it gives, and the declaration of a newly published zonage year.
import { strToU8, zipSync } from 'fflate';
import type { Commune } from './communes.ts';
import { communeResolver, pharmaciesSink, practitionersSink, zonageSink, type CommuneResolver, type ImportReport, type ImportSink, type SinkOptions, type ZonageRow } from './import/index.ts';
import { runSink } from './import/table.ts';
import { pharmaciesFile, practitionersFile, zonageFile } from './import/normalized.ts';
import type { ZonageYear } from './zonage/config.ts';
import type { Pharmacy, Practitioner, ZonageScheme } from './zonage/model.ts';
import { offerFile, offerFileName, type Offer } from './offers.ts';
import { publishedOffers } from './offer-batch.ts';

export type ImportKind = 'zonage' | 'medecins' | 'pharmacies';
export const IMPORT_KINDS: ImportKind[] = ['zonage', 'medecins', 'pharmacies'];
export const isImportKind = (k: unknown): k is ImportKind => IMPORT_KINDS.includes(k as ImportKind);

export interface ImportContext {
  communes: Commune[];
  schemes: ZonageScheme[];
  /** The profession of a zonage file. */
  profession: string;
  resolve?: CommuneResolver;
}

export type FileReport = ImportReport<unknown> & { missing: string[] };

/** The streaming importer of a kind of file: write chunks, then end() gives the report. */
export function importSink(kind: ImportKind, name: string, ctx: ImportContext, options?: SinkOptions): ImportSink<unknown> & { end(): FileReport } {
  const resolve = ctx.resolve ?? communeResolver(ctx.communes);
  const sink: ImportSink<unknown> =
    kind === 'zonage'
      ? zonageSink(name, { resolve, schemes: ctx.schemes, profession: ctx.profession, communes: ctx.communes }, options)
      : kind === 'medecins'
        ? practitionersSink(name, { resolve }, options)
        : pharmaciesSink(name, { resolve }, options);
  return {
    write: (chunk) => sink.write(chunk),
    progress: () => sink.progress(),
    done: () => sink.done?.() ?? false,
    end: () => {
      const r = sink.end() as FileReport;
      // `missing` lists the communes a zonage leaves unclassified.
      return { ...r, missing: r.missing ?? [] };
    },
  };
}

/** Runs the importer of a kind of file over bytes in memory. */
export function importFile(kind: ImportKind, name: string, bytes: Uint8Array, ctx: ImportContext): FileReport {
  return runSink(importSink(kind, name, ctx), bytes) as FileReport;
}

/** The normalized file's content: a zonage keeps the rows of its profession only. */
export function normalizedContent(kind: ImportKind, rows: unknown[], profession: string): string {
  if (kind === 'zonage') return zonageFile((rows as ZonageRow[]).filter((r) => r.profession === profession));
  return kind === 'medecins' ? practitionersFile(rows as Practitioner[]) : pharmaciesFile(rows as Pharmacy[]);
}

/** The zonage.json key of the practitioner and pharmacy lists. */
export const LIST_KEY = { medecins: 'practitioners', pharmacies: 'pharmacies' } as const;

/** A zonage year as published: an existing year keeps its file and validity unless told otherwise. */
export function publishedYear(
  previous: ZonageYear | undefined,
  y: { year: number; scheme: string; profession: string; source: string; validFrom?: string; validUntil?: string },
): ZonageYear & { file: string } {
  return {
    year: y.year,
    scheme: y.scheme,
    profession: y.profession,
    file: previous?.file ?? `zonages/${y.profession}-${y.year}.csv`,
    validFrom: y.validFrom ?? previous?.validFrom ?? `${y.year}-01-01`,
    validUntil: y.validUntil ?? previous?.validUntil ?? `${y.year}-12-31`,
    example: false,
    source: y.source,
  };
}

// ---- Commands shown for copy-paste ----------------------------------------------------------------
// A file name comes from the user's disk and may hold anything (`$(touch x).json`, quotes, spaces): it is
// single-quoted for a POSIX shell, where nothing is interpreted, and a leading « - » is made a path so the
// command never reads it as an option. Pages call these; they never build commands themselves.

/** A word as a POSIX shell reads it literally. */
export function shellQuote(word: string): string {
  const w = word.startsWith('-') ? `./${word}` : word;
  return /^[A-Za-z0-9._/@%+=:,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The publish command for a file checked in the browser. */
export function publishCommand(o: { kind: ImportKind; file: string; territory: string; year?: number; profession?: string; keepValid?: boolean; replace?: boolean }): string {
  const zonage = o.kind === 'zonage' && o.year ? ` --year ${o.year}${o.profession ? ` --profession ${shellQuote(o.profession)}` : ''}` : '';
  return `npm run --silent publish:data -- ${o.kind} ${shellQuote(o.file)} --territory ${shellQuote(o.territory)}${zonage}${o.keepValid ? ' --keep-valid' : ''}${o.replace ? ' --replace' : ''}`;
}

/** The command that accepts offer files reviewed in the browser. */
export function acceptOffersCommand(files: string[], territory: string, replace = false): string {
  return `npm run --silent cli -- offers accept ${files.map(shellQuote).join(' ')} --territory ${shellQuote(territory)}${replace ? ' --replace' : ''}`;
}

// ---- Publishing from the browser: one zip of the new published state -----------------------------
// A chargé de mission without Node gets, in one download, the file the site reads (public/data/<id>/
// zonage.json, served as data/<id>/zonage.json) and the normalized file the project keeps, with French
// instructions. The zip is the same for the same inputs (fixed dates).

/** One imported file of a publication: what it is, where it came from, its normalized form. */
export interface PublishedFile {
  /** What was imported, e.g. « zonage 2027 », « professionnels ». */
  label: string;
  /** The imported file's name, as given by the user. */
  sourceFile: string;
  /** The normalized file's path inside data/territories/<id>/ and its content. */
  dataFile: string;
  dataContent: string;
}

/** An offer accepted in « Gestion » (the checks of `offers accept`): the offer and the photos sent with it. */
export interface PublishedOffer {
  offer: Offer;
  /** The offer file's name, as received. */
  sourceFile: string;
  /** photos/… files sent with the offer (already published ones are not repeated). */
  photos: Array<{ src: string; bytes: Uint8Array }>;
}

/** A publication: every file imported in the session, and the site's file that holds them all. */
export interface BrowserPublication {
  territory: string;
  territoryName: string;
  files: PublishedFile[];
  /** The new public/data/<id>/zonage.json, as the build writes it, with every file above applied. */
  bundleJson: string;
  offers?: PublishedOffer[];
  /** The site's offers (public/data/<id>/offres.json) the new ones are added to. */
  publishedOffers?: Offer[];
  /** The day the site's offres.json is written for: offers expired by then are left out, as the build does. */
  asOf?: string;
}

/** The new public/data/<id>/offres.json: the published offers, the accepted ones added or replacing theirs. */
export function offersJson(territory: string, published: Offer[], added: Offer[], asOf: string): string {
  const kept = published.filter((o) => !added.some((a) => a.id === o.id));
  return JSON.stringify({ territory, offers: publishedOffers([...kept, ...added], asOf) }) + '\n';
}

export function publicationInstructions(p: BrowserPublication): string {
  const years = p.files.filter((f) => f.label.startsWith('zonage'));
  const offers = p.offers ?? [];
  const photos = offers.some((o) => o.photos.length);
  const step = (() => {
    let n = 0;
    return () => ++n;
  })();
  return [
    `Publication — ${p.territoryName}`,
    ...p.files.map((f) => `- ${f.label} : fichier importé ${f.sourceFile}`),
    ...offers.map((o) => `- offre « ${o.offer.id} » : fichier reçu ${o.sourceFile}${o.photos.length ? ` et ${o.photos.length} photo${o.photos.length > 1 ? 's' : ''}` : ''}`),
    '',
    ...(p.files.length
      ? [
          `${step()}. Mettre le site à jour (aucun outil à installer) :`,
          `   copiez site/data/${p.territory}/zonage.json sur le serveur web, dans le dossier du site,`,
          `   à la place du fichier data/${p.territory}/zonage.json (gardez une copie de l'ancien).`,
          `   Ce fichier contient tous les imports ci-dessus : ne copiez que celui de la dernière publication.`,
          '   Rechargez la carte : la nouvelle version s\'affiche, sans la mention « exemple » pour ces données.',
          '',
        ]
      : []),
    ...(offers.length
      ? [
          `${step()}. Publier les offres sur le site :`,
          `   copiez site/data/${p.territory}/offres.json sur le serveur web, à la place du fichier data/${p.territory}/offres.json`,
          `   (il contient les offres déjà publiées et celles ci-dessus)${photos ? `, et les photos de site/data/${p.territory}/photos/ dans le dossier data/${p.territory}/photos/` : ''}.`,
          '',
        ]
      : []),
    `${step()}. Garder les sources dans le projet (pour les prochaines reconstructions) :`,
    `   copiez le contenu de projet/data/territories/${p.territory}/ dans le dossier data/territories/${p.territory}/ du projet${offers.length ? ` (les offres vont dans offres/, leurs photos dans offres/photos/)` : ''}.`,
    ...(p.files.length
      ? [
          years.length
            ? `   Une année de zonage (${years.map((f) => f.label).join(', ')}) se déclare aussi dans data/territories/${p.territory}/zonage.json (rubrique « years »),\n   ou lancez les commandes de publication indiquées dans la page, qui font tout.`
            : `   Dans data/territories/${p.territory}/zonage.json, indiquez la source et « example »: false pour ces listes,\n   ou lancez les commandes de publication indiquées dans la page, qui font tout.`,
          '',
          'Les lignes rejetées à l\'import ne sont pas dans ces fichiers : corrigez le fichier d\'origine et recommencez si besoin.',
        ]
      : []),
    ...(offers.length ? ['', 'Les offres refusées dans « Gestion » ne sont pas dans ces fichiers : renvoyez le message affiché à la commune.'] : []),
    '',
  ].join('\n');
}

/**
 * The zip: LISEZMOI.txt, site/data/<id>/zonage.json when a file is imported, projet/data/territories/<id>/<file>
 * for every file; for offers, site/data/<id>/offres.json and photos/, projet/…/offres/<id>.json and offres/photos/.
 */
export function publicationZip(p: BrowserPublication): Uint8Array {
  const mtime = new Date('2026-01-01T00:00:00Z');
  const offers = p.offers ?? [];
  const site = `site/data/${p.territory}`;
  const project = `projet/data/territories/${p.territory}`;
  return zipSync(
    {
      'LISEZMOI.txt': [strToU8(publicationInstructions(p).replace(/\n/g, '\r\n')), { mtime }],
      ...(p.files.length ? { [`${site}/zonage.json`]: [strToU8(p.bundleJson), { mtime }] } : {}),
      ...Object.fromEntries(p.files.map((f) => [`${project}/${f.dataFile}`, [strToU8(f.dataContent), { mtime }]])),
      ...(offers.length
        ? { [`${site}/offres.json`]: [strToU8(offersJson(p.territory, p.publishedOffers ?? [], offers.map((o) => o.offer), p.asOf ?? '0000-01-01')), { mtime }] }
        : {}),
      ...Object.fromEntries(
        offers.flatMap((o) => [
          [`${project}/offres/${offerFileName(o.offer)}`, [strToU8(offerFile(o.offer)), { mtime }]],
          ...o.photos.flatMap((ph) => [
            [`${project}/offres/${ph.src}`, [ph.bytes, { mtime, level: 0 }]],
            [`${site}/${ph.src}`, [ph.bytes, { mtime, level: 0 }]],
          ]),
        ]),
      ),
    },
    { level: 6 },
  );
}

/** The zip's file name, e.g. publication-charente-maritime-zonage-2027-pharmacies-offres.zip. */
export const publicationZipName = (p: Pick<BrowserPublication, 'territory' | 'files' | 'offers'>) =>
  `publication-${p.territory}-${[...p.files.map((f) => f.label), ...(p.offers?.length ? ['offres'] : [])].join(' ').normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.zip`;
