// The DataSanté national zonages file: the four real rows of the sample (each profession, each date), then
// hostile variants (a missing column, an impossible date, an unknown class, a former commune code, a
// duplicate commune with two classes); read = accepted + rejected + ignored in every case.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CommuneIndex } from '../../src/core/ars/commune-index.ts';
import { importDatasante, isDatasanteHeader, parseFrenchDate, parsePopulation, type DatasanteReport } from '../../src/core/ars/datasante.ts';
import type { CogCommune } from '../../src/core/communes.ts';
import { loadArsSchemes } from '../../scripts/lib/inputs.ts';

const index = new CommuneIndex(createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
const ars = loadArsSchemes();
const SAMPLE = path.resolve(process.env.FORMATS_SRC ?? '../shared/formats', 'datasante-zonages-sample.csv');
const sample = fs.readFileSync(SAMPLE, 'utf8');
const [HEADER, ...ROWS] = sample.trim().split('\n');
const read = (text: string, file = 'zonages.csv'): DatasanteReport => importDatasante(file, new TextEncoder().encode(text), { index, ars });
const balanced = (r: DatasanteReport) => r.accepted + r.rejectedCount + Object.values(r.ignored).reduce((a, b) => a + b, 0) + r.unread === r.read;
/** The sample's row of a commune, with some cells changed (by column name). */
function variant(code: string, changes: Record<string, string>): string {
  const head = HEADER.split(',').map((h) => h.replace(/"/g, ''));
  const row = ROWS.find((r) => r.includes(`"COM","${code}"`))!;
  const cells = row.slice(1, -1).split('","');
  for (const [k, v] of Object.entries(changes)) cells[head.indexOf(k)] = v;
  return `"${cells.join('","')}"`;
}

describe('DataSanté national file: the sample', () => {
  const r = read(sample);
  it('recognises the header and reads the four rows', () => {
    expect(isDatasanteHeader(HEADER)).toBe(true);
    expect(isDatasanteHeader('code_insee,zone')).toBe(false);
    expect(r.format).toBe('datasante');
    expect(r.fileErrors).toEqual([]);
    expect([r.read, r.accepted, r.rejectedCount]).toEqual([4, 4, 0]);
    expect(r.dateMaj).toBe('2026-07-30');
    expect(r.source).toBe('DataSanté (doc en ligne sur data.gouv.fr)');
  });
  // Each profession of each row: the class mapped to the existing scheme, valid from its own arrêté.
  const cases: Array<[string, string, string, string]> = [
    ['11132', 'medecin-generaliste', 'zac', '2025-10-30'],
    ['11132', 'infirmier', 'sur-dotee', '2025-11-12'],
    ['11132', 'masseur-kinesitherapeute', 'intermediaire', '2024-10-29'],
    ['11132', 'sage-femme', 'intermediaire', '2024-10-29'],
    ['11132', 'chirurgien-dentiste', 'tres-sous-dotee', '2024-10-22'],
    ['11132', 'orthophoniste', 'intermediaire', '2024-02-19'],
    ['11262', 'medecin-generaliste', 'zar', '2025-10-30'],
    ['11262', 'masseur-kinesitherapeute', 'non-prioritaire', '2024-10-29'],
    ['11262', 'orthophoniste', 'tres-dotee', '2024-02-19'],
    ['34172', 'sage-femme', 'tres-dotee', '2024-10-29'],
    ['34172', 'orthophoniste', 'sur-dotee', '2024-02-19'],
    ['97617', 'medecin-generaliste', 'zip', '2023-06-05'],
    ['97617', 'infirmier', 'tres-sous-dotee', '2022-03-31'],
    ['97617', 'chirurgien-dentiste', 'tres-sous-dotee', '2012-10-01'],
    ['97617', 'orthophoniste', 'tres-sous-dotee', '2023-06-05'],
  ];
  it.each(cases)('%s %s: class %s from %s', (code, profession, cls, date) => {
    expect(r.rows.find((x) => x.code === code)!.zones[profession]).toEqual({ class: cls, date });
  });
  it('reads « 1 306 » as a number and keeps the territoire de vie-santé and bassin de vie', () => {
    const fabrezan = r.rows.find((x) => x.code === '11132')!;
    expect(fabrezan.population).toBe(1306);
    expect(fabrezan.tvs).toEqual({ code: '11203', lib: 'Lézignan-Corbières' });
    expect(fabrezan.bvcv).toEqual({ code: '11203', lib: 'Lézignan-Corbières', type: 'Bassin de vie' });
    expect(r.rows.find((x) => x.code === '11262')!.bvcv).toEqual({ code: '1199', lib: 'Narbonne', type: 'Canton-ville' });
    // « NC » (non concerné) is no bassin de vie.
    expect(r.rows.find((x) => x.code === '97617')!.bvcv).toBeNull();
    expect(r.rows.find((x) => x.code === '34172')!.population).toBe(310240);
  });
});

describe('DataSanté national file: hostile variants', () => {
  it('a missing column refuses the file, naming the column, no row read', () => {
    const head = HEADER.replace(',"zsf_date_arrete"', '');
    const rows = ROWS.map((l) => l.replace(/,"29\/10\/2024","1_Tres_sous_dotee"/, ',"1_Tres_sous_dotee"'));
    const r = read([head, ...rows].join('\n'));
    expect(r.fileErrors[0]).toMatch(/zonages\.csv, ligne 1 : colonne obligatoire absente : « zsf_date_arrete »/);
    expect([r.read, r.accepted, r.unread]).toEqual([4, 0, 4]);
    expect(balanced(r)).toBe(true);
  });
  const hostile: Array<[string, Record<string, string>, string, RegExp]> = [
    ['an impossible date', { zmk_date_arrete: '31/02/2026' }, 'zmk_date_arrete', /ligne 2, colonne « zmk_date_arrete » : date d'arrêté « 31\/02\/2026 » impossible/],
    ['an ISO date', { zmed_date_arrete: '2025-10-30' }, 'zmed_date_arrete', /« 2025-10-30 » impossible \(attendu JJ\/MM\/AAAA/],
    ['an arrêté after the file', { zide_date_arrete: '01/08/2026' }, 'zide_date_arrete', /postérieure à la mise à jour du fichier/],
    ['an unknown class', { zdent_niveau: '9_Inconnue' }, 'zdent_niveau', /classe « 9_Inconnue » inconnue pour chirurgien-dentiste ; classes admises : 1_Tres_sous_dotee/],
    ['a class of another scale', { zmed_niveau: '1_Tres_sous_dotee' }, 'zmed_niveau', /classe « 1_Tres_sous_dotee » inconnue pour medecin-generaliste ; classes admises : 1_ZIP, 2_ZAC, 4_ZAR, 3_HZ/],
    ['an unknown commune', { com_code: '11999' }, 'com_code', /code 11999 \(Fabrezan\) absent de la liste officielle/],
    ['a population that is no number', { pop: '1 3O6' }, 'pop', /population « 1 3O6 » illisible/],
    ['an impossible update date', { date_maj: '30/13/2026' }, 'date_maj', /date « 30\/13\/2026 » impossible/],
  ];
  it.each(hostile)('%s: the row is rejected naming line and column, the others kept', (_, changes, field, message) => {
    const r = read([HEADER, variant('11132', changes), ...ROWS.slice(1)].join('\n'));
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 2, field });
    expect(r.rejected[0].message).toMatch(message);
    expect([r.read, r.accepted, r.rejectedCount]).toEqual([4, 3, 1]);
    expect(r.rejectedBy.Occitanie).toBeDefined();
    expect(balanced(r)).toBe(true);
  });
  it('counts a rejection on one profession under that profession and region', () => {
    const r = read([HEADER, variant('11132', { zdent_niveau: 'X' }), ...ROWS.slice(1)].join('\n'));
    expect(r.rejectedBy).toEqual({ Occitanie: { 'chirurgien-dentiste': 1 } });
  });
  it('a former commune code is rattached to the current commune, with a warning', () => {
    // Champtoceaux (49069) is part of Orée d'Anjou (49126) since 2015.
    const r = read([HEADER, variant('11132', { com_code: '49069', com_lib: 'Champtoceaux', com_region: 'Pays de la Loire' })].join('\n'));
    expect(r.accepted).toBe(1);
    expect(r.rows[0]).toMatchObject({ code: '49126', written: '49069' });
    expect(r.warnings[0].message).toMatch(/ligne 2, colonne « com_code » : ancien code 49069 \(Champtoceaux\) rattaché à la commune actuelle 49126 Orée d'Anjou/);
  });
  it('a duplicate commune with two classes: both rows rejected, naming each other', () => {
    const r = read([HEADER, ...ROWS, variant('11132', { zmed_niveau: '1_ZIP' })].join('\n'));
    expect([r.read, r.accepted, r.rejectedCount]).toEqual([5, 3, 2]);
    expect(r.rejected.map((e) => e.line)).toEqual([2, 6]);
    expect(r.rejected[0].message).toMatch(/ligne 2, colonne « com_code » : commune 11132 Fabrezan classée autrement ligne 6/);
    expect(r.rejected[1].message).toMatch(/ligne 6, colonne « com_code » : commune 11132 Fabrezan déjà classée autrement ligne 2/);
    expect(r.rows.some((x) => x.code === '11132')).toBe(false);
    expect(balanced(r)).toBe(true);
  });
  it('an identical duplicate is counted once (the second row rejected as a duplicate)', () => {
    const r = read([HEADER, ...ROWS, ROWS[0]].join('\n'));
    expect([r.accepted, r.rejectedCount]).toEqual([4, 1]);
    expect(r.rejected[0].message).toMatch(/ligne 6.*doublon de la ligne 2/);
  });
  it('another level than the commune is counted as ignored', () => {
    const r = read([HEADER, ROWS[0].replace('"COM"', '"DEP"'), ...ROWS.slice(1)].join('\n'));
    expect([r.read, r.accepted, r.ignored]).toEqual([4, 3, { 'niveau DEP (autre que la commune)': 1 }]);
    expect(balanced(r)).toBe(true);
  });
  it('reads dates and populations as the file writes them', () => {
    expect(parseFrenchDate('30/12/2025')).toBe('2025-12-30');
    expect(parseFrenchDate('31/02/2026')).toBeUndefined();
    expect(parseFrenchDate('2025-12-30')).toBeUndefined();
    expect(parsePopulation('1 306')).toBe(1306);
    expect(parsePopulation('310\u202f240')).toBe(310240);
    expect(parsePopulation('')).toBeNull();
    expect(parsePopulation('1,5')).toBeUndefined();
  });
});
