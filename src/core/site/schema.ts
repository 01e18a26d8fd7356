// data/site.json: the deployment's publisher, host and contact. Every field may be null (shown « à compléter »
// until filled); a text is trimmed, an empty one counts as null.
import * as v from 'valibot';
import { annotations } from '../schemas/check.ts';

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const excerpt = (input: unknown) => String(input).slice(0, 60);

const text = v.pipe(
  v.nullish(v.string('doit être un texte ou null'), null),
  v.transform((s): string | null => (s == null || s.trim() === '' ? null : s.trim())),
);
const email = v.pipe(text, v.check((s) => s === null || EMAIL.test(s), (i) => `n'est pas une adresse e-mail (${excerpt(i.input)})`));
const https = v.pipe(text, v.check((s) => s === null || /^https:\/\/[^\s<>"]+$/.test(s), (i) => `doit être une adresse https:// (${excerpt(i.input)})`));
const Publisher = v.strictObject({ name: text, address: text, email, phone: text, director: text }, 'doit être un objet');
const Host = v.strictObject({ name: text, address: text, url: https }, 'doit être un objet');
const Contact = v.strictObject({ email, url: https }, 'doit être un objet');

export const SiteSchema = v.strictObject(
  {
    ...annotations,
    // A group absent or null is a group of null fields.
    /** The legal publisher (LCEN art. 6). */
    publisher: v.nullish(Publisher, {}),
    host: v.nullish(Host, {}),
    /** Where people write (accessibility, personal data, errors): the publisher's e-mail when absent. */
    contact: v.nullish(Contact, {}),
  },
  'objet JSON attendu',
);
export type SiteFile = v.InferOutput<typeof SiteSchema>;
