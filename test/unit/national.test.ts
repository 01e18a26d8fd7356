// The national view's pure logic: classes and counts from a class table, the map's `match`, the table's rows.
import fs from 'node:fs';
import { PMTiles } from 'pmtiles';
import { TILES_ARCHIVE } from '../../src/core/tiles.ts';
import { NATIONAL_AREAS } from '../../src/core/permalink.ts';
import { describe, expect, it } from 'vitest';
import type { ArsSchemes } from '../../src/core/ars/schemes.ts';
import type { ArsTableFile } from '../../src/core/ars/table-file.ts';
import type { SearchData } from '../../src/core/search/data.ts';
import { areaBounds, classedCount, classOfCode, classTallies, departementAggregates, departementsOf, fillExpression, nationalClasses, nationalRows, pageOfRows, queryRows, UNCLASSIFIED, type DepartementView } from '../../src/ui/national/national.ts';

const schemes = JSON.parse(fs.readFileSync('data/ars/schemes.json', 'utf8')) as ArsSchemes;
const file: ArsTableFile = {
  profession: 'medecin-generaliste',
  scheme: 'ars-medecin-generaliste',
  source: 'essai',
  exportedBefore: '2025-05-09',
  classes: { zip: '16015 79191', zac: '17300', parties: '75056' },
  parts: { '75056': [['75101', 'Paris 1er', 'zac'], ['75102', 'Paris 2e', 'zip']] },
  former: {},
};
const search: SearchData = {
  source: 'essai',
  departements: { '16': 'Charente', '17': 'Charente-Maritime', '79': 'Deux-Sèvres', '75': 'Paris', '2A': 'Corse-du-Sud' },
  epcis: [],
  territories: {},
  communes: [
    ['16015', 'Angoulême', '16000', 41000, -1, []],
    ['17300', 'La Rochelle', '17000', 77000, -1, []],
    ['79191', 'Niort', '79000', 59854, -1, []],
    ['75056', 'Paris', '75001', 2100000, -1, []],
    ['2A004', 'Ajaccio', '20000', 73000, -1, []],
  ],
};

describe('vue nationale', () => {
  const classes = nationalClasses(schemes, file);
  it('compte les communes de chaque classe dans l’ordre de l’échelle, 0 pour une classe absente', () => {
    expect(classes.map((k) => [k.id, k.count])).toEqual([['zip', 2], ['zac', 1], ['zar', 0], ['hors-zonage', 0], ['sans-classe', 0], ['parties', 1]]);
  });

  it('colore par un `match` d’une branche par classe ; une commune absente reste blanche', () => {
    expect(fillExpression(classes)).toEqual(['match', ['get', 'code'], ['16015', '79191'], '#9e1b0f', ['17300'], '#e0622b', ['75056'], '#b9a3d6', UNCLASSIFIED]);
  });

  it.each([
    [{ text: '', classId: '', departement: '', sort: 'nom', ascending: true }, ['2A004', '16015', '17300', '79191', '75056']],
    // A département by its code, not by a name that a commune may contain.
    [{ text: '', classId: '', departement: '17', sort: 'nom', ascending: true }, ['17300']],
    [{ text: 'charente', classId: '', departement: '', sort: 'nom', ascending: true }, []],
    [{ text: '79', classId: '', departement: '', sort: 'nom', ascending: true }, ['79191']],
    [{ text: '', classId: 'zip', departement: '', sort: 'population', ascending: false }, ['79191', '16015']],
    [{ text: '', classId: 'zip', departement: '16', sort: 'population', ascending: false }, ['16015']],
    [{ text: '', classId: '', departement: '', sort: 'classId', ascending: true }, ['16015', '79191', '17300', '75056', '2A004']],
  ] as const)('filtre et trie %o', (q, codes) => {
    const rows = nationalRows(search, classOfCode(classes));
    expect(queryRows(rows, { ...q }, classes.map((k) => k.id)).map((r) => r.code)).toEqual(codes);
  });

  it('range les départements par code (2A et 2B entre 19 et 21) et totalise par classe sans rien perdre', () => {
    const rows = nationalRows(search, classOfCode(classes));
    expect(departementsOf(rows).map((d) => d.code)).toEqual(['16', '17', '2A', '75', '79']);
    const aggregates = departementAggregates(rows);
    expect(aggregates.find((d) => d.code === '16')).toMatchObject({ nom: 'Charente', communes: 1, population: 41000 });
    expect(aggregates.find((d) => d.code === '16')!.byClass.get('zip')).toEqual({ communes: 1, population: 41000 });
    // Ajaccio is not in the file: counted as not classified, so that classed + not classified = rows.
    expect(aggregates.find((d) => d.code === '2A')!.byClass.get('')).toEqual({ communes: 1, population: 73000 });
    expect(classedCount(rows)).toEqual({ classed: 4, unclassified: 1, outsideArs: 0, missing: 1 });
    const noumea = nationalRows({ ...search, communes: [...search.communes, ['98818', 'Nouméa', '98800', 94285, -1, []]] }, classOfCode(classes));
    expect(classedCount(noumea)).toEqual({ classed: 4, unclassified: 2, outsideArs: 1, missing: 1 });
    const all = classTallies(rows);
    expect([...all.values()].reduce((n, t) => n + t.communes, 0)).toBe(rows.length);
  });

  it('exporte en CSV les communes affichées et les totaux par département, formules neutralisées', async () => {
    const { nationalRowsCsv, departementAggregatesCsv } = await import('../../src/ui/national/national-csv.ts');
    const rows = nationalRows({ ...search, communes: [...search.communes, ['99999', '=HYPERLINK("x")', '', 10, -1, []]] }, classOfCode(classes));
    const src = { profession: 'Médecins généralistes', date: '2025-05-09', source: 'essai' };
    const text = nationalRowsCsv(rows, classes, src);
    expect(text.startsWith('\uFEFFcode_insee;commune;code_departement;departement;population;classe;libelle_classe;profession;situation_au;source\r\n')).toBe(true);
    expect(text).toContain("\r\n16015;Angoulême;16;Charente;41000;zip;Zone d'intervention prioritaire (ZIP);");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const totals = departementAggregatesCsv(departementAggregates(rows), classes, src).split('\r\n');
    expect(totals[0]).toContain('communes;population;communes_zip;population_zip');
    expect(totals.find((l) => l.startsWith('16;'))).toMatch(/^16;Charente;1;41000;1;41000;0;0;/);
  });

  it('découpe en pages bornées', () => {
    const rows = Array.from({ length: 35_001 }, (_, i) => i);
    expect(pageOfRows(rows, 1, 50)).toMatchObject({ page: 1, pages: 701, rows: rows.slice(0, 50) });
    expect(pageOfRows(rows, 999, 50)).toMatchObject({ page: 701, rows: [35_000] });
    expect(pageOfRows([], 3, 50)).toMatchObject({ page: 1, pages: 1, rows: [] });
  });
});

describe('vue nationale : région au zonage remplacé', () => {
  const replaced: ArsTableFile = {
    ...file,
    classes: { zip: '16015 79191 97411', zac: '17300', parties: '75056' },
    replaced: [{ region: '75', nom: 'Nouvelle-Aquitaine', departements: ['16', '17', '79'], from: '2026-02-03', by: "arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine" }],
  };
  it.each([
    // Before the act's publication the file's classes stand; from it, the region's communes are « remplacé ».
    ['2026-02-02', [['zip', 3], ['zac', 1], ['zar', 0], ['hors-zonage', 0], ['sans-classe', 0], ['parties', 1]]],
    ['2026-02-03', [['zip', 1], ['zac', 0], ['zar', 0], ['hors-zonage', 0], ['sans-classe', 0], ['parties', 1], ['remplace', 3]]],
    ['2026-11-23', [['zip', 1], ['zac', 0], ['zar', 0], ['hors-zonage', 0], ['sans-classe', 0], ['parties', 1], ['remplace', 3]]],
    [undefined, [['zip', 3], ['zac', 1], ['zar', 0], ['hors-zonage', 0], ['sans-classe', 0], ['parties', 1]]],
  ] as const)('au %s', (date, counts) => {
    const classes = nationalClasses(schemes, replaced, date);
    expect(classes.map((k) => [k.id, k.count])).toEqual(counts);
    const classOf = classOfCode(classes);
    expect(classOf.get('97411')).toBe('zip');
    expect(classOf.get('16015')).toBe(date && date >= '2026-02-03' ? 'remplace' : 'zip');
  });

  it('le gris « remplacé » colore les communes de la région, pas leur ancienne classe', () => {
    const classes = nationalClasses(schemes, replaced, '2026-11-23');
    expect(fillExpression(classes)).toEqual(['match', ['get', 'code'], ['97411'], '#9e1b0f', ['75056'], '#b9a3d6', ['16015', '17300', '79191'], schemes.replacedClass.color, UNCLASSIFIED]);
    const rows = nationalRows(search, classOfCode(classes));
    expect(rows.find((r) => r.code === '16015')!.classId).toBe('remplace');
    expect(queryRows(rows, { text: '', classId: 'remplace', departement: '', sort: 'code', ascending: true }, classes.map((k) => k.id)).map((r) => r.code)).toEqual(['16015', '17300', '79191']);
  });
});

describe('vue nationale : cadrages', () => {
  const deps: DepartementView[] = [
    { code: '16', nom: 'Charente', bbox: [-0.46, 45.19, 0.95, 46.14] },
    { code: '2A', nom: 'Corse-du-Sud', bbox: [8.53, 41.33, 9.41, 42.38] },
    { code: '29', nom: 'Finistère', bbox: [-5.14, 47.71, -3.39, 48.75] },
    { code: '974', nom: 'La Réunion', bbox: [55.22, -21.39, 55.84, -20.87] },
  ];
  it.each([
    [undefined, [-5.14, 41.33, 9.41, 48.75]],
    ['974', [55.22, -21.39, 55.84, -20.87]],
    ['976', undefined],
  ] as const)('%s', (area, bounds) => {
    expect(areaBounds(deps, area)).toEqual(bounds);
  });
  it('sans département métropolitain, pas de cadrage de la métropole', () => {
    expect(areaBounds([deps[3]])).toBeUndefined();
  });

  it('les tuiles livrées disent où sont la métropole et chaque département d’outre-mer du lien', async () => {
    const buf = fs.readFileSync(`public/${TILES_ARCHIVE}`);
    const source = { getKey: () => 'france', getBytes: async (offset: number, length: number) => ({ data: buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + offset + length) as ArrayBuffer }) };
    const { departements } = (await new PMTiles(source).getMetadata()) as { departements: DepartementView[] };
    const metro = areaBounds(departements)!;
    // Brest to Menton, Dunkerque to Bonifacio.
    expect(metro[0]).toBeLessThan(-4.4);
    expect(metro[2]).toBeGreaterThan(9.5);
    expect(metro[1]).toBeLessThan(41.4);
    expect(metro[3]).toBeGreaterThan(51);
    for (const { code } of NATIONAL_AREAS) expect(areaBounds(departements, code), code).toBeDefined();
    // Saint-Denis (La Réunion), 55.45° E 20.88° S, inside the frame of 974 and outside the métropole's.
    const reunion = areaBounds(departements, '974')!;
    expect(reunion[0] < 55.45 && 55.45 < reunion[2] && reunion[1] < -20.88 && -20.88 < reunion[3]).toBe(true);
    expect(55.45 > metro[2]).toBe(true);
  });
});
