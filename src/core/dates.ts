// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that no time zone shifts a day.
const parse = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = parse(s); // month 13 gives an invalid Date, day 30 of February rolls over: both are refused
  return !Number.isNaN(d.getTime()) && iso(d) === s;
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Same day n months later, clamped to the month's last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return iso(d);
}

/** The last day of a period of n months starting on `date` (5 years from 1 March 2026 end on 28 February 2031). */
export const periodEnd = (date: string, months: number): string => addDays(addMonths(date, months), -1);

// The plans are French: « today » is the calendar day in Paris, not in UTC (between midnight and 1 or 2 a.m.
// in Paris, UTC still gives yesterday). Paris is at UTC+1, UTC+2 in summer time: from the last Sunday of March
// to the last Sunday of October, at 01:00 UTC both (the European rule since 1996). Computed here rather
// than by Intl, whose first date format costs some 50 ms of loading as the page starts.
const lastSundayAt1 = (year: number, month: number): number => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
};

/** The day in Paris at an instant (now by default), YYYY-MM-DD. */
export function parisToday(now: Date = new Date()): string {
  const t = now.getTime();
  const year = now.getUTCFullYear();
  const summer = t >= lastSundayAt1(year, 2) && t < lastSundayAt1(year, 9);
  return new Date(t + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
}
