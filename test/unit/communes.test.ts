import { describe, expect, it } from 'vitest';
import { Cog, type CogCommune } from '../../src/core/communes.ts';
import { cog } from './cog.ts';

describe('référentiel des communes (COG)', () => {
  it.each([
    ['17219', '17219', 'commune actuelle'],
    ['17189', '17219', 'Hiers-Brouage, fusionnée dans Marennes-Hiers-Brouage'],
    ['17001', '17397', 'Agonnay, commune associée à Saint-Savinien'],
    ['49069', '49126', "ancien code de l'actuelle Orée d'Anjou"],
    ['99999', undefined, 'code inconnu'],
  ])('currentCodeOf(%s) = %s (%s)', (code, expected, _why) => {
    expect(cog.currentCodeOf(code)).toBe(expected);
  });

  it("décrit une commune : population, EPCI, codes postaux, anciennes communes", () => {
    const c = cog.describe(cog.current.get('17219')!);
    expect(c).toMatchObject({
      code: '17219',
      nom: 'Marennes-Hiers-Brouage',
      codesPostaux: ['17320'],
      epci: { code: '241700699', nom: 'CC du Bassin de Marennes' },
    });
    expect(c.population).toBeGreaterThan(5000);
    expect(c.anciennes).toEqual([
      { code: '17189', nom: 'Hiers-Brouage' },
      { code: '17219', nom: 'Marennes' },
    ]);
  });

  it("suit une chaîne de fusions successives jusqu'à la commune actuelle", () => {
    const rows: CogCommune[] = [
      { code: '00003', nom: 'C', type: 'commune-actuelle', departement: '00', anciensCodes: ['00002'] },
      { code: '00002', nom: 'B', type: 'commune-deleguee', chefLieu: '00003' },
      { code: '00001', nom: 'A', type: 'commune-associee', chefLieu: '00002' },
    ];
    const small = new Cog(rows, []);
    expect(small.currentCodeOf('00001')).toBe('00003');
    expect(small.describe(rows[0]).anciennes.map((a) => a.nom)).toEqual(['A', 'B']);
    expect(small.describe(rows[0]).epci).toBeNull();
  });
});
