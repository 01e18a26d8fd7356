// The DREES APL workbook read in its own format (README of ../shared/data/indicateurs):
// « a sheet `Paramètres`, then one sheet per year (`APL 2022`, `APL 2023`) whose header sits below several
// lines of title (a line of column labels, then a line of units), codes as text (`01001`, `2A004`). Next
// year's workbook will add a sheet: a reader finds the header and the years instead of counting lines. »
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { CommuneIndex } from '../../src/core/ars/commune-index.ts';
import type { CogCommune } from '../../src/core/communes.ts';
import { codeOf, findHeader, readAplWorkbook, resolveRows, sheetYear, type Cell, type Sheet } from '../../src/core/indicators/index.ts';
import { combineApl } from '../../scripts/build-indicators.ts';

const LABELS = ['Code commune INSEE', 'Commune', 'APL aux médecins généralistes', 'APL aux médecins généralistes de moins de 65 ans', 'Population standardisée 2021 pour la médecine générale', 'Population totale 2021'];
const UNITS = [null, null, 'En nombre de consultations/visites accessibles par habitant standardisé', 'idem', "En nombre d'habitants standardisés", "En nombre d'habitants"];
const titles = (year: number, n: number): Cell[][] => [[`Indicateur d'accessibilité potentielle localisée (APL) ${year} aux médecins généralistes`], [null], [`Millésime : ${year}`], ...Array.from({ length: n }, () => ['Note : …'])];
const yearSheet = (name: string, year: number, extraTitles: number, rows: Cell[][]): Sheet => ({ name, rows: [...titles(year, extraTitles), LABELS, UNITS, ...rows] });
const params: Sheet = { name: 'Paramètres', rows: [["Paramètres de l'indicateur d'APL aux médecins généralistes"], ['Champ'], ['Code commune INSEE ?']] };

describe('lecteur du classeur APL : en-tête et années trouvés, pas comptés', () => {
  it.each([
    ['en-tête sous 5 lignes de titre', 5, 9],
    ['en-tête sous 2 lignes de titre', 2, 6],
    ['en-tête sous 12 lignes de titre', 12, 16],
  ])('%s : en-tête à la ligne %#', (_, extra, headerLine) => {
    const { years } = readAplWorkbook('apl.xlsx', [params, yearSheet('APL 2023', 2023, extra, [['01001', "L'Abergement-Clémenciat", 1.942, 1.881, 838.154, 832]])]);
    expect(years).toHaveLength(1);
    expect(years[0].headerLine).toBe(headerLine);
    expect(years[0].rows[0]).toMatchObject({ code: '01001', value: 1.942, under65: 1.881, popStd: 838.154, pop: 832 });
    // The units line is ignored, not read as a commune.
    expect(years[0].rows).toHaveLength(1);
  });

  it('une nouvelle feuille (APL 2024) est lue sans changement ; Paramètres est écartée', () => {
    const sheets = [params, yearSheet('APL 2022', 2022, 4, [['01001', 'A', 1.89, 1.828, 810.855, 806]]), yearSheet('APL 2023', 2023, 4, [['01001', 'A', 1.942, 1.881, 838.154, 832]]), yearSheet('APL 2024', 2024, 6, [['01001', 'A', 2.01, 1.9, 850, 840]])];
    const r = readAplWorkbook('apl.xlsx', sheets);
    expect(r.years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
    expect(r.skipped).toEqual(['Paramètres']);
  });

  it.each([
    ['APL 2023', 2023],
    ['APL2025', 2025],
    ['Feuil1', undefined],
  ])('année de la feuille « %s » : %s', (name, year) => {
    expect(sheetYear({ name, rows: name === 'Feuil1' ? [['sans millésime']] : [] })).toBe(year);
  });

  it('une feuille sans année dans son nom la trouve dans « Millésime : 2023 »', () => {
    expect(sheetYear({ name: 'Feuil2', rows: titles(2023, 1) })).toBe(2023);
  });

  it.each([
    ['01001', '01001'],
    ['2A004', '2A004'],
    ['2b033', '2B033'],
    [1001, '01001'],
    ['1001', undefined],
    ['ABCDE', undefined],
    [null, undefined],
  ] as Array<[Cell, string | undefined]>)('code %j → %j (le texte 2A004 reste du texte)', (cell, code) => {
    expect(codeOf(cell)).toBe(code);
  });

  it('ligne invalide rejetée en nommant feuille, ligne et champ ; lignes valides gardées ; lues = acceptées + rejetées', () => {
    const { years } = readAplWorkbook('apl.xlsx', [yearSheet('APL 2023', 2023, 4, [['2A004', 'Ajaccio', 3.1, 2.9, 70000, 71000], ['XX', 'Bad', 1, 1, 1, 1], ['01002', 'B', 'abc', 1, 1, 1], ['01003', 'C', 'NA', null, 10, 10], [null, null, null, null, null, null]])]);
    const y = years[0];
    expect(y.rows.map((r) => r.code)).toEqual(['2A004', '01003']);
    expect(y.rows[1].value).toBeNull();
    expect(y.rejected).toEqual([
      { sheet: 'APL 2023', line: 11, field: 'Code commune INSEE', message: expect.stringContaining('« XX » invalide') },
      { sheet: 'APL 2023', line: 12, field: 'APL aux médecins généralistes', message: expect.stringContaining('« abc » non numérique') },
    ]);
    expect(y.ignored).toBe(2);
  });

  it('colonne manquante : erreur française nommant fichier, feuille, ligne et colonne', () => {
    const sheet: Sheet = { name: 'APL 2023', rows: [...titles(2023, 1), LABELS.slice(0, 3), UNITS] };
    expect(() => readAplWorkbook('apl.xlsx', [sheet])).toThrow(/apl\.xlsx, feuille « APL 2023 », ligne 5 : colonne « APL … de moins de 65 ans » introuvable/);
    expect(findHeader([[null], ['Code commune INSEE', 'Commune']])?.line).toBe(1);
  });
});

describe('codes qui bougent (README : « Codes move »)', () => {
  const index = new CommuneIndex(createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
  const resolve = (c: string) => index.resolveCode(c);
  const row = (code: string, value: number, popStd: number, line = 1) => ({ line, code, nom: '', value, under65: value - 0.1, popStd, pop: Math.round(popStd) });

  it.each([
    // « Orée d'Anjou, written 49069, now 49126 »: attached to the current commune with a warning.
    ['ancien code seul (Orée d’Anjou 49069 → 49126)', [row('49069', 2.1, 16000)], '49126', 'ancienne', 2.1, 1],
    // Paris: its arrondissements, weighted by standardised population, said as derived.
    ['arrondissements de Paris (75101 + 75102 → 75056)', [row('75101', 4, 1000), row('75102', 2, 3000)], '75056', 'arrondissements', 2.5, 0],
    // A commune nouvelle since the millésime: the mean of its former communes weighted by standardised population.
    ['commune fusionnée depuis le millésime (16023 + 16238 → 16023)', [row('16023', 3, 2000), row('16238', 6, 1000)], '16023', 'fusion', 4, 0],
    ['commune actuelle', [row('17300', 3.333, 80000)], '17300', 'actuelle', 3.333, 0],
    ['code corse en texte', [row('2A004', 3.1, 70000)], '2A004', 'actuelle', 3.1, 0],
  ] as const)('%s', (_, rows, commune, via, value, warnings) => {
    const r = resolveRows({ file: 'apl.xlsx', sheet: 'APL 2023' }, [...rows], resolve, combineApl);
    const got = r.values.get(commune)!;
    expect(got.via).toBe(via);
    expect(got.value.value).toBeCloseTo(value, 3);
    expect(r.warnings).toHaveLength(warnings);
    expect(r.read).toBe(r.used + r.attached + r.rejected.length);
  });

  it('un code inconnu est rejeté, nommé, jamais perdu en silence', () => {
    const r = resolveRows({ file: 'apl.xlsx', sheet: 'APL 2023' }, [row('99999', 1, 1, 12), row('01001', 2, 10, 13)], resolve, combineApl);
    expect(r.rejected).toEqual([{ file: 'apl.xlsx', sheet: 'APL 2023', line: 12, field: 'code_insee', message: expect.stringContaining('99999') }]);
    expect(r.read).toBe(2);
    expect(r.used + r.attached + r.rejected.length).toBe(2);
  });
});
