import { describe, expect, it } from 'vitest';
import { buildSearchIndex, queryWords, searchCommunes, searchKey } from '../../src/core/search.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { loadTerritories } from '../../scripts/lib/inputs.ts';
import { cog } from './cog.ts';

const index = buildSearchIndex(loadTerritories().map((t) => ({ id: t.id, communes: territoryCommunes(cog, t) })));
const first = (q: string) => searchCommunes(index, q)[0];

describe('normalisation', () => {
  it.each([
    ["Saint-Jean-d'Angély", 'saint jean d angely'],
    ['L’Houmeau', 'l houmeau'],
    ['Œuilly', 'oeuilly'],
    ['  Île-d’Aix ', 'ile d aix'],
  ])('%s → %s', (text, key) => expect(searchKey(text)).toBe(key));
  it('« St » et « Ste » sont Saint et Sainte', () => expect(queryWords('St-Georges  ste marie')).toEqual(['saint', 'georges', 'sainte', 'marie']));
});

describe('recherche de communes (Charente-Maritime et Mauges)', () => {
  it.each([
    ['saint jean d angely', "Saint-Jean-d'Angély"],
    ['SAINT-JEAN-D’ANGÉLY', "Saint-Jean-d'Angély"],
    ['st jean d ang', "Saint-Jean-d'Angély"],
    ['ste marie de re', 'Sainte-Marie-de-Ré'],
    ['rochelle', 'La Rochelle'],
    ['la rochelle', 'La Rochelle'],
    ['houmeau', "L'Houmeau"],
    ['ile d aix', "Île-d'Aix"],
    ['beaupreau', 'Beaupréau-en-Mauges'],
    ['17300', 'La Rochelle'],
    ['17000', 'La Rochelle'],
  ])('« %s » → %s', (q, nom) => expect(first(q)?.nom).toBe(nom));

  it('un nom de commune ancienne ou déléguée mène à la commune actuelle, avec une note', () => {
    const hit = first('Hiers-Brouage');
    expect(hit).toMatchObject({ code: '17219', nom: 'Marennes-Hiers-Brouage', territory: 'charente-maritime' });
    expect(hit.note).toBe("ancienne commune Hiers-Brouage, aujourd'hui Marennes-Hiers-Brouage");
    // Mauges: the delegated communes of the communes nouvelles.
    expect(first('Saint-Pierre-Montlimart')).toMatchObject({ nom: 'Montrevault-sur-Èvre', territory: 'mauges' });
  });

  it('classement : le nom exact avant les noms qui le contiennent, puis les plus peuplées', () => {
    const hits = searchCommunes(index, 'saintes');
    expect(hits[0].nom).toBe('Saintes');
    expect(hits.length).toBeGreaterThan(1);
  });

  it('aucun résultat : liste vide', () => {
    expect(searchCommunes(index, 'zzzz')).toEqual([]);
    expect(searchCommunes(index, '   ')).toEqual([]);
  });
});
