// French formatting for numbers shown to people.
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** « 79 851 » (narrow no-break space between thousands, as Intl writes it; the common case is done
 * by hand because Intl is slow when a whole territory is listed). */
export function formatInteger(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return integer.format(n);
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? '\u202f' : '') + s[i];
  return out;
}

/** « 3,5 » : French decimals, at most two digits after the comma. */
export const formatNumber = (n: number): string => decimal.format(n);

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
// Formatting a date through Intl is slow, and the same few dates come back in every reason.
const dates = new Map<string, string>();

/** "2025-08-01" → "1er août 2025" (French writes the first day of a month as an ordinal). */
export function formatDate(iso: string): string {
  let s = dates.get(iso);
  if (s === undefined) {
    const d = new Date(`${iso}T00:00:00Z`);
    // A stored date that is no calendar date is shown as written, never thrown on (the page stays up).
    s = Number.isNaN(d.getTime()) ? String(iso) : longDate.format(d).replace(/^1 /, '1er ');
    if (dates.size > 10_000) dates.clear();
    dates.set(iso, s);
  }
  return s;
}

const rules = new Intl.PluralRules('fr-FR');

/** The word for a count, by the French plural rules (0 and 1 are singular): plural(2, 'aide', 'aides'). */
export const plural = (n: number, one: string, other: string): string => (rules.select(n) === 'one' ? one : other);

/** « 3 aides ouvertes », « 1 aide ouverte », « 0 aide ouverte », « 1 234 lignes lues » (whole counts by hand, as
 * formatInteger, since some messages are written once per row). */
export const count = (n: number, one: string, other: string): string =>
  `${Number.isSafeInteger(n) && n >= 0 ? formatInteger(n) : formatNumber(n)} ${plural(n, one, other)}`;

/** « a, b, c », or « a, b, c et 3 autres » when only the first of `total` names are shown. */
export const someOf = (shown: string[], total: number): string =>
  `${shown.join(', ')}${total > shown.length ? ` et ${count(total - shown.length, 'autre', 'autres')}` : ''}`;

/**
 * « de » before a place name, as French writes it: « d'Angoulême », « du Havre », « des Mathes », « de La
 * Rochelle », « de Niort ». An h is left alone (aspirated or not, it cannot be told from the spelling).
 */
export function ofPlace(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d'${name}` : `de ${name}`;
}
