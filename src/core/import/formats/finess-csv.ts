// FINESS: public extraction of establishments (etalab « cs1100507 » stock file): semicolon
// separated, never quoted, no column header, a first line « finess;etalab;… », then « structureet »
// rows and « geolocalisation » rows. Category 620 is « Pharmacie d'Officine ».
import type { Pharmacy } from '../../zonage/model.ts';
import { q } from '../report.ts';
import type { RowContext, TableSpec } from '../table.ts';
import { FINESS_NUMBER, parseDate, type CommuneResolver } from '../fields.ts';

/** The former FINESS CSV starts with « finess;etalab;… » or, without that title, with a « structureet » row. */
export const isFinessCsv = (line: string) => /^(finess;|structureet;|geolocalisation;)/.test(line.replace(/^\uFEFF/, ''));

const FINESS_COLUMNS = [
  'type', 'nofinesset', 'nofinessej', 'rs', 'rslongue', 'complrs', 'compldistrib', 'numvoie', 'typvoie', 'voie',
  'compvoie', 'lieuditbp', 'commune', 'departement', 'libdepartement', 'ligneacheminement', 'telephone', 'telecopie',
  'categetab', 'libcategetab', 'categagretab', 'libcategagretab', 'siret', 'codeape', 'codemft', 'libmft', 'codesph',
  'libsph', 'dateouv', 'dateautor', 'datemaj', 'numuai',
];
export const FINESS_PHARMACY = '620';

const FINESS_OVERSEAS = new Map([['9A', '971'], ['9B', '972'], ['9C', '973'], ['9D', '974'], ['9E', '975'], ['9F', '976']]);

/** FINESS département + 3-digit commune → INSEE code (overseas départements are coded 9A…9F). */
export function finessInsee(departement: string, commune: string): string {
  const dom = FINESS_OVERSEAS.get(departement);
  if (dom) return `${dom}${commune.slice(-2)}`;
  return `${departement.padStart(2, '0')}${commune.padStart(3, '0')}`;
}

/** One pharmacy of a national FINESS file, checked the same way whatever the format (CSV or JSON). */
export function finessPharmacy(
  ctx: RowContext,
  seen: Map<string, number>,
  resolve: CommuneResolver,
  f: { finess: string; code: string; opened: string; closed: string; nom: string; fields: { number: string; commune: string; opened: string; closed: string } },
): Pharmacy | undefined {
  const r = resolve(f.code);
  if (!r) return ctx.ignore('hors territoire'), undefined;
  if (r.former) ctx.warn(f.fields.commune, `ancien code ${f.code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
  if (!FINESS_NUMBER.test(f.finess)) return ctx.reject(f.fields.number, `numéro FINESS ${q(f.finess)} invalide (9 caractères).`), undefined;
  if (seen.has(f.finess)) return ctx.reject(f.fields.number, `pharmacie ${f.finess} déjà lue ${seen.get(f.finess)! > 0 ? `ligne ${seen.get(f.finess)}` : 'plus haut'}.`), undefined;
  const opened = parseDate(f.opened.slice(0, 10));
  if (opened === undefined) return ctx.reject(f.fields.opened, `date ${q(f.opened)} illisible.`), undefined;
  const closed = parseDate(f.closed.slice(0, 10));
  if (closed === undefined) return ctx.reject(f.fields.closed, `date ${q(f.closed)} illisible.`), undefined;
  seen.set(f.finess, ctx.line);
  return { commune: r.commune.code, opened, closed, finess: f.finess, ...(f.nom ? { nom: f.nom } : {}) };
}

export function finessSpec(opts: { resolve: CommuneResolver }): TableSpec<Pharmacy> {
  const seen = new Map<string, number>();
  const types = new Set<string>();
  const required = ['type', 'nofinesset', 'commune', 'departement', 'categetab'];
  return {
    format: 'finess',
    quoting: false,
    separator: ';',
    columns: FINESS_COLUMNS.map((key) => ({ key, label: key, required: required.includes(key) })),
    fixedColumns: { names: FINESS_COLUMNS, isTitle: (cells) => cells[0] === 'finess' },
    skip: (cells) => {
      if (cells[0] === 'structureet') return undefined;
      // Other record types are counted by name; a hostile file cannot grow this list without bound.
      if (types.has(cells[0]) || (types.size < 20 && /^[a-z]{1,30}$/.test(cells[0]))) return types.add(cells[0]), `enregistrement « ${cells[0]} »`;
      return "ligne d'un autre type";
    },
    row: (ctx) => {
      if (ctx.get('categetab') !== FINESS_PHARMACY) return ctx.ignore('autre catégorie que pharmacie d\'officine (620)'), undefined;
      return finessPharmacy(ctx, seen, opts.resolve, {
        finess: ctx.get('nofinesset'),
        code: finessInsee(ctx.get('departement'), ctx.get('commune')),
        opened: ctx.get('dateouv'),
        closed: '',
        nom: ctx.get('rslongue') || ctx.get('rs'),
        fields: { number: 'nofinesset', commune: 'commune', opened: 'dateouv', closed: 'dateouv' },
      });
    },
  };
}
