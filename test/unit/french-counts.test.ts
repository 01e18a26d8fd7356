// Counts read as French, never « ligne(s) »: 0 and 1 take the singular, 2 the plural, and every word that
// agrees with the count follows it (« 1 commune absente », « 2 communes absentes »).
import { describe, expect, it } from 'vitest';
import { communeResolver, importZonage } from '../../src/core/import/index.ts';
import { importSummary } from '../../src/core/import/summary.ts';
import { arreteListSummary, type ArreteListReport } from '../../src/core/ars/arrete-list.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { count, someOf } from '../../src/core/format.ts';
import { loadTerritories, loadZonageConfig } from '../../scripts/lib/inputs.ts';
import { cog } from './cog.ts';

const cm = loadTerritories().find((t) => t.id === 'charente-maritime')!;
const all = territoryCommunes(cog, cm);
const { schemes } = loadZonageConfig('charente-maritime');
/** A territory of three communes: the first n of them are left out of the file. */
const three = all.slice(0, 3);
const zonage = (text: string) =>
  importZonage('zonage.csv', new TextEncoder().encode(text), { resolve: communeResolver(three), schemes, profession: 'medecin-generaliste', communes: three });
/** n valid rows and n rows of an unknown commune. */
const file = (n: number) => `code_insee;zone\n${[...three.slice(0, n).map((c) => `${c.code};fragile`), ...Array.from({ length: n }, () => '17999;fragile')].join('\n')}\n`;

describe('les comptes des messages suivent le pluriel français', () => {
  it.each([
    [0, 'zonage.csv : 0 ligne lue, 0 acceptée, 0 rejetée, 0 hors champ ; encodage utf-8, séparateur point-virgule.'],
    [1, 'zonage.csv : 2 lignes lues, 1 acceptée, 1 rejetée, 0 hors champ ; encodage utf-8, séparateur point-virgule.'],
    [2, 'zonage.csv : 4 lignes lues, 2 acceptées, 2 rejetées, 0 hors champ ; encodage utf-8, séparateur point-virgule.'],
  ])('import : %d ligne(s) acceptée(s) et autant de rejetées', (n, expected) => {
    expect(importSummary('zonage.csv', zonage(file(n)))).toBe(expected);
  });

  it.each([
    [0, ''],
    [1, "1 commune du territoire sans classement : CODE. Elle n'est pas classée par défaut."],
    [2, '2 communes du territoire sans classement : CODE. Elles ne sont pas classées par défaut.'],
  ])('zonage incomplet : %d commune(s) sans classement', (n, expected) => {
    const given = three.slice(n);
    const r = zonage(`code_insee;zone\n${given.map((c) => `${c.code};fragile`).join('\n')}\n`);
    const names = three.slice(0, n).map((c) => `${c.code} ${c.nom}`).join(', ');
    const warning = r.warnings.map((w) => w.message).find((m) => m.includes('zonage incomplet'));
    expect(warning).toBe(n ? `zonage.csv : zonage incomplet, ${expected.replace('CODE', names)}` : undefined);
  });

  const ars = (n: number): ArreteListReport => ({
    file: 'liste.csv', format: 'cartosante', read: 3 * n + 4, accepted: 2 * n + 4, rejectedCount: n, ignored: 0, ignoredUnresolved: 0,
    rejected: [], fileErrors: Array.from({ length: n }, () => 'x'), warnings: [], missing: three.slice(0, n).map((c) => c.code), classes: new Map(), content: '',
  });
  it.each([
    [0, 'liste.csv (cartosante) : 4 lignes lues = 4 acceptées + 0 rejetée + 0 hors du territoire (ignorée).'],
    [1, 'liste.csv (cartosante) : 7 lignes lues = 6 acceptées + 1 rejetée + 0 hors du territoire (ignorée) ; 1 commune du territoire absente de la liste ; 1 erreur de fichier.'],
    [2, 'liste.csv (cartosante) : 10 lignes lues = 8 acceptées + 2 rejetées + 0 hors du territoire (ignorée) ; 2 communes du territoire absentes de la liste ; 2 erreurs de fichier.'],
  ])('liste ARS publiée : ligne du CLI avec %d rejet(s)', (n, expected) => {
    expect(arreteListSummary('liste.csv', ars(n))).toBe(expected);
  });

  it.each([
    [0, 'a, b'],
    [1, 'a, b et 1 autre'],
    [2, 'a, b et 2 autres'],
  ])('les noms listés puis %d autre(s)', (more, expected) => {
    expect(someOf(['a', 'b'], 2 + more)).toBe(expected);
  });

  it.each([
    [0, '0 ligne lue'],
    [1, '1 ligne lue'],
    [2, '2 lignes lues'],
    [1234, '1\u202f234 lignes lues'],
    [1.5, '1,5 ligne lue'],
  ])('count(%d)', (n, expected) => {
    expect(count(n, 'ligne lue', 'lignes lues')).toBe(expected);
  });
});
