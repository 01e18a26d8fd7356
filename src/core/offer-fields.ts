// What an offer's fields may hold (kinds, audiences, limits, safe links and addresses) and when it shows: plain
// constants and tests without the schema library, for the pages that only read published offers.
import { PROFESSIONS } from './professions.ts';

export const OFFER_KINDS = [
  { id: 'logement', label: 'Logement', hint: "pour un interne, un remplaçant ou un professionnel" },
  { id: 'local', label: 'Local ou cabinet', hint: 'local professionnel, cabinet disponible' },
  { id: 'recrutement', label: 'Recrutement', hint: 'maison de santé ou centre de santé qui recrute' },
  { id: 'aide-communale', label: 'Aide ou service communal', hint: 'aide financière, accompagnement, service' },
  { id: 'vie-locale', label: 'Vie dans la commune', hint: 'écoles, transports, garde d\'enfants, activités' },
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number]['id'];

/** Who an offer targets: the professions, plus students in health (internes, externes). */
export const OFFER_AUDIENCES = [...PROFESSIONS.map((p) => ({ id: p.id as string, label: p.label as string })), { id: 'etudiant', label: 'Étudiant ou interne en santé' }];

export const LIMITS = { id: 80, title: 120, description: 3000, conditions: 800, name: 120, label: 80, url: 500, alt: 200, source: 300, links: 5, photos: 4, file: 64 * 1024 };

// Strict: letters, digits and . _ + - before the @, a dotted domain after; nothing that a mailto: would
// read as a header (?, &, %, =, spaces, angle brackets).
const EMAIL = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9_+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
export const isEmail = (s: string) => s.length <= 254 && EMAIL.test(s) && !s.includes('..');
export const PHONE = /^\+?[0-9][0-9 .-]{7,18}[0-9]$/;
// Control characters other than line breaks and tabs have no place in an offer.
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Links may only lead to web pages, e-mail or phone: never javascript:, data: or a relative path. */
export function safeLink(url: string): boolean {
  if (url.length > LIMITS.url || /[\u0000-\u001f\s]/.test(url)) return false;
  // A mailto: is an address and nothing else: no ?cc=, &body= or header that would add recipients or text.
  if (/^mailto:/i.test(url)) return isEmail(url.slice(7));
  const match = /^(https?:\/\/[^/\s]+|tel:\+?[0-9 .-]{4,20})/i.exec(url);
  if (!match) return false;
  try {
    const u = new URL(url);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(u.protocol);
  } catch {
    return false;
  }
}

/** A photo of the data folder (photos/<name>.jpg|png|webp). An https address depends on the site's CSP (parseOffer). */
export const PHOTO_FILE = /^photos\/[a-z0-9][a-z0-9_-]*\.(jpe?g|png|webp)$/i;

/** Is the offer shown on `date`? Until its expiry day included; an offer not yet available shows its date. */
export const offerActive = (o: { expires: string }, date: string) => o.expires >= date;

export const offerKindLabel = (id: string) => OFFER_KINDS.find((k) => k.id === id)?.label ?? id;

/**
 * Photos come from the data folder (photos/<name>.jpg|png|webp) or an https address whose origin the site's
 * Content-Security-Policy allows (VITE_PHOTO_ORIGINS): an offer is never accepted and then blocked.
 */
export function safePhoto(src: string, origins: readonly string[] = []): boolean {
  if (PHOTO_FILE.test(src)) return true;
  try {
    const u = new URL(src);
    return u.protocol === 'https:' && src.length <= LIMITS.url && !/\s/.test(src) && origins.includes(u.origin);
  } catch {
    return false;
  }
}

/** https origins allowed for photos: « https://a.fr https://b.fr » (VITE_PHOTO_ORIGINS), anything else dropped. */
export function parsePhotoOrigins(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter(Boolean).flatMap((t) => {
    try {
      const u = new URL(t);
      return u.protocol === 'https:' && u.origin === t.replace(/\/$/, '') ? [u.origin] : [];
    } catch {
      return [];
    }
  });
}
