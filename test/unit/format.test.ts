import { describe, expect, it } from 'vitest';
import { formatDate, formatInteger, formatSigned, ofPlace, plural } from '../../src/core/format.ts';
import { lowerFirst, unbreakable } from '../../src/core/text.ts';
import { aidName } from '../../src/core/aids/names.ts';

it('formate nombres et dates en français', () => {
  expect(formatInteger(79851)).toBe('79\u202f851');
  expect(formatDate('2025-08-01')).toBe('1er août 2025');
  expect(formatDate('2028-09-30')).toBe('30 septembre 2028');
});

it.each([
  [0, 'offre'],
  [1, 'offre'],
  [1.5, 'offre'],
  [2, 'offres'],
  [1000, 'offres'],
])('plural(%d) : « %s » (0 et 1 au singulier en français)', (n, word) => {
  expect(plural(n, 'offre', 'offres')).toBe(word);
});

it('plural suit la règle du français d’Intl.PluralRules (écrite à la main : aucun Intl au chargement)', () => {
  const rules = new Intl.PluralRules('fr-FR');
  const values = [0, 0.5, 1, 1.25, 1.99, 2, 2.5, 3, 10, 21, 100, 1e6, 1234567, -1, -1.5, -2, NaN, Infinity];
  for (const n of values) expect(plural(n, 'one', 'other'), String(n)).toBe(rules.select(n) === 'one' ? 'one' : 'other');
});

describe('ofPlace : « de » devant un nom de commune', () => {
  it.each([
    ['Angoulême', "d'Angoulême"],
    ['Aytré', "d'Aytré"],
    ['Île-d’Aix', "d'Île-d’Aix"],
    ['Yves', "d'Yves"],
    ['La Rochelle', 'de La Rochelle'],
    ['Le Havre', 'du Havre'],
    ['Les Mathes', 'des Mathes'],
    ['Niort', 'de Niort'],
    ['Hiers-Brouage', 'de Hiers-Brouage'],
    ['Lesparre-Médoc', 'de Lesparre-Médoc'],
  ])('%s → %s', (name, expected) => expect(ofPlace(name)).toBe(expected));
});

describe('une date stockée invalide ne fait pas tomber la page', () => {
  it('« 999-01-01 » et « 2027-02-30 » sont montrées telles quelles', async () => {
    const { formatDate } = await import('../../src/core/format.ts');
    expect(formatDate('999-01-01')).toBe('999-01-01');
    expect(formatDate('pas une date')).toBe('pas une date');
    expect(formatDate('2026-03-01')).toBe('1er mars 2026');
  });
});

describe('lowerFirst : un libellé au milieu d’une phrase', () => {
  it.each([
    ['Très fragile', 'très fragile'],
    ["Zone d'action complémentaire (ZAC)", "zone d'action complémentaire (ZAC)"],
    ['Département de la Charente-Maritime', 'département de la Charente-Maritime'],
    ['ARS Pays de la Loire', 'ARS Pays de la Loire'],
    ['ZIP', 'ZIP'],
    ['Médecin généraliste', 'médecin généraliste'],
    ['À compléter', 'À compléter'],
    ['', ''],
  ])('%s → %s', (label, expected) => {
    expect(lowerFirst(label)).toBe(expected);
  });
});

describe("aidName : le nom d'une aide dans une liste", () => {
  it.each([
    [{ title: "Aide à l'installation d'un médecin généraliste", ref: 'fiche 8' }, "Aide à l'installation d'un médecin généraliste (fiche 8)"],
    [{ title: 'Indemnité de déplacement des internes', ref: 'Indemnité de déplacement' }, 'Indemnité de déplacement des internes'],
    [{ title: "Indemnité d'études et de projet professionnel (médecine générale)", ref: "Indemnité d'études et de projet professionnel" }, "Indemnité d'études et de projet professionnel (médecine générale)"],
    [{ title: 'Soirée d’accueil des internes en médecine', ref: "Soirée d'accueil des internes en médecine" }, 'Soirée d’accueil des internes en médecine'],
    [{ title: 'Aide forfaitaire à l’installation des médecins généralistes', ref: 'Aide forfaitaire à l’installation — médecins généralistes et chirurgiens-dentistes' }, 'Aide forfaitaire à l’installation des médecins généralistes (Aide forfaitaire à l’installation — médecins généralistes et chirurgiens-dentistes)'],
  ])('%o', (aid, expected) => {
    expect(aidName(aid)).toBe(expected);
  });
});

it.each([
  [8, '+8'],
  [-4, '\u22124'],
  [0, '0'],
  [-1200, '\u22121\u202f200'],
])('formatSigned(%i) → %s (signe moins, pas un trait d’union)', (n, expected) => {
  expect(formatSigned(n)).toBe(expected);
});

describe('unbreakable : montants et guillemets gardés sur une ligne', () => {
  it.each([
    ['800 € /mois en 1re année – 1 100 €/mois en 2e année – 1 600 €/mois', ['800 €', '1 100 €', '1 600 €']],
    ['(35 000 € par an pendant 3 ans)', ['35 000 €']],
    ['soit 12,5 % du total et 3 047 100 €', ['12,5 %', '3 047 100 €']],
    ['la règle « pharmacie sans médecin »', ['« pharmacie', 'médecin »']],
    ['fiche 8, 2026', []],
  ])('%s', (text, kept) => {
    const parts = unbreakable(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.keep).map((p) => p.text)).toEqual(kept);
  });
});

it('unbreakable : une longue ligne sans espace (un message qui cite un fichier hostile) est lue en temps linéaire, intacte', () => {
  const text = `ligne 2 : « ${'a'.repeat(200_000)} » ; ${'9'.repeat(100_000)} ${'x'.repeat(100_000)} »`;
  const parts = unbreakable(text);
  expect(parts.map((p) => p.text).join('')).toBe(text);
});
