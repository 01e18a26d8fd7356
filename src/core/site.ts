// The deployment's own settings (data/site.json): who publishes the site, who hosts it, whom to contact.
// They belong to each deployment, not to a territory: the publisher is not assumed to be a plan's authority.

export interface SiteSettings {
  /** The legal publisher (LCEN art. 6): null fields are shown as « à compléter » before going public. */
  publisher: { name: string | null; address: string | null; email: string | null; phone: string | null; director: string | null };
  host: { name: string | null; address: string | null; url: string | null };
  /** Where people write (accessibility, personal data, errors): the publisher's e-mail when absent. */
  contact: { email: string | null; url: string | null };
}

export class SiteError extends Error {}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function field(obj: Record<string, unknown>, key: string, path: string, file: string, check?: 'email' | 'url'): string | null {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new SiteError(`${file} : le champ « ${path}.${key} » doit être un texte ou null.`);
  const t = v.trim();
  if (check === 'email' && !EMAIL.test(t)) throw new SiteError(`${file} : « ${path}.${key} » n'est pas une adresse e-mail (${t.slice(0, 60)}).`);
  if (check === 'url' && !/^https:\/\/[^\s<>"]+$/.test(t)) throw new SiteError(`${file} : « ${path}.${key} » doit être une adresse https:// (${t.slice(0, 60)}).`);
  return t;
}

function group(raw: Record<string, unknown>, key: string, file: string): Record<string, unknown> {
  const g = raw[key];
  if (g === undefined || g === null) return {};
  if (typeof g !== 'object' || Array.isArray(g)) throw new SiteError(`${file} : « ${key} » doit être un objet.`);
  return g as Record<string, unknown>;
}

/** Validates data/site.json; a missing file gives empty settings (every page then says what to fill). */
export function parseSite(raw: unknown, file = 'data/site.json'): SiteSettings {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SiteError(`${file} : objet JSON attendu.`);
  const r = raw as Record<string, unknown>;
  const p = group(r, 'publisher', file);
  const h = group(r, 'host', file);
  const c = group(r, 'contact', file);
  return {
    publisher: {
      name: field(p, 'name', 'publisher', file),
      address: field(p, 'address', 'publisher', file),
      email: field(p, 'email', 'publisher', file, 'email'),
      phone: field(p, 'phone', 'publisher', file),
      director: field(p, 'director', 'publisher', file),
    },
    host: { name: field(h, 'name', 'host', file), address: field(h, 'address', 'host', file), url: field(h, 'url', 'host', file, 'url') },
    contact: { email: field(c, 'email', 'contact', file, 'email') ?? field(p, 'email', 'publisher', file, 'email'), url: field(c, 'url', 'contact', file, 'url') },
  };
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
