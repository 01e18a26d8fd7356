import { expect, it } from 'vitest';
import { formatDate, formatInteger } from '../../src/core/format.ts';

it('formate nombres et dates en français', () => {
  expect(formatInteger(79851)).toBe('79\u202f851');
  expect(formatDate('2025-08-01')).toBe('1er août 2025');
  expect(formatDate('2028-09-30')).toBe('30 septembre 2028');
});
