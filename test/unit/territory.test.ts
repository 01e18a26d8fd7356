import { describe, expect, it } from 'vitest';
import { parseTerritory, parseTerritories, TerritoryError } from '../../src/core/territory.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { loadTerritories } from '../../scripts/lib/inputs.ts';
import { cog } from './cog.ts';

const valid = {
  id: 'deux-sevres',
  name: 'Deux-Sèvres',
  kind: 'Département',
  selection: { departement: '79' },
  outlineLabel: 'Limite du département',
  authority: { name: 'Département des Deux-Sèvres' },
  plans: [{ id: 'p', title: 'Plan', reference: 'Délibération', validFrom: '2026-01-01', source: 'plan.txt' }],
};

describe('territoires déclarés comme données', () => {
  it('charge les trois territoires livrés, triés par nom', () => {
    expect(loadTerritories().map((t) => t.id)).toEqual(['charente', 'charente-maritime', 'mauges']);
  });

  it('Charente-Maritime : les 462 communes actuelles du département 17', () => {
    const cm = loadTerritories().find((t) => t.id === 'charente-maritime')!;
    const communes = territoryCommunes(cog, cm);
    expect(communes).toHaveLength(462);
    expect(communes.every((c) => c.code.startsWith('17'))).toBe(true);
  });

  it("Mauges Communauté : les 6 communes membres de l'EPCI 200060010", () => {
    const mauges = loadTerritories().find((t) => t.id === 'mauges')!;
    expect(territoryCommunes(cog, mauges).map((c) => c.nom)).toEqual([
      'Beaupréau-en-Mauges',
      'Chemillé-en-Anjou',
      "Orée d'Anjou",
      'Montrevault-sur-Èvre',
      'Mauges-sur-Loire',
      'Sèvremoine',
    ]);
  });

  it('un troisième territoire est un nouveau dossier, sans code : les Deux-Sèvres', () => {
    const t = parseTerritory(valid, 'data/territories/deux-sevres/territory.json');
    const communes = territoryCommunes(cog, t);
    expect(communes.length).toBeGreaterThan(200);
    expect(communes.every((c) => c.code.startsWith('79'))).toBe(true);
  });

  it.each([
    [{ ...valid, id: 'Deux Sèvres' }, "l'identifiant « Deux Sèvres »"],
    [{ ...valid, selection: { region: '75' } }, '« selection »'],
    [{ ...valid, selection: { epci: '2000' } }, '« selection »'],
    [{ ...valid, name: '' }, '« name »'],
    [{ ...valid, plans: [{ ...valid.plans[0], validFrom: '01/08/2025' }] }, 'plans[0].validFrom'],
    [null, 'objet JSON attendu'],
  ])('refuse une définition invalide avec un message qui nomme le champ (%#)', (raw, message) => {
    expect(() => parseTerritory(raw, 'territoire.json')).toThrow(TerritoryError);
    expect(() => parseTerritory(raw, 'territoire.json')).toThrow(message);
  });

  it('refuse deux territoires de même identifiant', () => {
    expect(() => parseTerritories([['a.json', valid], ['b.json', valid]])).toThrow('Deux territoires portent');
  });

  it("signale un EPCI absent de la liste officielle", () => {
    const t = parseTerritory({ ...valid, selection: { epci: '999999999' } }, 'x.json');
    expect(() => territoryCommunes(cog, t)).toThrow('EPCI 999999999 absent');
  });
});
