// The ARS readers cut lines and cells with the import's reader (src/core/import/records.ts): the same line
// numbers, quotes and line breaks as every other import; a broken quote is a rejected row, named.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CogCommune } from '../../src/core/communes.ts';
import { CommuneIndex } from '../../src/core/ars/commune-index.ts';
import { importCartoSante } from '../../src/core/ars/cartosante.ts';
import { importNamePostal } from '../../src/core/ars/name-postal.ts';
import { arsClasses, classReader } from '../../src/core/ars/schemes.ts';
import { loadArsSchemes } from '../../scripts/lib/inputs.ts';
import { textLines, textRecords } from '../../src/core/import/records.ts';
import { MAX_LISTED } from '../../src/core/import/report.ts';

const require = createRequire(import.meta.url);
const index = new CommuneIndex(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
const schemes = loadArsSchemes();
const opts = (profession: string) => ({ index, classOf: classReader(schemes, profession), known: arsClasses(schemes, profession).filter((k) => k.code).map((k) => k.code!) });
const HEAD = ['CartoSanté; ; ', 'Référentiel géographique : France par commune et arrondissement mun.; ; ', 'Code;Libellé;Zonage chirurgien-dentiste'];

describe('lignes et cellules lues par le lecteur de l’import', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR seul (ancien Mac)', '\r'],
  ])('CartoSanté, fins de ligne %s : les mêmes lignes, numérotées de même', (_name, eol) => {
    const r = importCartoSante('d.csv', '\ufeff' + [...HEAD, '17300;La Rochelle;3_intermediaire', '', '17306;Rochefort;classe-x'].join(eol) + eol, opts('chirurgien-dentiste'));
    expect(r.read).toBe(2);
    expect(r.rows.map((e) => [e.line, e.commune])).toEqual([[4, '17300']]);
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([[6, 'Zonage']]);
    expect(r.read).toBe(r.accepted + r.rejectedCount);
    expect([r.accepted, r.rejectedCount]).toEqual([r.rows.length, r.rejected.length]);
  });

  it('CartoSanté : un guillemet jamais fermé rejette sa ligne en la nommant, les suivantes restent lues', () => {
    const r = importCartoSante('d.csv', [...HEAD, '17300;"La Rochelle;3_intermediaire', '17306;Rochefort;3_intermediaire'].join('\n'), opts('chirurgien-dentiste'));
    expect(r.rejected.map((x) => x.message)).toEqual(['d.csv, ligne 4, champ « Code » : guillemet ouvert et jamais fermé ; la ligne est rejetée. Corrigez ce guillemet.']);
    expect(r.rows.map((e) => e.commune)).toEqual(['17306']);
  });

  it('nom + code postal : un nom entre guillemets avec le séparateur, lignes vides sautées sans décaler les numéros', () => {
    const r = importNamePostal('m.csv', 'Code_postal,Nom_commune,Zonage\r\n\r\n17000,"La Rochelle",ZAC\r\n\r\n17300,"Rochefort, ville",ZAC\r\n', opts('medecin-generaliste'));
    expect(r.read).toBe(2);
    expect(r.rows.map((e) => [e.line, e.commune])).toEqual([[3, '17300']]);
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([[5, 'nom']]);
  });

  it('nom + code postal : un guillemet jamais fermé rejette sa ligne, les lignes qu’il aurait avalées sont relues', () => {
    const rows = ['Code_postal,Nom_commune,Zonage', '17000,"La Rochelle,ZAC', ...Array.from({ length: 120 }, () => '17000,La Rochelle,ZAC')];
    const r = importNamePostal('m.csv', rows.join('\n'), opts('medecin-generaliste'));
    expect(r.rejected.map((x) => x.message)).toEqual(['m.csv, ligne 2, champ « Nom_commune » : guillemet ouvert et jamais fermé ; la ligne est rejetée. Corrigez ce guillemet.']);
    expect(r.rows).toHaveLength(120);
    expect(r.read).toBe(121);
  });

  it('le rapport de l’import : toutes les lignes rejetées comptées et envoyées au puits, les 1 000 premières listées', () => {
    const all: string[] = [];
    const rows = Array.from({ length: 1200 }, (_, i) => `17300;La Rochelle;classe-${i}`);
    const r = importCartoSante('d.csv', [...HEAD, ...rows, '17306;Rochefort;3_intermediaire'].join('\n'), opts('chirurgien-dentiste'), { onReject: (e) => all.push(e.message) });
    expect(r).toMatchObject({ format: 'cartosante', separator: ';', read: 1201, accepted: 1, rejectedCount: 1200, unread: 0, fileErrors: [] });
    expect(r.rejected).toHaveLength(MAX_LISTED);
    expect(all).toHaveLength(1200);
    expect(all.at(-1)).toBe('d.csv, ligne 1203, champ « Zonage » : classe « classe-1199 » inconnue ; classes admises : 1_Tres_sous_dotee, 2_Sous_dotee, 3_intermediaire, 4_Tres_dotee, 5b_Non_prioritaire, N/A - résultat non disponible.');
  });

  it('textLines : une fin de ligne finale n’ouvre pas de ligne, la marque BOM est retirée', () => {
    expect(textLines('\ufeffa\r\nb\n\nc\n')).toEqual(['a', 'b', '', 'c']);
    expect(textRecords('a;"b\nc";d\ne', ';', () => {}).map((r) => [r.line, r.cells])).toEqual([[1, ['a', 'b\nc', 'd']], [3, ['e']]]);
  });
});
