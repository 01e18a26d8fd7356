// A file in the shape of the national DataSanté zonages file (../shared/formats/datasante-zonages-sample.csv),
// generated from the official commune list for tests and the bench: one quoted row per current commune of
// the chosen départements, populations with a space as thousands separator, classes and arrêté dates per
// profession (deterministic, from the commune code). Never committed: written where the caller asks.
//   npx tsx scripts/generate-datasante.ts OUT.csv [--departements 17,16] [--zmed-date 30/12/2025]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CogCommune } from '../src/core/communes.ts';

const require = createRequire(import.meta.url);

export const DATASANTE_HEADER = ['source', 'date_maj', 'niveau', 'code', 'lib', 'com_code', 'com_lib', 'com_region', 'pop', 'tvs_region', 'tvs_dpt', 'tvs_code', 'tvs_lib', 'bvcv_region', 'bvcv_dpt', 'bvcv_code', 'bvcv_lib', 'bvcv_type', 'zmed_niveau', 'zmed_date_arrete', 'zide_niveau', 'zide_date_arrete', 'zmk_niveau', 'zmk_date_arrete', 'zsf_niveau', 'zsf_date_arrete', 'zdent_niveau', 'zdent_date_arrete', 'zortho_niveau', 'zortho_date_arrete'];

/** Classes each profession's column may carry (as CartoSanté writes them, within the existing schemes). */
const CLASSES: Record<string, string[]> = {
  zmed: ['1_ZIP', '2_ZAC', '4_ZAR', '3_HZ'],
  zide: ['1_Tres_sous_dotee', '2_Sous_dotee', '3_intermediaire', '4_Tres_dotee', '5_Sur_dotee'],
  zmk: ['1_Tres_sous_dotee', '2_Sous_dotee', '3_intermediaire', '4_Tres_dotee', '5_Sur_dotee', '5b_Non_prioritaire'],
  zsf: ['1_Tres_sous_dotee', '2_Sous_dotee', '3_intermediaire', '4_Tres_dotee', '5_Sur_dotee'],
  zdent: ['1_Tres_sous_dotee', '2_Sous_dotee', '3_intermediaire', '4_Tres_dotee', '5b_Non_prioritaire'],
  zortho: ['1_Tres_sous_dotee', '2_Sous_dotee', '3_intermediaire', '4_Tres_dotee', '5_Sur_dotee'],
};
/** Arrêté dates by default: the GPs' newer than the exports of 2025, the others older (as in the sample). */
const DATES: Record<string, string> = { zmed: '30/10/2025', zide: '12/11/2025', zmk: '29/10/2024', zsf: '29/10/2024', zdent: '22/10/2024', zortho: '19/02/2024' };

export interface DatasanteOptions {
  /** Départements whose communes are written; every département when absent. */
  departements?: string[];
  /** An arrêté date per column prefix (« zmed » → « 30/12/2025 »), over the defaults. */
  dates?: Record<string, string>;
  /** Class index offset, to change the classes between two files. */
  shift?: number;
  dateMaj?: string;
}

const hash = (code: string) => [...code].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const spaced = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** The file's text: header and one row per commune, CRLF-free, quoted like the real file. */
export function datasanteText(o: DatasanteOptions = {}): string {
  const communes = (require('@etalab/decoupage-administratif/data/communes.json') as Array<CogCommune & { region?: string; population?: number }>).filter(
    (c) => c.type === 'commune-actuelle' && (!o.departements || o.departements.includes(c.departement ?? '')),
  );
  const regions = new Map((require('@etalab/decoupage-administratif/data/regions.json') as Array<{ code: string; nom: string }>).map((r) => [r.code, r.nom]));
  const dates = { ...DATES, ...o.dates };
  const quote = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  const lines = [quote(DATASANTE_HEADER)];
  for (const c of communes) {
    const region = regions.get(c.region ?? '') ?? '';
    const h = hash(c.code) + (o.shift ?? 0);
    const tvs = c.code; // one territoire de vie-santé per commune is enough for a test file
    const zones = Object.keys(CLASSES).flatMap((p, i) => [CLASSES[p][(h + i) % CLASSES[p].length], dates[p]]);
    lines.push(quote(['DataSanté (doc en ligne sur data.gouv.fr)', o.dateMaj ?? '30/07/2026', 'COM', c.code, c.nom, c.code, c.nom, region, spaced(c.population ?? 0), region, c.departement ?? '', tvs, c.nom, region, c.departement ?? '', `${c.departement}BV${h % 40}`, `Bassin ${c.departement}-${h % 40}`, 'Bassin de vie', ...zones]));
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const [out, ...args] = process.argv.slice(2);
  if (!out) throw new Error('usage : tsx scripts/generate-datasante.ts SORTIE.csv [--departements 17,16] [--zmed-date JJ/MM/AAAA]');
  const opt = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
  const text = datasanteText({ departements: opt('--departements')?.split(','), dates: opt('--zmed-date') ? { zmed: opt('--zmed-date')! } : undefined });
  fs.writeFileSync(out, text);
  console.log(`${out} : ${text.split('\n').length - 2} communes.`);
}
