// Part of npm run bench: import a national-size RPPS-like file (~250,000 rows) and a FINESS-like file
// (~100,000 rows) with the import core, then compute the effective zonage of all current communes.
import { Cog, type CogCommune, type CogEpci } from '../src/core/communes.ts';
import { communeResolver, importPharmacies, importPractitioners, FINESS_PHARMACY } from '../src/core/csv-import.ts';
import { effectiveZonage, type Zonage } from '../src/core/zonage.ts';
import { loadZonageConfig } from './lib/inputs.ts';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const RPPS_HEADER =
  "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département (structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|";

const PROFESSIONS = [
  ['10', 'Médecin', 'SM54', 'Médecine générale'],
  ['10', 'Médecin', 'SM04', 'Cardiologie et maladies vasculaires'],
  ['60', 'Infirmier', '', ''],
  ['70', 'Masseur-Kinésithérapeute', '', ''],
  ['40', 'Chirurgien-Dentiste', '', ''],
];

/** One activity row of an RPPS-like extraction. */
export function rppsLine(i: number, code: string, liberal: boolean): string {
  const [prof, proflib, sf, sflib] = PROFESSIONS[i % PROFESSIONS.length];
  const rpps = String(10_000_000_000 + i);
  const cells = new Array(52).fill('');
  Object.assign(cells, { 0: '8', 1: rpps, 2: `8${rpps}`, 7: 'NOM', 8: 'PRENOM', 9: prof, 10: proflib, 15: sf, 16: sflib, 17: liberal ? 'L' : 'S', 18: liberal ? 'Libéral' : 'Salarié', 35: '00000', 36: code, 44: code.slice(0, 2) });
  return cells.join('|') + '|';
}

function rppsFile(codes: string[], rows: number): Uint8Array {
  const lines = [RPPS_HEADER];
  for (let i = 0; i < rows; i++) lines.push(rppsLine(i, codes[(i * 7919) % codes.length], i % 5 !== 0));
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function finessFile(codes: string[], rows: number): Uint8Array {
  const lines = ['finess;etalab;100;2025-11-04'];
  for (let i = 0; i < rows; i++) {
    const code = codes[(i * 104729) % codes.length];
    const cat = i % 4 === 0 ? FINESS_PHARMACY : '355';
    lines.push(`structureet;${String(100_000_000 + i)};;PHARMACIE;PHARMACIE ${i};;;1;RUE;DE LA PAIX;;;${code.slice(2)};${code.slice(0, 2)};DEP;00000 VILLE;;;${cat};Cat;3301;Agr;;4773Z;01;Tarif;9;NC;2000-01-01;2000-01-01;2024-01-01;`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} Mo`;

export function benchNationalImport(): void {
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
  const cog = new Cog(communes, require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[]);
  const current = [...cog.current.values()].map((c) => cog.describe(c));
  const codes = current.map((c) => c.code).filter((c) => /^\d{5}$/.test(c) && !c.startsWith('97'));
  const resolve = communeResolver(current);
  const rpps = rppsFile(codes, 250_000);
  const finess = finessFile(codes, 100_000);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const practitioners = importPractitioners('rpps.txt', rpps, { resolve });
  const t1 = performance.now();
  const pharmacies = importPharmacies('finess.csv', finess, { resolve });
  const t2 = performance.now();
  const scheme = loadZonageConfig('charente-maritime');
  const zonage: Zonage = {
    territory: 'france',
    scheme: 'cd17',
    profession: 'medecin-generaliste',
    year: 2026,
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    source: 'bench',
    example: true,
    classes: new Map(current.map((c, i) => [c.code, scheme.schemes[0].classes[i % 4].id])),
  };
  const effective = effectiveZonage(zonage, scheme.schemes[0], scheme.rules, practitioners.rows, pharmacies.rows, '2026-06-01');
  const t3 = performance.now();
  // maxRSS is the process's peak resident memory (kilobytes), whatever ran before in this process.
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log('\n## Import national et zonage effectif de toutes les communes (une passe)');
  console.log(`RPPS-like : ${practitioners.read} lignes (${mb(rpps.length)}), ${practitioners.accepted} acceptées, en ${(t1 - t0).toFixed(0)} ms`);
  console.log(`FINESS-like : ${pharmacies.read} lignes (${mb(finess.length)}), ${pharmacies.accepted} pharmacies, en ${(t2 - t1).toFixed(0)} ms`);
  console.log(`zonage effectif : ${effective.size} communes en ${(t3 - t2).toFixed(0)} ms`);
  console.log(`mémoire (RSS) : ${mb(rss0)} avant l'import, pic du processus ${mb(peak)}`);
}
