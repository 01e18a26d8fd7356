// npm run build:zonage — validates each territory's zonage data (data/territories/<id>/) with the import
// core and writes the normalized result the app reads: public/data/<id>/zonage.json.
// Any rejected row fails the build with its file, line, field and French message.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, importMovements, importPharmacies, importPractitioners, importZonage, problemsOf, type ImportReport } from '../src/core/import/index.ts';
import { applyMovements, mergeMovements, registerMovements, type Movement } from '../src/core/movements.ts';
import { territoryCommunes } from '../src/core/communes.ts';
import type { ZonageBundle } from '../src/core/zonage/bundle.ts';
import { publicBundle } from '../src/core/zonage/public-bundle.ts';
import { ROOT, arsOut, dataDir, publicAsOf, loadArsSchemes, loadCog, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';
import { readTable, type ArsTableFile } from '../src/core/ars/table-file.ts';
import { territoryArsList } from '../src/core/ars/territory-list.ts';
import { territoryReplacement } from '../src/core/ars/replaced.ts';
import { CommuneIndex } from '../src/core/ars/commune-index.ts';
import { arsClasses, classReader } from '../src/core/ars/schemes.ts';
import { createRequire } from 'node:module';
import type { CogCommune } from '../src/core/communes.ts';
import { count, plural } from '../src/core/format.ts';
import { paths } from './lib/paths.ts';

let nationalIndex: CommuneIndex | undefined;
/** Every commune of France, current, delegated and former: ARS lists cover whole regions. */
const communeIndex = () => (nationalIndex ??= new CommuneIndex(createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]));

/** A territory's share of a national ARS class table (public/data/ars/<profession>.json, npm run build:ars). */
function arsShare(profession: string, communes: Set<string>): ReturnType<typeof readTable> & { missing: string[]; replacement: ReturnType<typeof territoryReplacement> } {
  const file = path.join(arsOut(), `${profession}.json`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(process.cwd(), file)} introuvable : lancez npm run build:ars.`);
  const table = JSON.parse(fs.readFileSync(file, 'utf8')) as ArsTableFile;
  const share = readTable(table, communes);
  return { ...share, missing: [...communes].filter((c) => share.classes[c] === undefined), replacement: territoryReplacement(table, communes) };
}

function check(report: ImportReport<unknown>, problems: string[]) {
  problems.push(...problemsOf(report));
}

export function buildZonageBundle(territoryId: string, overrides: { zonage?: string; medecins?: string; pharmacies?: string; mouvements?: string; year?: number } = {}): {
  bundle: ZonageBundle;
  problems: string[];
  warnings: string[];
} {
  const cog = loadCog();
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new Error(`Territoire inconnu : ${territoryId}.`);
  const config = loadZonageConfig(territoryId);
  const communes = territoryCommunes(cog, territory);
  const resolve = communeResolver(communes);
  const dir = path.join(dataDir(), territoryId);
  const read = (file: string) => new Uint8Array(fs.readFileSync(file));
  const problems: string[] = [];
  const warnings: string[] = [];
  const zonages: ZonageBundle['zonages'] = [];
  const codes = new Set(communes.map((c) => c.code));
  for (const y of config.years) {
    const replaced = overrides.zonage && (overrides.year === undefined || overrides.year === y.year) && !y.ars;
    if (y.ars && !replaced) {
      const share = arsShare(y.ars, codes);
      for (const f of share.former) warnings.push(`zonage ARS ${y.ars} : le fichier écrit ${f.nom} sous l'ancien code ${f.code}, rattaché à la commune actuelle ${f.commune} ${communes.find((c) => c.code === f.commune)?.nom ?? ''}.`);
      if (share.missing.length) warnings.push(`zonage ARS ${y.ars} : ${count(share.missing.length, 'commune', 'communes')} du territoire ${plural(share.missing.length, 'absente', 'absentes')} de la table nationale (${share.missing.slice(0, 10).join(', ')}), ${plural(share.missing.length, 'non classée', 'non classées')}.`);
      // A newer act replaced the region's zonage (data/ars/schemes.json): the year says it from that date, unless
      // its entry says otherwise. A newer list the territory imports is a year of its own, from its own date.
      const r = share.replacement;
      const replaced = y.replaced ?? (r && r.replaced.from > y.validUntil ? r.replaced : undefined);
      if (r && !y.replaced && r.outside.length) warnings.push(`zonage ARS ${y.ars} : remplacé en ${r.region.nom} le ${r.replaced.from} ; ${count(r.outside.length, 'commune', 'communes')} du territoire hors de cette région (${r.outside.slice(0, 10).join(', ')}) ${plural(r.outside.length, 'est dite remplacée', 'sont dites remplacées')} aussi.`);
      zonages.push({ ...y, ...(replaced ? { replaced } : {}), classes: share.classes, ...(Object.keys(share.parts).length ? { parts: share.parts } : {}) });
      continue;
    }
    const file = replaced ? overrides.zonage! : path.join(dir, y.file!);
    if (!replaced && y.format && y.format !== 'projet') {
      // A newer ARS list as published (CartoSanté export, or names and postal codes), from its own date.
      const ars = loadArsSchemes();
      const profession = y.scheme.replace(/^ars-/, '');
      const list = territoryArsList(path.relative(process.cwd(), file), new TextDecoder('utf-8').decode(read(file)), y.format, {
        index: communeIndex(),
        classOf: classReader(ars, profession),
        known: arsClasses(ars, profession).filter((k) => k.code).map((k) => k.code!),
        communes: codes,
      });
      problems.push(...list.problems);
      warnings.push(...list.warnings);
      zonages.push({ ...y, classes: list.classes, ...(Object.keys(list.parts).length ? { parts: list.parts } : {}) });
      continue;
    }
    // Only this year's scheme: a profession may have a territory's zonage and an ARS one.
    const schemes = config.schemes.filter((s) => s.id === y.scheme);
    const report = importZonage(path.relative(process.cwd(), file), read(file), { resolve, schemes, profession: y.profession, communes });
    check(report, problems);
    warnings.push(...report.warnings.map((w) => w.message));
    zonages.push({
      ...y,
      example: replaced ? false : y.example,
      source: replaced ? `Fichier importé : ${path.basename(file)}` : y.source,
      classes: Object.fromEntries(report.rows.filter((r) => r.profession === y.profession).map((r) => [r.code, r.zone])),
    });
  }
  const practitionersFile = overrides.medecins ?? path.join(dir, config.practitioners.file);
  const practitioners = importPractitioners(path.relative(process.cwd(), practitionersFile), read(practitionersFile), { resolve });
  const pharmaciesFile = overrides.pharmacies ?? path.join(dir, config.pharmacies.file);
  const pharmacies = importPharmacies(path.relative(process.cwd(), pharmaciesFile), read(pharmaciesFile), { resolve });
  const movementsFile = overrides.mouvements ?? (config.movements ? path.join(dir, config.movements.file) : undefined);
  const declared: ImportReport<Movement> | undefined = movementsFile
    ? importMovements(path.relative(process.cwd(), movementsFile), read(movementsFile), { resolve })
    : undefined;
  for (const r of [practitioners, pharmacies, ...(declared ? [declared] : [])]) {
    check(r, problems);
    warnings.push(...r.warnings.map((w) => w.message));
  }
  // Declared movements complete the register (the effective zonage honours them) and join its own dates.
  const applied = applyMovements(practitioners.rows, declared?.rows ?? []);
  const merged = mergeMovements(declared?.rows ?? [], registerMovements(practitioners.rows));
  warnings.push(...applied.problems);
  const declaredFile = movementsFile
    ? overrides.mouvements
      ? { file: path.basename(movementsFile), example: false, source: `Fichier importé : ${path.basename(movementsFile)}` }
      : config.movements!
    : null;
  return {
    bundle: {
      territory: territoryId,
      schemes: config.schemes,
      rules: config.rules,
      zonages,
      practitioners: { ...config.practitioners, example: overrides.medecins ? false : config.practitioners.example, rows: applied.practitioners },
      pharmacies: { ...config.pharmacies, example: overrides.pharmacies ? false : config.pharmacies.example, rows: pharmacies.rows },
      movements: {
        declared: declaredFile,
        rows: merged.movements,
        duplicates: merged.duplicates,
        notes: [
          ...(merged.duplicates ? [`${count(merged.duplicates, 'mouvement déclaré figurant', 'mouvements déclarés figurant')} déjà dans le registre, ${plural(merged.duplicates, 'compté', 'comptés')} une fois.`] : []),
          ...applied.problems,
          ...merged.conflicts,
        ],
      },
    },
    problems,
    warnings,
  };
}

export const dataOut = () => paths().dataOut;

/** Writes public/data/<id>/zonage.json, the file the app reads: without personal data (publicBundle). */
export function writeZonageBundle(bundle: ZonageBundle, out = dataOut()): string {
  const file = path.join(out, bundle.territory, 'zonage.json');
  writeOutput(file, JSON.stringify(publicBundle(bundle, publicAsOf())) + '\n');
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = dataOut();
  let failed = false;
  for (const t of loadTerritories()) {
    const { bundle, problems, warnings } = buildZonageBundle(t.id);
    for (const w of warnings) console.warn(`avertissement : ${w}`);
    if (problems.length) {
      failed = true;
      console.error(`${t.id} : ${count(problems.length, 'ligne rejetée', 'lignes rejetées')} :\n- ${problems.join('\n- ')}`);
      continue;
    }
    writeZonageBundle(bundle, out);
    console.log(`${t.id} : ${count(bundle.zonages.length, 'zonage', 'zonages')}, ${count(bundle.practitioners.rows.length, 'professionnel', 'professionnels')}, ${count(bundle.pharmacies.rows.length, 'pharmacie', 'pharmacies')}, ${count(bundle.movements.rows.length, 'mouvement', 'mouvements')} → ${path.relative(ROOT, out)}/${t.id}/zonage.json`);
  }
  if (failed) process.exit(1);
}
