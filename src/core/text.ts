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

/**
 * What must stay on one line: an amount (« 1 600 € », « 35 000 », « 12,5 % »), a guillemet and its word. A word
 * of 24 characters at most: a longer one (a value quoted from a file) may still break inside to fit a phone, and
 * a long run without spaces is scanned in linear time.
 */
const TOGETHER = /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?:[ \u00a0\u202f]?(?:k€|M€|€|%))?|\d{1,15}(?:,\d{1,15})?[ \u00a0\u202f](?:k€|M€|€|%)|«[ \u00a0\u202f][^\s«»]{1,24}|[^\s«»]{1,24}[ \u00a0\u202f]»/g;

/**
 * A text cut into pieces, those that must not break across lines marked `keep` (the page sets them in a span
 * that does not wrap): the data's texts use plain spaces, and « 1 600 € » was read « 1 / 600 € » or « 1 600 / € »
 * on a phone. The pieces put together are the text, unchanged.
 */
export function unbreakable(text: string): Array<{ text: string; keep: boolean }> {
  const parts: Array<{ text: string; keep: boolean }> = [];
  let at = 0;
  for (const m of text.matchAll(TOGETHER)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), keep: false });
    parts.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), keep: false });
  return parts;
}
