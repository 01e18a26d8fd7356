// What of a territory's bundle goes to the public site (public/data/<id>/zonage.json, then dist/): the
// counts the map and the pages need, no personal data. Practitioners lose their name and RPPS number;
// movements lose them too, and those dated after the build (a departure told in confidence) are left out,
// as are the practitioners' future dates; notes lose any RPPS number. The staff space reads the files
// themselves for the rest.
import type { ZonageBundle } from './bundle.ts';
import type { Movement } from '../movements.ts';
import type { Practitioner } from './model.ts';

const RPPS_NUMBER = /\b\d{11}\b/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** The bundle as published on `asOf` (ISO date, the build's day). */
export function publicBundle(b: ZonageBundle, asOf: string): ZonageBundle {
  const practitioners: Practitioner[] = b.practitioners.rows
    .filter((p) => p.start === null || p.start <= asOf)
    .map((p) => ({ commune: p.commune, profession: p.profession, mode: p.mode, start: p.start, end: p.end !== null && p.end <= asOf ? p.end : null }));
  const movements: Movement[] = b.movements.rows
    .filter((m) => m.date <= asOf)
    .map((m) => ({ type: m.type, date: m.date, commune: m.commune, profession: m.profession, mode: m.mode, cause: m.cause, source: m.source, ...(m.after ? { after: m.after } : {}) }));
  const notes = b.movements.notes.filter((n) => !(n.match(ISO_DATE) ?? []).some((d) => d > asOf)).map((n) => n.replace(RPPS_NUMBER, 'un praticien'));
  return { ...b, practitioners: { ...b.practitioners, rows: practitioners }, movements: { ...b.movements, rows: movements, notes } };
}
