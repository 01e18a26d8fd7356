// indicateurs --territory <id> [--commune <code>] [--year <n>]   one JSON object per commune: code, name,
//        population, apl {year, value, under65, derived, formerCode}, aplHistory {year: value},
//        medecins {count, total, date, source, trusted}, pharmacies {count, date, source}, flags
// indicateurs check [--src DIR]    reads the indicator files (INDICATORS_SRC) into a scratch folder: the report
//        (rows read = used + attached + rejected, warnings naming file, sheet, line, field); exit 1 on a rejection
// indicateurs import [--src DIR]   the same, then publishes public/data/indicators/ and the zonages it feeds,
//        all files together (a failure restores every one)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Indicators, TerritoryIndicatorsFileSchema, type TerritoryIndicatorsFile } from '../../src/core/indicators/index.ts';
import * as v from 'valibot';
import { buildIndicators } from '../build-indicators.ts';
import { loadCog } from '../lib/inputs.ts';
import { replaceFiles } from '../lib/transaction.ts';
import { count } from '../../src/core/format.ts';
import { UsageError, json, territoryOf, type Command, type Io } from './command.ts';

export const usage = 'indicateurs [check|import] [--territory <id>] [--commune <code>] [--year AAAA] [--src DOSSIER] [--keep-valid]';

export const options = {
  territory: { type: 'string' },
  commune: { type: 'string' },
  year: { type: 'string' },
  src: { type: 'string' },
  'keep-valid': { type: 'boolean' },
} as const;

/** The CLI's view of one commune (the issue's JSON shape). */
export function communeIndicators(ind: Indicators, code: string, nom: string, population: number | null, year?: number) {
  const apl = ind.apl(code, year);
  const hist = ind.aplHistory(code);
  const med = ind.medecins(code);
  const ph = ind.pharmacies(code);
  const src = (s: { producer: string; dataset: string; date: string }) => `${s.producer} — ${s.dataset} (${s.date})`;
  return {
    code,
    nom,
    population,
    apl: apl ? { year: apl.year, value: apl.value, under65: apl.under65, derived: apl.derived, formerCode: apl.formerCode, source: src(apl.source) } : null,
    aplHistory: hist ? Object.fromEntries(hist.value.map(([y, val]) => [String(y), val])) : {},
    medecins: med ? { count: med.value, total: med.total, date: med.date, source: src(med.source), trusted: med.trusted } : null,
    pharmacies: ph ? { count: ph.value, date: ph.date, source: src(ph.source) } : null,
    flags: ind.flags(code),
  };
}

function loadTerritoryIndicators(territory: string, dir: string, cwd: string): Indicators {
  const file = path.join(dir, `${territory}.json`);
  if (!fs.existsSync(file)) throw new UsageError(`${path.relative(cwd, file)} introuvable : lancez npm run build:indicators.`);
  const r = v.safeParse(TerritoryIndicatorsFileSchema, JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(`${path.relative(cwd, file)}, champ « ${v.getDotPath(r.issues[0]) ?? ''} » : ${r.issues[0].message}`);
  return new Indicators(r.output as TerritoryIndicatorsFile);
}

function report(io: Io, manifest: ReturnType<typeof buildIndicators>['manifest']) {
  for (const f of manifest.files) {
    io.stderr.write(`${f.file} : ${count(f.read, 'ligne lue', 'lignes lues')} = ${f.used} sous un code actuel + ${f.attached} rattachées + ${f.rejected.length} rejetées.\n`);
    for (const w of f.warnings) io.stderr.write(`avertissement : ${w.file}${w.sheet ? `, feuille « ${w.sheet} »` : ''}, ligne ${w.line}, champ « ${w.field} » : ${w.message}.\n`);
    for (const r of f.rejected) io.stderr.write(`rejet : ${r.file}${r.sheet ? `, feuille « ${r.sheet} »` : ''}, ligne ${r.line}, champ « ${r.field} » : ${r.message}.\n`);
  }
}

export const run: Command['run'] = ({ positionals: rest, strings: values, values: flags }, io, paths) => {
  const action = rest[0];
  if (action === 'check' || action === 'import') {
    const src = values.src ? path.resolve(values.src) : undefined;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'indicateurs-'));
    try {
      const { manifest } = buildIndicators({ ...(src ? { src } : {}), out: scratch });
      report(io, manifest);
      const rejected = manifest.files.reduce((s, f) => s + f.rejected.length, 0);
      if (action === 'check') {
        io.stdout.write(json(manifest));
        return rejected ? 1 : 0;
      }
      if (rejected && !flags['keep-valid']) {
        io.stderr.write(`${count(rejected, 'ligne rejetée', 'lignes rejetées')} : rien n'est publié (--keep-valid pour publier les lignes valides).\n`);
        return 1;
      }
      const out = paths.indicatorsOut;
      const files = fs.readdirSync(scratch).sort().map((f) => ({ target: path.join(out, f), content: fs.readFileSync(path.join(scratch, f)) }));
      replaceFiles(files);
      io.stderr.write(`${count(files.length, 'fichier publié', 'fichiers publiés')} dans ${path.relative(paths.cwd, out)} ; relancez npm run build:zonage pour que la règle de la fiche 1 lise les nouveaux comptes.\n`);
      return 0;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  if (action !== undefined) throw new UsageError(`sous-commande inconnue « ${action} » (check, import, ou rien pour lire).`);
  const territory = territoryOf(values.territory);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`année « ${values.year} » invalide (AAAA).`);
  const ind = loadTerritoryIndicators(territory.id, paths.indicatorsOut, paths.cwd);
  const year = values.year ? Number(values.year) : undefined;
  if (year !== undefined && !ind.def('apl')?.years?.includes(year)) throw new UsageError(`aucune APL ${year} (années : ${ind.def('apl')?.years?.join(', ')}).`);
  const cog = loadCog();
  const communes = cog.select(territory.selection).filter((c) => !values.commune || c.code === values.commune);
  if (values.commune && !communes.length) throw new UsageError(`la commune ${values.commune} n'est pas une commune actuelle du territoire ${territory.id}.`);
  io.stdout.write(json(communes.map((c) => communeIndicators(ind, c.code, c.nom, c.population ?? null, year))));
  return 0;
};

export const command: Command = { usage, options, run };
