import { expect, it } from 'vitest';
import { formatDate, formatInteger, plural } from '../../src/core/format.ts';

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
