// npm run generate:example — writes EXAMPLE data (fictitious) for both territories, deterministically:
// yearly zonages, practising professionals and pharmacies, in the simple project CSV formats.
// The real département zonage and practitioner lists are not in the repository; importing them
// replaces these files. Every file is labelled « Exemple — données fictives » where it shows.
import path from 'node:path';
import { dataDir, loadCog, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';
import { territoryCommunes, type Commune } from '../src/core/communes.ts';
import type { ZonageScheme } from '../src/core/zonage/model.ts';
import { random } from './lib/random.ts';


const pick = <T>(seed: string, weighted: Array<[T, number]>): T => {
  let r = random(seed) * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};

const csv = (header: string[], rows: Array<Array<string | number>>) => [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';

const day = (seed: string, from: number, to: number) => {
  const t = Date.UTC(from, 0, 1) + Math.floor(random(seed) * (Date.UTC(to, 11, 31) - Date.UTC(from, 0, 1)));
  return new Date(t - (t % 86_400_000)).toISOString().slice(0, 10);
};

function baseClasses(communes: Commune[], scheme: ZonageScheme, seed: string): Map<string, string> {
  const n = scheme.classes.length;
  // More prioritised classes are rarer; small communes lean towards them.
  return new Map(
    communes.map((c) => {
      const weights = scheme.classes.map((k, i): [string, number] => [k.id, (i + 1) * (c.population !== null && c.population < 800 && i < n - 1 ? 1.6 : 1)]);
      return [c.code, pick(`${seed}/${c.code}`, weights)];
    }),
  );
}

/** Next year's zonage: a few communes move one class up or down. */
function nextYear(previous: Map<string, string>, scheme: ZonageScheme, seed: string): Map<string, string> {
  const ids = scheme.classes.map((k) => k.id);
  return new Map(
    [...previous].map(([code, cls]) => {
      const r = random(`${seed}/${code}`);
      const i = ids.indexOf(cls);
      const j = r < 0.05 ? Math.max(0, i - 1) : r < 0.1 ? Math.min(ids.length - 1, i + 1) : i;
      return [code, ids[j]];
    }),
  );
}

interface Person {
  code: string;
  profession: string;
  mode: string;
  start: string;
  end: string;
  rpps: string;
  nom: string;
}

function generate(territory: string) {
  const cog = loadCog();
  const t = loadTerritories().find((x) => x.id === territory)!;
  const config = loadZonageConfig(territory);
  const communes = territoryCommunes(cog, t);
  const dir = path.join(dataDir(), territory);
  let person = 0;
  const people: Person[] = [];
  const pharmacies: Array<[string, string, string, string, string]> = [];
  const zonages = new Map<string, Map<string, string>>();

  for (const y of config.years) {
    if (!y.file) continue; // ARS zonages are real (npm run build:ars)
    const scheme = config.schemes.find((s) => s.id === y.scheme)!;
    const previous = zonages.get(`${y.profession}/${y.year - 1}`);
    const classes = previous ? nextYear(previous, scheme, `${territory}/${y.profession}/${y.year}`) : baseClasses(communes, scheme, `${territory}/${y.profession}`);
    zonages.set(`${y.profession}/${y.year}`, classes);
    writeOutput(path.join(dir, y.file), csv(['code_insee', 'zone'], [...classes].map(([code, zone]) => [code, zone])));
  }

  const densities: Array<[string, number]> = [
    ['medecin-generaliste', 1100],
    ['chirurgien-dentiste', 2000],
    ['masseur-kinesitherapeute', 1300],
  ];
  for (const c of communes) {
    const pop = c.population ?? 0;
    const pharmacyCount = pop > 1200 ? 1 + Math.floor(pop / 4500) : pop > 600 && random(`ph/${c.code}`) < 0.5 ? 1 : 0;
    for (let i = 0; i < pharmacyCount; i++) {
      const finess = `${c.code.slice(0, 2)}999${String(pharmacies.length + 1).padStart(4, '0')}`;
      pharmacies.push([c.code, finess, `Pharmacie exemple ${pharmacies.length + 1}`, '', '']);
    }
    // Some small communes with a pharmacy have no GP: the case fiche 1 is about.
    const noGp = pharmacyCount > 0 && pop < 3000 && random(`nogp/${c.code}`) < 0.12;
    for (const [profession, per] of densities) {
      if (territory === 'charente-maritime' && profession !== 'medecin-generaliste') continue;
      if (profession === 'medecin-generaliste' && noGp) continue;
      // A pharmacy mostly goes with a GP: the rule concerns the exceptions (noGp above).
      const floor = profession === 'medecin-generaliste' && pharmacyCount > 0 ? 1 : 0;
      const count = Math.max(floor, Math.floor((pop / per) * (0.4 + random(`${profession}/${c.code}`))));
      for (let i = 0; i < count; i++) {
        const seed = `${profession}/${c.code}/${i}`;
        const leaves = random(`${seed}/end`) < 0.04;
        person++;
        people.push({
          code: c.code,
          profession,
          mode: random(`${seed}/mode`) < 0.15 ? 'salarie' : 'liberal',
          start: random(`${seed}/new`) < 0.05 ? day(`${seed}/start`, 2025, 2026) : day(`${seed}/start`, 1990, 2024),
          end: leaves ? day(`${seed}/end-day`, 2025, 2026) : '',
          rpps: `99${String(person).padStart(9, '0')}`,
          nom: `Praticien exemple ${person}`,
        });
      }
    }
  }
  people.sort((a, b) => (a.code + a.rpps < b.code + b.rpps ? -1 : 1));
  writeOutput(
    path.join(dir, config.practitioners.file),
    csv(['code_insee', 'profession', 'mode', 'date_debut', 'date_fin', 'rpps', 'nom'], people.map((p) => [p.code, p.profession, p.mode, p.start, p.end, p.rpps, p.nom])),
  );
  writeOutput(path.join(dir, config.pharmacies.file), csv(['code_insee', 'finess', 'nom', 'date_ouverture', 'date_fermeture'], pharmacies));
  return { territory, communes: communes.length, practitioners: people.length, pharmacies: pharmacies.length };
}

for (const t of loadTerritories()) console.log(generate(t.id));
