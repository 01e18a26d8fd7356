// The form in which names and queries are compared. Apart from the search index, so that pages needing only
// the key (offer ids) do not bundle the index code, which the search box loads on first use.

/** « Saint-Jean-d'Angély » → « saint jean d angely »; œ and æ spelled out. */
export function searchKey(text: string): string {
  // Most names are plain ASCII: no accents to strip (a fast path for the 37,000 names of the index).
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
