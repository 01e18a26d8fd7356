// The national view's pure logic: classes and counts from a class table, the map's `match`, the table's rows.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArsSchemes } from '../../src/core/ars/schemes.ts';
import type { ArsTableFile } from '../../src/core/ars/table-file.ts';
import type { SearchData } from '../../src/core/search-data.ts';
import { classOfCode, fillExpression, nationalClasses, nationalRows, pageOfRows, queryRows, UNCLASSIFIED } from '../../src/ui/national/national.ts';

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
    [{ text: '', classId: '', sort: 'nom', ascending: true }, ['2A004', '16015', '17300', '79191', '75056']],
    [{ text: 'charente', classId: '', sort: 'nom', ascending: true }, ['16015', '17300']],
    [{ text: '79', classId: '', sort: 'nom', ascending: true }, ['79191']],
    [{ text: '', classId: 'zip', sort: 'population', ascending: false }, ['79191', '16015']],
    [{ text: '', classId: '', sort: 'classId', ascending: true }, ['16015', '79191', '17300', '75056', '2A004']],
  ] as const)('filtre et trie %o', (q, codes) => {
    const rows = nationalRows(search, classOfCode(classes));
    expect(queryRows(rows, { ...q }, classes.map((k) => k.id)).map((r) => r.code)).toEqual(codes);
  });

  it('découpe en pages bornées', () => {
    const rows = Array.from({ length: 35_001 }, (_, i) => i);
    expect(pageOfRows(rows, 1, 50)).toMatchObject({ page: 1, pages: 701, rows: rows.slice(0, 50) });
    expect(pageOfRows(rows, 999, 50)).toMatchObject({ page: 701, rows: [35_000] });
    expect(pageOfRows([], 3, 50)).toMatchObject({ page: 1, pages: 1, rows: [] });
  });
});
