// A territory is a folder: the Charente is data only (territory.json, an ARS-only zonage.json, no plan, no
// aids), and its built outputs carry every commune of the département in each ARS zonage.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTerritory } from '../../src/core/territory.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';

const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('Charente, a territory made of data only', () => {
  const territory = parseTerritory(json('data/territories/charente/territory.json'), 'charente/territory.json');
  const communes = json('public/data/charente/communes.json').communes as Array<{ code: string }>;
  const bundle = json('public/data/charente/zonage.json') as ZonageBundle;

  it('has no local plan and selects the département 16', () => {
    expect(territory.plans).toEqual([]);
    expect(territory.selection).toEqual({ departement: '16' });
    expect(json('public/data/charente/aides.json').aids).toEqual([]);
  });

  it('has its communes, their outlines and the search index entry', () => {
    expect(communes.length).toBeGreaterThan(300);
    expect(communes.every((c) => c.code.startsWith('16'))).toBe(true);
    const geo = json('public/geo/charente.topojson');
    expect(geo.objects.communes.geometries).toHaveLength(communes.length);
    expect(json('public/data/search/communes.json').territories.charente).toEqual(communes.map((c) => c.code));
  });

  it.each(['medecin-generaliste', 'chirurgien-dentiste', 'infirmier', 'masseur-kinesitherapeute', 'orthophoniste', 'sage-femme'])(
    'classes every commune in the ARS zonage of %s',
    (profession) => {
      const z = bundle.zonages.find((y) => y.profession === profession);
      expect(z?.scheme).toBe(`ars-${profession}`);
      expect(communes.filter((c) => z!.classes[c.code] === undefined)).toEqual([]);
    },
  );
});
