// French formatting for numbers shown to people. Intl's formatters are made when first needed: making them
// as the page loads cost some 30 ms before the map's first view, which shows whole counts only.
let integerFormat: Intl.NumberFormat | undefined;
let decimalFormat: Intl.NumberFormat | undefined;
const integer = () => (integerFormat ??= new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }));
const decimal = () => (decimalFormat ??= new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }));

/** « 79 851 » (narrow no-break space between thousands, as Intl writes it; the common case is done
 * by hand because Intl is slow when a whole territory is listed). */
export function formatInteger(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return integer().format(n);
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? '\u202f' : '') + s[i];
  return out;
}

/** A balance with its sign: « +8 », « −4 » (the minus sign, not a hyphen, as in the publication's tables), « 0 ». */
export const formatSigned = (n: number): string => (n > 0 ? `+${formatInteger(n)}` : n < 0 ? `\u2212${formatInteger(-n)}` : '0');

/** « 3,5 » : French decimals, at most two digits after the comma. */
export const formatNumber = (n: number): string => decimal().format(n);

// Written by hand as Intl's fr-FR long date writes it (« 1 août 2025 »): the first Intl.DateTimeFormat of a
// page costs some 50 ms of loading as the page starts, and the same few dates come back in every reason.
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2025-08-01" → "1er août 2025" (French writes the first day of a month as an ordinal). */
export function formatDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  // A stored date that is no calendar date is shown as written, never thrown on (the page stays up).
  if (Number.isNaN(d.getTime())) return String(iso);
  const day = d.getUTCDate();
  return `${day === 1 ? '1er' : day} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * The word for a count, by the French plural rules (0 and 1 are singular): plural(2, 'aide', 'aides'). CLDR's
 * rule for French, as Intl.PluralRules('fr-FR') applies it: « one » when the integer part is 0 or 1 (1,5 aide).
 */
export const plural = (n: number, one: string, other: string): string => (Math.abs(n) < 2 ? one : other);

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
