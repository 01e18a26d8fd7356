import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/core/search/build.ts';
import { queryWords, searchCommunes } from '../../src/core/search/index.ts';
import { searchKey } from '../../src/core/search/key.ts';
import { departementOf } from '../../src/core/communes.ts';
import { formatSearchData, searchData, type SearchData } from '../../src/core/search/data.ts';
import { buildSearch } from '../../scripts/build-search.ts';
import { ROOT, loadTerritories } from '../../scripts/lib/inputs.ts';
import { cog } from './cog.ts';

const require = createRequire(import.meta.url);
const departements = require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>;
const data = searchData(cog, loadTerritories(), departements, 'test');
const index = buildSearchIndex(data);
const search = (q: string, limit?: number) => searchCommunes(index, q, limit);
const first = (q: string) => search(q)[0];

describe('normalisation', () => {
  it.each([
    ["Saint-Jean-d'Angély", 'saint jean d angely'],
    ['L’Houmeau', 'l houmeau'],
    ['Œuilly', 'oeuilly'],
    ['  Île-d’Aix ', 'ile d aix'],
  ])('%s → %s', (text, key) => expect(searchKey(text)).toBe(key));
  it('« St » et « Ste » sont Saint et Sainte', () => expect(queryWords('St-Georges  ste marie')).toEqual(['saint', 'georges', 'sainte', 'marie']));
  it.each([
    ['17300', '17'],
    ['2A004', '2A'],
    ['97209', '972'],
    ['97611', '976'],
    ['98818', '988'],
  ])('département de %s : %s', (code, dep) => expect(departementOf(code)).toBe(dep));
});

describe('recherche nationale : le premier résultat', () => {
  it.each([
    // Names, any case, accents, hyphens, apostrophes, St/Ste.
    ['saint jean d angely', "Saint-Jean-d'Angély", '17347'],
    ['SAINT-JEAN-D’ANGÉLY', "Saint-Jean-d'Angély", '17347'],
    ['st jean d ang', "Saint-Jean-d'Angély", '17347'],
    ['ste marie de re', 'Sainte-Marie-de-Ré', '17360'],
    ['Ste-Foy-lès-Lyon', 'Sainte-Foy-lès-Lyon', '69202'],
    ['chateau thierry', 'Château-Thierry', '02168'],
    ['ile d aix', "Île-d'Aix", '17004'],
    ['houmeau', "L'Houmeau", '17190'],
    ['rochelle', 'La Rochelle', '17300'],
    ['la rochelle', 'La Rochelle', '17300'],
    ['larochelle', 'La Rochelle', '17300'],
    ['saintjeandangely', "Saint-Jean-d'Angély", '17347'],
    ['niort', 'Niort', '79191'],
    ['paris', 'Paris', '75056'],
    ['bordeau', 'Bordeaux', '33063'],
    // Typos: one edit up to 7 letters, two from 8.
    ['la rochele', 'La Rochelle', '17300'],
    ['rochele', 'La Rochelle', '17300'],
    ['marseile', 'Marseille', '13055'],
    ['chatelleraut', 'Châtellerault', '86066'],
    ['st jean d angeli', "Saint-Jean-d'Angély", '17347'],
    ['ajacio', 'Ajaccio', '2A004'],
    // Former and delegated communes lead to today's commune.
    ['beaupreau', 'Beaupréau-en-Mauges', '49023'],
    ['st pierre montlimart', 'Montrevault-sur-Èvre', '49218'],
    // Postal codes, with or without the leading zero, and INSEE codes.
    ['17000', 'La Rochelle', '17300'],
    ['17400', "Saint-Jean-d'Angély", '17347'],
    ['17300', 'Rochefort', '17299'],
    ['01000', 'Bourg-en-Bresse', '01053'],
    ['1000', 'Bourg-en-Bresse', '01053'],
    ['1053', 'Bourg-en-Bresse', '01053'],
    ['2A004', 'Ajaccio', '2A004'],
    ['2a004', 'Ajaccio', '2A004'],
    ['20000', 'Ajaccio', '2A004'],
    // Overseas.
    ['fort de france', 'Fort-de-France', '97209'],
    ['pointe a pitre', 'Pointe-à-Pitre', '97120'],
    ['mamoudzou', 'Mamoudzou', '97611'],
    ['97600', 'Mamoudzou', '97611'],
    ['saint denis', 'Saint-Denis', '97411'],
    ['cayenne', 'Cayenne', '97302'],
  ])('« %s » → %s (%s)', (q, nom, code) => expect(first(q)).toMatchObject({ nom, code }));
});

describe('classement', () => {
  it('un code postal avant la coïncidence avec un code INSEE, puis par population', () => {
    const hits = search('17400', 40);
    const postal = hits.filter((h) => h.via === 'code postal 17400');
    const insee = hits.findIndex((h) => h.via === 'code INSEE 17400');
    expect(postal.map((h) => h.nom)).toContain('Essouvert');
    expect(hits[insee]).toMatchObject({ nom: 'Saint-Sever-de-Saintonge', code: '17400' });
    expect(insee).toBe(postal.length);
    expect(postal.map((h) => h.population)).toEqual([...postal.map((h) => h.population)].sort((a, b) => b - a));
  });

  it('sans son zéro initial, un code postal passe avant les codes qui commencent par les mêmes chiffres', () => {
    const hits = search('1000');
    expect(hits.slice(0, 2).map((h) => h.via)).toEqual(['code postal 01000', 'code postal 01000']);
    expect(hits.find((h) => h.nom === 'Troyes')?.via).toBe('code postal 10000');
  });

  it.each([
    ['niort', ['Niort', 'Niort-de-Sault', 'Beauvoir-sur-Niort']],
    // The former La Rochelle-Normande (a prefix) after the exact names.
    ['la rochelle', ['La Rochelle', 'La Rochelle', 'Sartilly-Baie-Bocage']],
  ])('nom exact > début du nom > début d’un mot : « %s »', (q, names) => expect(search(q).map((h) => h.nom)).toEqual(names));

  it('une faute de frappe vient après les noms exacts ou commencés', () => {
    const hits = search('rochelle');
    const typo = hits.findIndex((h) => !searchKey(h.nom).includes('rochelle') && !h.note);
    expect(typo).toBeGreaterThan(0);
    expect(hits.slice(0, typo).every((h) => h.score > hits[typo].score)).toBe(true);
  });

  it('pas de fautes cherchées quand le nom exact est trouvé', () => expect(search('niort').map((h) => h.nom)).not.toContain('Nort-sur-Erdre'));

  it.each(['mont', 'saint', 'chateau'])('quand les débuts de noms abondent, ils remplissent la liste avant toute faute : « %s »', (q) => {
    const hits = search(q, 25);
    expect(hits).toHaveLength(25);
    expect(hits.every((h) => ` ${searchKey(h.nom)}`.includes(` ${q}`))).toBe(true); // Mons, Sains… are not offered
  });

  it.each(['saint', 'st', 's', 'mont', 'les', 'sur mer', 'rochelle', 'la rochele', '17', '97', '1', 'marseile'])(
    '« %s » : scores décroissants, à score égal les plus peuplées d’abord, chaque commune une fois',
    (q) => {
      const hits = search(q, 25);
      expect(hits.length).toBeGreaterThan(0);
      for (let i = 1; i < hits.length; i++) {
        const [a, b] = [hits[i - 1], hits[i]];
        expect(a.score > b.score || (a.score === b.score && a.population >= b.population), `${a.nom} puis ${b.nom}`).toBe(true);
      }
      expect(new Set(hits.map((h) => h.code)).size).toBe(hits.length);
      expect(hits.length).toBeLessThanOrEqual(25);
    },
  );

  it('à nom égal, la commune la plus peuplée', () => {
    const denis = search('saint denis').filter((h) => h.nom === 'Saint-Denis');
    expect(denis.slice(0, 2).map((h) => h.code)).toEqual(['97411', '93066']);
  });
});

describe('ce que dit chaque résultat', () => {
  it('une commune ancienne ou déléguée : la commune actuelle, avec une note', () => {
    const hit = first('Hiers-Brouage');
    expect(hit).toMatchObject({ code: '17219', nom: 'Marennes-Hiers-Brouage', territory: 'charente-maritime' });
    expect(hit.note).toBe("ancienne commune Hiers-Brouage, aujourd'hui Marennes-Hiers-Brouage");
    expect(first('Saint-Pierre-Montlimart')).toMatchObject({ nom: 'Montrevault-sur-Èvre', territory: 'mauges' });
  });

  it.each([
    ['la rochelle', 'charente-maritime', '17', 'Charente-Maritime'],
    ['beaupreau en mauges', 'mauges', '49', 'Maine-et-Loire'],
    ['niort', null, '79', 'Deux-Sèvres'],
    ['fort de france', null, '972', 'Martinique'],
    ['mamoudzou', null, '976', 'Mayotte'],
    ['ajaccio', null, '2A', 'Corse-du-Sud'],
  ])('« %s » : territoire %s, département %s %s', (q, territory, code, nom) =>
    expect(first(q)).toMatchObject({ territory, territories: territory ? [territory] : [], departement: { code, nom } }),
  );

  it('l’EPCI de la commune', () => expect(first('la rochelle').epci).toBe('CA de La Rochelle'));

  it('aucun résultat : liste vide', () => {
    expect(search('zzzz')).toEqual([]);
    expect(search('   ')).toEqual([]);
    expect(search("'-")).toEqual([]);
  });
});

describe('fichier de recherche national (npm run build:search)', () => {
  it('toutes les communes actuelles, une ligne chacune, et les communes de chaque territoire', () => {
    expect(data.communes).toHaveLength(cog.current.size);
    expect(data.territories['charente-maritime']).toHaveLength(462);
    expect(data.communes.find((r) => r[0] === '17219')?.[5]).toContain('Hiers-Brouage');
    const text = formatSearchData(data);
    expect(text.split('\n')).toHaveLength(data.communes.length + 3);
    expect((JSON.parse(text) as SearchData).communes).toEqual(data.communes);
  });

  it('le fichier livré est celui que la construction écrit, octet pour octet', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'search-'));
    buildSearch(out);
    const built = fs.readFileSync(path.join(out, 'search/communes.json'));
    expect(built.equals(fs.readFileSync(path.join(ROOT, 'public/data/search/communes.json')))).toBe(true);
    fs.rmSync(out, { recursive: true });
  });
});

describe('un nom avec son lieu, comme on l’écrit (« Ternant 17440 », « Ternant (17) »)', () => {
  it.each([
    // 17440 is Ternant's INSEE code; its postal code is 17400 (Saint-Jean-d'Angély's).
    ['Ternant 17440', '17440', 'code INSEE 17440'],
    ['ternant 17400', '17440', 'code postal 17400'],
    ['La Rochelle 17000', '17300', 'code postal 17000'],
    ['17000 La Rochelle', '17300', 'code postal 17000'],
    ['Ternant (17)', '17440', undefined],
    ['Ternant, Charente-Maritime', '17440', undefined],
    ['Ternant (Charente-Maritime)', '17440', undefined],
    ['ternant, charente maritime', '17440', undefined],
    // The other Ternant (Nièvre) by its département.
    ['Ternant (58)', '58289', undefined],
  ])('%s → %s', (q, code, via) => {
    const hit = first(q);
    expect(hit?.code).toBe(code);
    expect(hit?.via).toBe(via);
  });

  it('un code postal faux ne cache pas la commune du nom, il la met seulement après', () => {
    expect(search('Ternant 99999').map((h) => h.code)).toContain('17440');
  });

  it('sans lieu reconnu, la recherche reste celle du nom (« Ternant, Atlantide »)', () => {
    expect(search('Ternant, Atlantide')).toEqual([]);
    expect(first('Ternant')?.nom).toBe('Ternant');
  });
});

describe('requête bornée', () => {
  it('un collage de 500 000 mots est lu sur ses premiers mots seulement', () => {
    const words = queryWords(`la rochelle ${'constructor '.repeat(500_000)}`);
    expect(words.length).toBeLessThanOrEqual(12);
    expect(words.slice(0, 2)).toEqual(['la', 'rochelle']);
    expect(searchCommunes(index, `La Rochelle${' '.repeat(500_000)}zzz`)[0]?.nom).toBe('La Rochelle');
  });
  it('« constructor » ou « __proto__ » tapés ne sont pas des abréviations', () => {
    expect(queryWords('constructor __proto__ st')).toEqual(['constructor', 'proto', 'saint']);
  });
});
