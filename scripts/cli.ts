// npm run --silent cli -- <command> … — JSON on stdout, French messages on stderr, for scripts and checks.
//   import <zonage|medecins|pharmacies> <file> --territory <id> [--year Y] [--profession P] [--rejects FILE]
//   zonages --territory <id>   (every zonage: scheme, authority, dates, source, example)
//   zonage --territory <id> [--profession P] [--date YYYY-MM-DD] [--scheme S] [--year Y]
//          [--zonage-file F --medecins-file F --pharmacies-file F --mouvements-file F]
//   aides --territory <id> --commune <code> --date <YYYY-MM-DD> [--profile <json file>]
//          [--zonage-file F --medecins-file F --pharmacies-file F]
//   publish <zonage|medecins|pharmacies> <file> --territory <id> [--year Y --profession P
//          --valid-from D --valid-until D] [--source TEXT] [--keep-valid]
//   publish zonage <file> --territory <id> --scheme ars-<profession> --year Y --valid-from D --source TEXT
//          [--valid-until D] [--format cartosante|nom-code-postal|projet] [--keep-valid]
//          (a newer ARS list, from its date; the format is read from the first line when not given:
//          « CartoSanté; ; » banner, a postal code + commune name + class header, or code_insee,zone)
//   movements --territory <id> --from <file> --from-date D --to <file> --to-date D [--mouvements-file F] [--rejects FILE]
//   (national files are streamed; progress on stderr in a terminal; --rejects writes every rejection)
//   movements --territory <id>   (the territory's movements: register dates and declared file)
//   offers check <file…> --territory <id>    offers accept <file…> --territory <id>
//   suivi [check] --territory <id> [--register FILE] [--year N]   (scripts/cli/suivi.ts)
//   import zonages-nationaux FILE ; publish zonages-nationaux FILE [--keep-valid]   (scripts/cli/zonages-nationaux.ts)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { communeResolver, practitionersSink, type ImportReport } from '../src/core/import/index.ts';
import { importSummary } from '../src/core/import/summary.ts';
import { importSink, isImportKind } from '../src/core/publication.ts';
import { importMovements } from '../src/core/import/index.ts';
import { RejectsFile, streamFile } from './lib/stream-import.ts';
import { diffSnapshots, mergeMovements, type Movement } from '../src/core/movements.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import { dateForYear, defaultScheme, noZonageText, professionsOf, zonageInForce, zonageList, zonageView } from '../src/core/zonage/bundle.ts';
import { communeContext, evaluateAids } from '../src/core/aids/engine.ts';
import { count } from '../src/core/format.ts';
import { isIsoDate, parisToday } from '../src/core/dates.ts';
import { parseProfile } from '../src/core/aids/profile.ts';
import { buildAidCatalogue } from './build-aids.ts';
import { isApplicable } from '../src/core/aids/model.ts';
import { schemeFor } from '../src/core/zonage/config.ts';
import { buildZonageBundle } from './build-zonage.ts';
import { PublishError, acceptOffers, checkOffers, publish, publishArsList, type PublishKind } from './publish.ts';
import { isArsScheme } from '../src/core/ars/schemes.ts';
import { arreteListSummary } from '../src/core/ars/arrete-list.ts';
import { dataDir, loadCog, loadTerritories, loadZonageConfig } from './lib/inputs.ts';
import { runSuivi } from './cli/suivi.ts';
import { runZonagesNationaux } from './cli/zonages-nationaux.ts';
import { NationalPublishError } from './publish-national-zonages.ts';

class UsageError extends Error {}

function territoryOf(id: string | undefined) {
  if (!id) throw new UsageError('option --territory obligatoire (charente-maritime, mauges…).');
  const t = loadTerritories().find((x) => x.id === id);
  if (!t) throw new UsageError(`territoire inconnu « ${id} » ; territoires : ${loadTerritories().map((x) => x.id).join(', ')}.`);
  return t;
}

function readFile(file: string): Uint8Array {
  if (!fs.existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
  return new Uint8Array(fs.readFileSync(file));
}

/** The report as the import command prints it: exact counts, first rejections, file errors apart. */
export function reportJson(report: ImportReport<unknown>) {
  return {
    format: report.format,
    read: report.read,
    accepted: report.accepted,
    rejectedCount: report.rejectedCount,
    ignored: report.ignored,
    unread: report.unread,
    fileErrors: report.fileErrors,
    encoding: report.encoding,
    separator: report.separator,
    rejected: report.rejected,
    warningCount: report.warningCount,
    warnings: report.warnings,
  };
}

const summary = (name: string, r: ImportReport<unknown>) => `${importSummary(name, r)}\n`;

async function runImport(kind: string | undefined, file: string | undefined, values: Record<string, string | undefined>): Promise<number> {
  if (!kind || !file) throw new UsageError('usage : import <zonage|medecins|pharmacies> <fichier> --territory <id> [--rejects FICHIER]');
  const territory = territoryOf(values.territory);
  const communes = territoryCommunes(loadCog(), territory);
  const resolve = communeResolver(communes);
  if (!fs.existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
  const name = path.basename(file);
  if (!isImportKind(kind)) throw new UsageError(`type d'import inconnu « ${kind} » (zonage, medecins ou pharmacies).`);
  const config = loadZonageConfig(territory.id);
  const year = values.year ? Number(values.year) : undefined;
  const profession = values.profession ?? config.years.find((y) => y.year === year)?.profession ?? config.schemes[0].professions[0];
  if (kind === 'zonage' && !schemeFor(config, profession)) throw new UsageError(`aucun zonage pour la profession « ${profession} » dans ${territory.name}.`);
  const rejects = values.rejects ? new RejectsFile(values.rejects) : undefined;
  // Only the counts are printed: the kept rows are not held (memory stays bounded by the file's chunks).
  const sink = importSink(kind, name, { communes, schemes: config.schemes, profession, resolve }, { onReject: rejects?.sink(name), keepRows: kind === 'zonage' });
  const report = await streamFile(file, sink);
  rejects?.close();
  process.stdout.write(JSON.stringify(reportJson(report), null, 2) + '\n');
  process.stderr.write(summary(name, report));
  for (const e of report.fileErrors) process.stderr.write(`erreur de fichier : ${e}\n`);
  if (report.rejectedCount > report.rejected.length && !rejects) process.stderr.write(`Le rapport liste les ${report.rejected.length} premières lignes rejetées ; --rejects FICHIER les écrit toutes.\n`);
  return report.rejectedCount || report.fileErrors.length ? 1 : 0;
}

/** Today in ISO (UTC), the CLI's default date. */
const today = () => parisToday();

function runZonages(values: Record<string, string | undefined>): number {
  const territory = territoryOf(values.territory);
  if (values.date && !isIsoDate(values.date)) throw new UsageError(`date « ${values.date} » invalide (AAAA-MM-JJ).`);
  const { bundle } = buildZonageBundle(territory.id);
  process.stdout.write(JSON.stringify(zonageList(bundle, values.date ?? today()), null, 2) + '\n');
  return 0;
}

/**
 * The effective class of every commune: the profession defaults to the territory's first, the date to
 * today, the scheme and year to the zonage in force at the date (the territory's own scheme first).
 * `--year` alone keeps its former meaning: that year's zonage, read at today's date within its period.
 */
function runZonage(values: Record<string, string | undefined>): number {
  const territory = territoryOf(values.territory);
  if (values.year && !/^\d{4}$/.test(values.year)) throw new UsageError(`année « ${values.year} » invalide (AAAA).`);
  if (values.date && !isIsoDate(values.date)) throw new UsageError(`date « ${values.date} » invalide (AAAA-MM-JJ).`);
  const year = values.year ? Number(values.year) : undefined;
  const { bundle, problems, warnings } = buildZonageBundle(territory.id, {
    zonage: values['zonage-file'],
    medecins: values['medecins-file'],
    pharmacies: values['pharmacies-file'],
    mouvements: values['mouvements-file'],
    year,
  });
  for (const w of warnings) process.stderr.write(`avertissement : ${w}\n`);
  for (const p of problems) process.stderr.write(`rejeté : ${p}\n`);
  const scheme = values.scheme;
  if (scheme && !bundle.schemes.some((s) => s.id === scheme)) throw new UsageError(`zonage « ${scheme} » inconnu dans ${territory.name} ; zonages : ${bundle.schemes.map((s) => s.id).join(', ')}.`);
  const profession =
    values.profession ??
    (year !== undefined ? bundle.zonages.find((z) => z.year === year && (!scheme || z.scheme === scheme))?.profession : undefined) ??
    (scheme ? bundle.zonages.find((z) => z.scheme === scheme)?.profession : undefined) ??
    professionsOf(bundle)[0];
  if (!profession || !professionsOf(bundle).includes(profession)) throw new UsageError(`aucun zonage${values.profession ? ` pour ${values.profession}` : ''} dans ${territory.name}.`);
  const date = values.date;
  let z;
  if (year !== undefined) {
    z = bundle.zonages.find((x) => x.year === year && x.profession === profession && x.scheme === (scheme ?? defaultScheme(bundle, profession)));
    if (!z) throw new UsageError(`aucun zonage ${year} pour ${profession}${scheme ? ` (${scheme})` : ''} dans ${territory.name}.`);
  } else {
    const at = date ?? today();
    z = zonageInForce(bundle, profession, at, scheme);
    if (!z) {
      const why = noZonageText(bundle, profession, at, scheme)!;
      process.stderr.write(`${why.charAt(0).toUpperCase() + why.slice(1)}.\n`);
      // The latest zonage begun is still listed, its classes marked as not in force.
      z = bundle.zonages
        .filter((x) => x.profession === profession && x.scheme === (scheme ?? defaultScheme(bundle, profession)) && x.validFrom <= at)
        .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
      if (!z) return 1;
    }
  }
  const view = zonageView(bundle, profession, z.year, date ?? (year !== undefined ? dateForYear(z, today()) : today()), z.scheme)!;
  const names = new Map(territoryCommunes(loadCog(), territory).map((c) => [c.code, c.nom]));
  const label = (id: string | undefined) => (id ? (view.scheme.classes.find((k) => k.id === id)?.label ?? id) : null);
  const current = view.status.inForce || year !== undefined;
  const status = view.status.state === 'en-vigueur' ? [] : [`${view.scheme.label} ${view.zonage.year} : ${view.status.text}.`];
  const rows = [...names].map(([code, nom]) => {
    const c = view.classes.get(code);
    return {
      code,
      nom,
      base: c?.base ?? null,
      baseLabel: label(c?.base),
      effective: current ? (c?.effective ?? null) : null,
      reasons: c ? [...status, ...c.reasons] : [...status, 'Commune absente du fichier de zonage : non classée.'],
      source: view.zonage.source,
      example: view.example,
    };
  });
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  return problems.length ? 1 : 0;
}

function runAides(values: Record<string, string | undefined>): number {
  const territory = territoryOf(values.territory);
  if (!values.commune) throw new UsageError('option --commune <code INSEE> obligatoire.');
  if (!isIsoDate(values.date)) throw new UsageError(`option --date AAAA-MM-JJ obligatoire${values.date ? ` (« ${values.date} » n'est pas une date)` : ''}.`);
  const date = values.date;
  const communes = territoryCommunes(loadCog(), territory);
  const found = communeResolver(communes)(values.commune);
  if (!found) throw new UsageError(`commune « ${values.commune} » inconnue dans ${territory.name}.`);
  if (found.former) process.stderr.write(`avertissement : ancien code ${found.former.code} (${found.former.nom}) rattaché à ${found.commune.code} ${found.commune.nom}.\n`);
  let profile = {};
  if (values.profile) {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(readFile(values.profile)));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${values.profile} : JSON illisible (${(e as Error).message}).`);
    }
    const parsed = parseProfile(raw);
    if (parsed.problems.length) throw new UsageError(`${values.profile} : profil invalide :\n- ${parsed.problems.join('\n- ')}`);
    profile = parsed.profile;
  }
  const { catalogue, problems: aidProblems } = buildAidCatalogue(territory.id);
  if (aidProblems.length) throw new UsageError(`catalogue des aides invalide :\n- ${aidProblems.join('\n- ')}`);
  const { bundle, problems } = buildZonageBundle(territory.id, { zonage: values['zonage-file'], medecins: values['medecins-file'], pharmacies: values['pharmacies-file'] });
  for (const p of problems) process.stderr.write(`rejeté : ${p}\n`);
  const c = found.commune;
  // The département's own work (fiche 1) is not an aid to apply for.
  // Zones are read at each aid's own date (the dossier's, the eve of an installation), as in the app.
  const evaluation = evaluateAids(catalogue.aids.filter(isApplicable), communeContext(bundle, { code: c.code, nom: c.nom, population: c.population }, date), profile);
  const out = evaluation.results.map((r) => ({
    id: r.id,
    title: r.title,
    source: r.source,
    eligible: r.eligible,
    amount: r.amount,
    ceiling: r.ceiling,
    commitments: r.commitments,
    deadlines: r.deadlines,
    reasons: r.reasons,
  }));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  const open = evaluation.results.filter((r) => r.eligible !== 'no').length;
  const total = evaluation.totalFor ? `total des montants certains pour ce bénéficiaire : ${evaluation.total} €` : 'pas de total sans bénéficiaire choisi (profil, champ beneficiary)';
  process.stderr.write(`${c.nom} (${c.code}) au ${date} : ${count(open, 'aide ouverte ou à préciser', 'aides ouvertes ou à préciser')} sur ${out.length} ; ${total}.\n`);
  for (const x of evaluation.conflicts) process.stderr.write(`non cumulables : ${x.text}\n`);
  return problems.length ? 1 : 0;
}

async function runPublish(kind: string | undefined, file: string | undefined, values: Record<string, string | boolean | undefined>): Promise<number> {
  if (!kind || !file) {
    throw new UsageError(
      'usage : publish <zonage|medecins|pharmacies> <fichier> --territory <id> [--year AAAA] ; nouvelle liste ARS : publish zonage <fichier> --territory <id> --scheme ars-<profession> --year AAAA --valid-from AAAA-MM-JJ --source « arrêté du … » [--valid-until AAAA-MM-JJ] [--format cartosante|nom-code-postal|projet, reconnu sur la première ligne sinon] [--keep-valid]',
    );
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (!str('territory')) throw new UsageError('option --territory obligatoire (charente-maritime, mauges…).');
  if (str('year') !== undefined && !/^\d{4}$/.test(str('year')!)) throw new UsageError(`année « ${str('year')} » invalide (AAAA).`);
  const scheme = str('scheme');
  if (kind === 'zonage' && scheme && isArsScheme(scheme)) return await runPublishArs(file, str, values['keep-valid'] === true);
  if (str('format')) throw new UsageError('--format ne sert qu\'aux listes ARS (--scheme ars-<profession>).');
  let result;
  try {
    result = await publish({
      territory: str('territory')!,
      kind: kind as PublishKind,
      file,
      year: str('year') ? Number(str('year')) : undefined,
      profession: str('profession'),
      scheme,
      validFrom: str('valid-from'),
      validUntil: str('valid-until'),
      source: str('source'),
      keepValid: values['keep-valid'] === true,
    });
  } catch (e) {
    if (e instanceof PublishError) throw new UsageError(e.message);
    throw e;
  }
  const { report } = result;
  const out = {
    published: result.published,
    files: result.written.map((f) => path.relative(process.cwd(), f)),
    read: report.read,
    accepted: report.accepted,
    rejectedCount: report.rejectedCount,
    fileErrors: report.fileErrors,
    rejected: report.rejected,
    warnings: report.warnings,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  if (result.refused) process.stderr.write(`${path.basename(file)} : ${result.refused}\n`);
  else process.stderr.write(`${path.basename(file)} : publié (${count(report.accepted, 'ligne', 'lignes')}) → ${out.files.join(', ')}\n`);
  return result.published && !report.rejectedCount ? 0 : 1;
}

/** A newer ARS list: what was counted (read = accepted + rejected + ignored), then published or why not. */
async function runPublishArs(file: string, str: (k: string) => string | undefined, keepValid: boolean): Promise<number> {
  let result;
  try {
    result = await publishArsList({
      territory: str('territory')!,
      file,
      scheme: str('scheme')!,
      profession: str('profession'),
      year: str('year') ? Number(str('year')) : undefined,
      validFrom: str('valid-from'),
      validUntil: str('valid-until'),
      source: str('source'),
      format: str('format'),
      keepValid,
    });
  } catch (e) {
    if (e instanceof PublishError) throw new UsageError(e.message);
    throw e;
  }
  const { report } = result;
  const classes: Record<string, number> = {};
  for (const c of report.classes.values()) classes[c] = (classes[c] ?? 0) + 1;
  const out = {
    published: result.published,
    files: result.written.map((f) => path.relative(process.cwd(), f)),
    format: report.format,
    read: report.read,
    accepted: report.accepted,
    rejectedCount: report.rejectedCount,
    ignored: report.ignored,
    fileErrors: report.fileErrors,
    rejected: report.rejected,
    warnings: report.warnings,
    missing: report.missing,
    communesPerClass: classes,
    year: result.entry ?? null,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  const name = path.basename(file);
  process.stderr.write(`${arreteListSummary(name, report)}\n`);
  for (const e of report.fileErrors) process.stderr.write(`erreur de fichier : ${e}\n`);
  for (const n of result.notes) process.stderr.write(`note : ${n}\n`);
  if (result.refused) process.stderr.write(`${name} : ${result.refused}\n`);
  else process.stderr.write(`${name} : publié, ${count(report.classes.size, 'commune classée', 'communes classées')} à partir du ${result.entry!.validFrom} → ${out.files.join(', ')}\n`);
  return result.published && !report.rejectedCount ? 0 : 1;
}

/** The JSON of a movement, as documented: a move is a cessation plus an installation. */
const movementJson = (m: Movement) => ({
  type: m.type,
  date: m.date,
  commune: m.commune,
  profession: m.profession,
  mode: m.mode,
  rpps: m.rpps ?? null,
  cause: m.cause,
  source: m.source,
  ...(m.after ? { after: m.after } : {}),
});

async function runMovements(values: Record<string, string | undefined>): Promise<number> {
  const territory = territoryOf(values.territory);
  if (!values.from && !values.to) {
    const { bundle, problems } = buildZonageBundle(territory.id, { mouvements: values['mouvements-file'] });
    for (const n of bundle.movements.notes) process.stderr.write(`note : ${n}\n`);
    for (const p of problems) process.stderr.write(`rejeté : ${p}\n`);
    process.stdout.write(JSON.stringify(bundle.movements.rows.map(movementJson), null, 2) + '\n');
    return problems.length ? 1 : 0;
  }
  for (const key of ['from', 'to', 'from-date', 'to-date']) if (!values[key]) throw new UsageError(`option --${key} obligatoire pour comparer deux extractions.`);
  for (const key of ['from-date', 'to-date']) if (!isIsoDate(values[key])) throw new UsageError(`option --${key} : « ${values[key]} » n'est pas une date AAAA-MM-JJ.`);
  const resolve = communeResolver(territoryCommunes(loadCog(), territory));
  const rejects = values.rejects ? new RejectsFile(values.rejects) : undefined;
  const snapshot = async (file: string, date: string) => {
    if (!fs.existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
    const name = path.basename(file);
    // Streamed: only the territory's activities are kept, whatever the size of the national file.
    const report = await streamFile(file, practitionersSink(name, { resolve }, { onReject: rejects?.sink(name) }));
    for (const e of report.fileErrors) process.stderr.write(`erreur de fichier : ${e}\n`);
    for (const r of report.rejected) process.stderr.write(`rejeté : ${r.message}\n`);
    for (const w of report.warnings) process.stderr.write(`avertissement : ${w.message}\n`);
    process.stderr.write(summary(`${name} (${report.format})`, report));
    return { rows: report.rows, date, file: name, rejected: report.rejectedCount + report.fileErrors.length };
  };
  const from = await snapshot(values.from!, values['from-date']!);
  const to = await snapshot(values.to!, values['to-date']!);
  rejects?.close();
  const diff = diffSnapshots(from, to);
  for (const w of diff.warnings) process.stderr.write(`avertissement : ${w}\n`);
  let movements = diff.movements;
  let rejected = from.rejected + to.rejected;
  if (values['mouvements-file']) {
    const declared = importMovements(path.basename(values['mouvements-file']), readFile(values['mouvements-file']), { resolve });
    for (const r of [...declared.fileErrors, ...declared.rejected.map((x) => x.message)]) process.stderr.write(`rejeté : ${r}\n`);
    rejected += declared.rejectedCount + declared.fileErrors.length;
    const merged = mergeMovements(declared.rows, diff.movements, { from, to });
    for (const c of merged.conflicts) process.stderr.write(`conflit : ${c}\n`);
    if (merged.duplicates) process.stderr.write(`${count(merged.duplicates, 'mouvement déclaré déjà vu dans les extractions, compté', 'mouvements déclarés déjà vus dans les extractions, comptés')} une fois.\n`);
    movements = merged.movements;
  }
  const ofType = (t: string) => movements.filter((m) => m.type === t).length;
  process.stderr.write(`${count(ofType('installation'), 'installation', 'installations')}, ${count(ofType('cessation'), 'cessation', 'cessations')} entre le ${from.date} et le ${to.date}.\n`);
  process.stdout.write(JSON.stringify(movements.map(movementJson), null, 2) + '\n');
  return rejected ? 1 : 0;
}

/**
 * Offers sent by town halls: `check` reports on each file; `accept` runs the same checks, then writes the
 * valid ones into data/territories/<id>/offres/ and rebuilds public/data/<id>/offres.json, atomically.
 * Nothing is written when a file is invalid, shares its id with another of the batch or would replace
 * an offer (without --replace).
 */
function runOffers(action: string | undefined, files: string[], values: Record<string, string | undefined>): number {
  if (action !== 'check' && action !== 'accept') throw new UsageError('usage : offers <check|accept> <fichier.json…> --territory <id>');
  if (!files.length) throw new UsageError('au moins un fichier d\'offre.');
  const territory = territoryOf(values.territory);
  let result;
  try {
    result = action === 'check' ? { ...checkOffers(territory.id, files, !!values.replace), written: [], published: 0 } : acceptOffers(territory.id, files, { replace: !!values.replace });
  } catch (e) {
    if (e instanceof PublishError) throw new UsageError(e.message);
    throw e;
  }
  const { report } = result;
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  for (const r of report) process.stderr.write(r.valid ? `${r.file} : offre « ${r.id} » valide.\n` : `${r.file} :\n- ${r.problems.join('\n- ')}\n`);
  if (report.some((r) => !r.valid)) {
    if (action === 'accept') process.stderr.write('Rien n\'est écrit : corrigez les fichiers signalés.\n');
    return 1;
  }
  if (action === 'accept') {
    process.stderr.write(`${count(report.length, 'offre ajoutée', 'offres ajoutées')} à ${path.relative(process.cwd(), path.join(dataDir(), territory.id, 'offres'))} ; ${count(result.published, 'offre publiée', 'offres publiées')} dans public/data/${territory.id}/offres.json.\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      territory: { type: 'string' },
      year: { type: 'string' },
      profession: { type: 'string' },
      date: { type: 'string' },
      scheme: { type: 'string' },
      'zonage-file': { type: 'string' },
      'medecins-file': { type: 'string' },
      'pharmacies-file': { type: 'string' },
      'mouvements-file': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'from-date': { type: 'string' },
      'to-date': { type: 'string' },
      'valid-from': { type: 'string' },
      'valid-until': { type: 'string' },
      source: { type: 'string' },
      'keep-valid': { type: 'boolean' },
      format: { type: 'string' },
      replace: { type: 'boolean' },
      commune: { type: 'string' },
      profile: { type: 'string' },
      rejects: { type: 'string' },
      register: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  const strings = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as Record<string, string | undefined>;
  if ((command === 'import' || command === 'publish') && rest[0] === 'zonages-nationaux') {
    try {
      return await runZonagesNationaux(command, rest[1], values);
    } catch (e) {
      if (e instanceof NationalPublishError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (command === 'import') return await runImport(rest[0], rest[1], strings);
  if (command === 'zonage') return runZonage(strings);
  if (command === 'zonages') return runZonages(strings);
  if (command === 'publish') return await runPublish(rest[0], rest[1], values);
  if (command === 'aides') return runAides(strings);
  if (command === 'movements') return await runMovements(strings);
  if (command === 'offers') return runOffers(rest[0], rest.slice(1), { ...strings, replace: values.replace ? 'oui' : undefined });
  if (command === 'suivi') return await runSuivi(rest, strings);
  throw new UsageError(`commande inconnue « ${command ?? ''} » : import, zonages, zonage, aides, movements, offers ou publish.`);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    process.stderr.write(`Erreur : ${e.message}\n`);
    process.exitCode = 2;
  },
);
