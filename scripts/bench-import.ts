// Part of npm run bench: national-size files generated on disk, then imported by the CLI itself in a
// child process (streamed): an RPPS-like extraction of 2.5 million realistic rows (names, structures,
// addresses: several hundred megabytes) and a FINESS « structures » gzipped JSON of 100,000
// establishments. Prints wall time and the peak RSS above the RSS before reading (goal on 2 cores:
// ≤ 25 s and ≤ +250 MB for the RPPS file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Cog, type CogCommune, type CogEpci } from '../src/core/communes.ts';
import { ROOT } from './lib/inputs.ts';

const require = createRequire(import.meta.url);
export const RPPS_HEADER =
  "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département (structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|";

const PROFESSIONS = [
  ['10', 'Médecin', 'SM54', 'Médecine générale', 'S', 'Spécialité ordinale'],
  ['10', 'Médecin', 'SM04', 'Cardiologie et maladies vasculaires', 'S', 'Spécialité ordinale'],
  ['60', 'Infirmier', '', '', '', ''],
  ['70', 'Masseur-Kinésithérapeute', '', '', '', ''],
  ['40', 'Chirurgien-Dentiste', 'SCD01', 'Orthopédie dento-faciale', 'S', 'Spécialité ordinale'],
  ['21', 'Pharmacien', '', '', '', ''],
  ['50', 'Sage-Femme', '', '', '', ''],
];
const NOMS = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU', "D'ALEMBERT", 'LE GOFF', 'GARCIA-LOPEZ'];
const PRENOMS = ['Marie', 'Jean', 'Françoise', 'Philippe', 'Nathalie', 'Michel', 'Isabelle', 'Hélène', 'Jérôme', 'Anne-Sophie'];
const VOIES = [['R', 'Rue', 'DE LA RÉPUBLIQUE'], ['AV', 'Avenue', 'DU GÉNÉRAL DE GAULLE'], ['BD', 'Boulevard', 'VICTOR HUGO'], ['PL', 'Place', "DE L'ÉGLISE"], ['CHE', 'Chemin', 'DES VIGNES']];

/** One activity row of an RPPS-like extraction, every field filled as in the real file. */
export function rppsLine(i: number, code: string, liberal: boolean, who?: { nom?: string; prenom?: string }): string {
  const [prof, proflib, sf, sflib, tsf, tsflib] = PROFESSIONS[i % PROFESSIONS.length];
  const rpps = String(10_000_000_000 + i);
  const nom = who?.nom ?? NOMS[i % NOMS.length];
  const prenom = who?.prenom ?? PRENOMS[(i >> 3) % PRENOMS.length];
  const [tv, tvlib, voie] = VOIES[i % VOIES.length];
  const siret = String(30_000_000_000_000 + i * 7);
  const cells = [
    '8', rpps, `8${rpps}`, i % 2 ? 'DR' : '', i % 2 ? 'Docteur' : '', i % 3 ? 'M' : 'MME', i % 3 ? 'Monsieur' : 'Madame', nom, prenom,
    prof, proflib, 'C', 'Civil', tsf, tsflib, sf, sflib, liberal ? 'L' : 'S', liberal ? 'Libéral, indépendant, artisan, commerçant' : 'Salarié',
    siret, siret.slice(0, 9), '', '', `R1${String(i).padStart(8, '0')}`, `CABINET ${nom}`, '', '', 'BATIMENT B', String(1 + (i % 120)), '', tv, tvlib, voie, '', '',
    `${code.slice(0, 2)}000`, code, `COMMUNE ${code}`, '99000', 'France', `05${String(46000000 + (i % 1e6)).padStart(8, '0')}`, '', '', i % 4 ? '' : `cabinet.${i}@exemple.fr`,
    code.slice(0, 2), 'DEPARTEMENT', '', 'CNOM/CNOM/CNOM', 'SA07', 'Cabinet individuel', '', '',
  ];
  return cells.join('|') + '|';
}

export function allCodes(): string[] {
  const cog = new Cog(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[], require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[]);
  return [...cog.current.values()].map((c) => cog.describe(c).code).filter((c) => /^\d{5}$/.test(c) && !c.startsWith('97'));
}

/** Writes an RPPS-like extraction of `rows` activities to `file` in slices; `line(i)` may change or drop (null) a row. */
export function writeRpps(file: string, rows: number, line: (i: number) => string | null): number {
  const fd = fs.openSync(file, 'w');
  let buf = RPPS_HEADER + '\n';
  for (let i = 0; i < rows; i++) {
    const l = line(i);
    if (l !== null) buf += l + '\n';
    if (buf.length > 1 << 22) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

export function writeFinessJson(file: string, codes: string[], n: number): number {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = codes[(i * 104729) % codes.length];
    const cat = i % 4 === 0 ? '620' : i % 4 === 1 ? '500' : '355';
    const ege = {
      informationsGeneralesEGE: { egeId: `E${i}`, numFinessEge: String(100_000_000 + i), nomEgeCourt: `ETAB ${i}`, nomEgeLong: `ÉTABLISSEMENT ${i}  `, dateOuverture: '2000-01-01', datePremiereAutorisation: '2000-01-01', siret: '00000000000000', espic: [] },
      categorieentiteGeographiqueExercice: cat, modefixationtarifaire: '01', typeBudget: [],
      adresse: [{ usageAdresse: '03', numeroVoie: '1', typeVoie: 'R   ', libelleVoie: 'DE LA PAIX', lieuDit: '', cogCommune: code, codePostal: '00000', ligneAcheminement: '00000 VILLE', ligneQuatre: '1 R DE LA PAIX' }],
      contact: [], engagement: [], evenement: [], roleEge: [], etatObjet: 'A', dateDerniereMaj: '2026-03-01 10:00:00',
    };
    parts.push(JSON.stringify({ informationsGeneralesPMEJ: { pmSmsseId: `P${i}`, numFinessPm: String(200_000_000 + i), denominationPm: `PM ${i}` }, etatObjet: 'A', ege: [ege] }, null, 2));
  }
  const text = `{\n  "schemaVersion": "v1.0.0",\n  "generatedAt": "2026-03-09T15:49:37.6Z",\n  "gcc": [],\n  "gco": [],\n  "pmej": [\n${parts.join(',\n')}\n  ]\n}\n`;
  fs.writeFileSync(file, zlib.gzipSync(text));
  return fs.statSync(file).size;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} Mo`;

/** Runs a CLI command in its own process; returns wall time, the import memory figures and stderr's last line. */
export function runCli(args: string[]): { ms: number; cpuMs: number; before: number; peak: number; summary: string; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, IMPORT_MEMORY_STATS: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  const stats = /IMPORT_MEMORY_STATS (.*)/.exec(r.stderr)?.[1];
  const { rssBefore, maxRss, cpuMs } = stats ? (JSON.parse(stats) as { rssBefore: number; maxRss: number; cpuMs: number }) : { rssBefore: 0, maxRss: 0, cpuMs: 0 };
  const summary = r.stderr.split('\n').filter((l) => l && !l.startsWith('IMPORT_MEMORY_STATS') && !l.startsWith('avertissement')).slice(-2).join(' / ');
  return { ms, cpuMs, before: rssBefore, peak: maxRss, summary, status: r.status };
}

export function benchNationalImport(): void {
  const rows = Number(process.env.BENCH_RPPS_ROWS ?? 2_500_000);
  const codes = allCodes();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const rppsFile = path.join(dir, 'PS_LibreAcces_Personne_activite.txt');
    const tg = performance.now();
    const size = writeRpps(rppsFile, rows, (i) => rppsLine(i, codes[(i * 7919) % codes.length], i % 5 !== 0));
    const genMs = performance.now() - tg;
    const r = runCli(['import', 'medecins', rppsFile, '--territory', 'charente-maritime']);
    console.log('\n## Import national en flux par la commande (npm run --silent cli -- import …, processus à part)');
    console.log(`RPPS-like : ${rows.toLocaleString('fr-FR')} lignes, ${mb(size)} (généré en ${(genMs / 1000).toFixed(1)} s)`);
    console.log(`  temps ${(r.ms / 1000).toFixed(1)} s (objectif ≤ 25 s ; temps CPU du processus ${(r.cpuMs / 1000).toFixed(1)} s, charge de la machine ${os.loadavg()[0].toFixed(1)}) ; RSS avant lecture ${mb(r.before)}, pic ${mb(r.peak)}, soit +${mb(r.peak - r.before)} (objectif ≤ +250 Mo) ; code ${r.status}`);
    console.log(`  ${r.summary}`);
    fs.rmSync(rppsFile);
    const finessFile = path.join(dir, 'finess-structures.json.gz');
    const fsize = writeFinessJson(finessFile, codes, 100_000);
    const f = runCli(['import', 'pharmacies', finessFile, '--territory', 'charente-maritime']);
    console.log(`FINESS « structures » JSON gzip : 100 000 établissements, ${mb(fsize)} compressés`);
    console.log(`  temps ${(f.ms / 1000).toFixed(1)} s (CPU ${(f.cpuMs / 1000).toFixed(1)} s) ; RSS avant lecture ${mb(f.before)}, pic ${mb(f.peak)}, soit +${mb(f.peak - f.before)} ; code ${f.status}`);
    console.log(`  ${f.summary}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) benchNationalImport();

/** Peak resident memory of Chromium's renderer processes (the page and its import worker live there). */
function rendererRss(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes('chrom')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total = Math.max(total, Number(rss[1]) * 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/**
 * The same RPPS-like file imported in the browser (built app, Web Worker over File.stream()): wall time,
 * longest main-thread task during the import (goal: none over 200 ms), main-thread JS heap and the
 * renderer process's peak RSS (the worker's heap lives there).
 */
export async function benchBrowserImport(browser: import('playwright-core').Browser, appUrl: string): Promise<void> {
  const rows = Number(process.env.BENCH_RPPS_ROWS ?? 2_500_000);
  const codes = allCodes();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-browser-import-'));
  const file = path.join(dir, 'PS_LibreAcces_Personne_activite.txt');
  const size = writeRpps(file, rows, (i) => rppsLine(i, codes[(i * 7919) % codes.length], i % 5 !== 0));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number; __heap: number };
      w.__longest = 0;
      w.__heap = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
      setInterval(() => (w.__heap = Math.max(w.__heap, (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)), 100);
    });
    // The import lives in the Gestion space.
    await page.goto(`${appUrl}#/charente-maritime/gestion`);
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await panel.waitFor({ timeout: 60_000 });
    await panel.getByLabel('Fichier de').selectOption('medecins');
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rendererRss())), 200);
    const t0 = performance.now();
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.getByTestId('import-report').waitFor({ timeout: 600_000 });
    // The preview is prepared just after the report: its task counts too.
    await panel.getByRole('button', { name: 'Prévisualiser sur la carte' }).waitFor({ timeout: 60_000 });
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const { longest, heap, text } = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __heap: number };
      return { longest: w.__longest, heap: w.__heap, text: document.querySelector('[data-testid=import-report] p')?.textContent?.replace(/\s+/g, ' ').trim() ?? '' };
    });
    console.log(`\n## Import national dans le navigateur (Chromium headless, worker sur File.stream())`);
    console.log(`RPPS-like : ${rows.toLocaleString('fr-FR')} lignes, ${mb(size)} : ${(ms / 1000).toFixed(1)} s`);
    console.log(`  tâche la plus longue du fil principal pendant l'import : ${longest.toFixed(0)} ms (objectif : aucune au-delà de 200 ms)`);
    console.log(`  tas JS du fil principal, pic : ${mb(heap)} ; processus de rendu (page + worker), pic RSS : ${mb(peakRss)}`);
    console.log(`  ${text}`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
