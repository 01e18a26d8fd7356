// Part of npm run bench (BENCH_ONLY=register): a register of 50,000 dossiers (the example's rows repeated
// with new numbers and names) imported with every check (engine amounts included) and aggregated —
// by the CLI in a child process (wall time, peak RSS above the RSS before reading), with the 69-row
// example as the anchor in the same run; then in this process, the time of each step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { territoryCommunes } from '../src/core/communes.ts';
import { communeResolver } from '../src/core/import/fields.ts';
import { importRegister } from '../src/core/followup/register-import.ts';
import { checkDossiers } from '../src/core/followup/checks.ts';
import { ficheSummaries } from '../src/core/followup/indicators.ts';
import { envelopeOf } from '../src/core/followup/envelope.ts';
import { publicFollowup } from '../src/core/followup/aggregates.ts';
import { parseFollowup } from '../src/core/followup/schema.ts';
import { buildAidCatalogue } from './build-aids.ts';
import { buildZonageBundle } from './build-zonage.ts';
import { ROOT, loadCog, loadTerritories } from './lib/inputs.ts';

const TERRITORY = 'charente-maritime';
const EXAMPLE = path.join(ROOT, 'data/territories', TERRITORY, 'suivi/dossiers-exemple.csv');
const ROWS = 50_000;

function writeRegister(file: string): number {
  const [header, ...lines] = fs.readFileSync(EXAMPLE, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const out = [header];
  for (let i = 0; i < ROWS; i++) {
    const cells = lines[i % lines.length].split(';');
    cells[0] = `B-${i}`;
    cells[3] = `${cells[3]} ${i}`;
    out.push(cells.join(';'));
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
  return fs.statSync(file).size;
}

function cli(args: string[]): { ms: number; rss: number; cpu: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, IMPORT_MEMORY_STATS: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const m = /IMPORT_MEMORY_STATS (\{.*\})/.exec(r.stderr);
  if (!m) throw new Error(`suivi ${args.join(' ')} : ${r.stderr.slice(0, 500)}`);
  const s = JSON.parse(m[1]) as { rssBefore: number; maxRss: number; cpuMs: number };
  return { ms, rss: s.maxRss - s.rssBefore, cpu: s.cpuMs };
}

const mb = (n: number) => `${(n / 1e6).toFixed(0)} Mo`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function benchRegister(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-register-'));
  const file = path.join(dir, 'registre-50000.csv');
  const size = writeRegister(file);
  console.log(`\n## Registre des dossiers : import (contrôles et montants du moteur compris) et agrégation`);
  console.log(`registre | dossiers | taille | commande | durée (processus entier) | CPU | pic de mémoire au-dessus du départ`);
  for (const [label, f, n] of [['exemple (ancre)', EXAMPLE, 69], ['synthétique', file, ROWS]] as const) {
    for (const args of [['suivi', 'check'], ['suivi']]) {
      const r = cli([...args, '--territory', TERRITORY, '--register', f]);
      console.log(`${label} | ${n.toLocaleString('fr-FR')} | ${mb(fs.statSync(f).size)} | ${args.join(' ')} | ${s(r.ms)} | ${s(r.cpu)} | ${mb(r.rss)}`);
    }
  }

  // The steps in this process (catalogue and zonage already loaded), median of three.
  const territory = loadTerritories().find((t) => t.id === TERRITORY)!;
  const communes = territoryCommunes(loadCog(), territory);
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const { catalogue } = buildAidCatalogue(TERRITORY);
  const { bundle } = buildZonageBundle(TERRITORY);
  const followup = parseFollowup(JSON.parse(fs.readFileSync(path.join(ROOT, 'data/territories', TERRITORY, 'suivi/plan.json'), 'utf8')), 'plan.json', catalogue.aids.map((a) => a.id)).followup!;
  const bytes = new Uint8Array(fs.readFileSync(file));
  const times: Record<string, number[]> = { lecture: [], contrôles: [], agrégation: [] };
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const report = importRegister('registre.csv', bytes, { aids: catalogue.aids, resolve: communeResolver(communes) });
    times.lecture.push(performance.now() - t);
    t = performance.now();
    checkDossiers(report.rows, { aids: catalogue.aids, followup, engine: { bundle, commune: (code) => { const c = byCode.get(code)!; return { code: c.code, nom: c.nom, population: c.population }; } } });
    times.contrôles.push(performance.now() - t);
    t = performance.now();
    const env = envelopeOf(followup, report.rows, '2026-12-01');
    publicFollowup({ territory: TERRITORY, plan: followup.plan, example: true, asOf: '2026-12-01', sha256: '', dossiers: report.rows, envelope: env, fiches: ficheSummaries(report.rows, followup, catalogue.aids.map((a) => a.id)) });
    times.agrégation.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  console.log(`étapes sur ${ROWS.toLocaleString('fr-FR')} dossiers (${mb(size)}), dans ce processus, médiane de 3 : ${Object.entries(times).map(([k, v]) => `${k} ${s(median(v))}`).join(' ; ')} (CPU des 3 passes : ${s((cpu.user + cpu.system) / 1000)})`);
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) benchRegister();
