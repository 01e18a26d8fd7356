// The yearly import as the CLI, the publish command and the browser all run it: one importer per kind
// of file, the normalized file it gives, and the declaration of a newly published zonage year.
import { strToU8, zipSync } from 'fflate';
import type { Commune } from './communes.ts';
import { communeResolver, pharmaciesSink, practitionersSink, zonageSink, type CommuneResolver, type ImportReport, type ImportSink, type SinkOptions, type ZonageRow } from './import/index.ts';
import { runSink } from './import/table.ts';
import { pharmaciesFile, practitionersFile, zonageFile } from './import/normalized.ts';
import type { ZonageYear } from './zonage/config.ts';
import type { Pharmacy, Practitioner, ZonageScheme } from './zonage/model.ts';

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

/** A publication: every file imported in the session, and the site's file that holds them all. */
export interface BrowserPublication {
  territory: string;
  territoryName: string;
  files: PublishedFile[];
  /** The new public/data/<id>/zonage.json, as the build writes it, with every file above applied. */
  bundleJson: string;
}

export function publicationInstructions(p: BrowserPublication): string {
  const years = p.files.filter((f) => f.label.startsWith('zonage'));
  return [
    `Publication — ${p.territoryName}`,
    ...p.files.map((f) => `- ${f.label} : fichier importé ${f.sourceFile}`),
    '',
    '1. Mettre le site à jour (aucun outil à installer) :',
    `   copiez site/data/${p.territory}/zonage.json sur le serveur web, dans le dossier du site,`,
    `   à la place du fichier data/${p.territory}/zonage.json (gardez une copie de l'ancien).`,
    `   Ce fichier contient tous les imports ci-dessus : ne copiez que celui de la dernière publication.`,
    '   Rechargez la carte : la nouvelle version s\'affiche, sans la mention « exemple » pour ces données.',
    '',
    '2. Garder les sources dans le projet (pour les prochaines reconstructions) :',
    `   copiez le contenu de projet/data/territories/${p.territory}/ dans le dossier data/territories/${p.territory}/ du projet.`,
    years.length
      ? `   Une année de zonage (${years.map((f) => f.label).join(', ')}) se déclare aussi dans data/territories/${p.territory}/zonage.json (rubrique « years »),\n   ou lancez les commandes de publication indiquées dans la page, qui font tout.`
      : `   Dans data/territories/${p.territory}/zonage.json, indiquez la source et « example »: false pour ces listes,\n   ou lancez les commandes de publication indiquées dans la page, qui font tout.`,
    '',
    'Les lignes rejetées à l\'import ne sont pas dans ces fichiers : corrigez le fichier d\'origine et recommencez si besoin.',
    '',
  ].join('\n');
}

/** The zip: LISEZMOI.txt, site/data/<id>/zonage.json, projet/data/territories/<id>/<file> for every file. */
export function publicationZip(p: BrowserPublication): Uint8Array {
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      'LISEZMOI.txt': [strToU8(publicationInstructions(p).replace(/\n/g, '\r\n')), { mtime }],
      [`site/data/${p.territory}/zonage.json`]: [strToU8(p.bundleJson), { mtime }],
      ...Object.fromEntries(p.files.map((f) => [`projet/data/territories/${p.territory}/${f.dataFile}`, [strToU8(f.dataContent), { mtime }]])),
    },
    { level: 6 },
  );
}

/** The zip's file name, e.g. publication-charente-maritime-zonage-2027-pharmacies.zip. */
export const publicationZipName = (p: Pick<BrowserPublication, 'territory' | 'files'>) =>
  `publication-${p.territory}-${p.files.map((f) => f.label).join(' ').normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.zip`;
