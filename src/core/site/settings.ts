// The deployment's own settings (data/site.json): who publishes the site, who hosts it, whom to contact.
// They belong to each deployment, not to a territory: the publisher is not assumed to be a plan's authority.
import { checkSchema, problemText } from '../schemas/check.ts';
import { SiteSchema } from './schema.ts';

export interface SiteSettings {
  /** The legal publisher (LCEN art. 6): null fields are shown as « à compléter » before going public. */
  publisher: { name: string | null; address: string | null; email: string | null; phone: string | null; director: string | null };
  host: { name: string | null; address: string | null; url: string | null };
  /** Where people write (accessibility, personal data, errors): the publisher's e-mail when absent. */
  contact: { email: string | null; url: string | null };
}

export class SiteError extends Error {}

/** Validates data/site.json; a missing file gives empty settings (every page then says what to fill). */
export function parseSite(raw: unknown, file = 'data/site.json'): SiteSettings {
  const r = checkSchema(SiteSchema, raw ?? {});
  if (!r.output) throw new SiteError(r.problems.map((p) => problemText(file, p)).join('\n'));
  const { publisher, host, contact } = r.output;
  return { publisher, host, contact: { email: contact.email ?? publisher.email, url: contact.url } };
}

/** What the legal notice still lacks (publisher, director of publication, host): empty when ready to go public. */
export function missingLegal(s: SiteSettings): string[] {
  const missing: string[] = [];
  if (!s.publisher.name) missing.push("le nom de l'éditeur");
  if (!s.publisher.address) missing.push("l'adresse de l'éditeur");
  if (!s.publisher.email && !s.publisher.phone) missing.push("un moyen de joindre l'éditeur (e-mail ou téléphone)");
  if (!s.publisher.director) missing.push('le directeur de la publication');
  if (!s.host.name) missing.push("le nom de l'hébergeur");
  if (!s.host.address) missing.push("l'adresse de l'hébergeur");
  return missing;
}
