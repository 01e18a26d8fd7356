// French formatting for numbers shown to people.
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

export const formatInteger = (n: number): string => integer.format(n);

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2025-08-01" → "1er août 2025" (French writes the first day of a month as an ordinal). */
export const formatDate = (iso: string): string =>
  longDate.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');

const plurals = new Intl.PluralRules('fr-FR');

/** The French form of a word for a count: plural(0, 'offre', 'offres') is « offre » (French counts 0 and 1 as one). */
export const plural = (n: number, one: string, other: string): string => (plurals.select(n) === 'one' ? one : other);
