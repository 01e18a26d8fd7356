// Normalisation of what people type in spreadsheets: case, accents, spaces, underscores, hyphens.

/** "Code INSEE" → "codeinsee", "Très fragile" → "tresfragile", "non_prioritaire" → "nonprioritaire". */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]/g, '');
}
