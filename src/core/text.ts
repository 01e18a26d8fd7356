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

/**
 * A label set inside a sentence: its first letter in lower case (« Très fragile » → « très fragile »,
 * « Zone d'action complémentaire (ZAC) » → « zone d'action complémentaire (ZAC) »). Only the first letter: the
 * acronyms and proper names further on stay (lower-casing the whole label wrote « (zac) », « charente-maritime »),
 * and so does a label opening on an acronym (« ARS Pays de la Loire »).
 */
export function lowerFirst(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
