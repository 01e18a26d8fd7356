// The schema of an offer file (data/territories/<id>/offres/<id>.json), the one offers.ts checks with: every
// message in French, naming the field; unknown keys refused so that a typo does not go unnoticed. What needs
// the territory (its communes, the photo origins its CSP allows) is checked beside it, in parseOffer.
import * as v from 'valibot';
import { isIsoDate } from './dates.ts';
import { PROFESSIONS } from './professions.ts';
import { annotations } from './schemas/check.ts';

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
const PHONE = /^\+?[0-9][0-9 .-]{7,18}[0-9]$/;
// Control characters other than line breaks and tabs have no place in an offer.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

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
const httpsPhoto = (src: string) => /^https:\/\//i.test(src) && src.length <= LIMITS.url && !/\s/.test(src) && URL.canParse(src);

/** A value as a trimmed text: checks after a failed one may see the raw value (null, untrimmed). */
const t = (s: unknown): string => (typeof s === 'string' ? s.trim() : '');

const textChecks = <T extends string | null>(max: number) =>
  [
    v.check((s: T) => !s || !CONTROL.test(s), 'contient des caractères de contrôle.'),
    v.check((s: T) => t(s).length <= max, (i) => `${t(i.input).length} caractères, au-delà de la limite de ${max}.`),
  ] as const;
/** A text of at most `max` characters once trimmed, neither absent nor blank. */
const text = (max: number) =>
  v.pipe(
    v.string((i) => (i.input === null ? 'obligatoire.' : 'doit être un texte.')),
    v.check((s) => t(s) !== '', 'obligatoire.'),
    ...textChecks<string>(max),
    v.transform((s) => s.trim()),
  );
/** A text that may be left out (absent, null or blank). */
const optionalText = (max: number) => v.optional(v.pipe(v.nullable(v.string('doit être un texte.')), ...textChecks<string | null>(max), v.transform((s) => t(s))));
const date = v.pipe(text(10), v.check((s) => !t(s) || isIsoDate(t(s)), (i) => `date « ${t(i.input)} » impossible (attendu AAAA-MM-JJ).`));
const list = <S extends v.GenericSchema>(item: S, max: number) =>
  v.pipe(v.optional(v.array(item, 'doit être une liste.'), []), v.check((l) => l.length <= max, (i) => `${(i.input as unknown[]).length} éléments, au plus ${max}.`));

const LinkSchema = v.strictObject(
  {
    label: text(LIMITS.label),
    url: v.pipe(text(LIMITS.url), v.check((u) => !t(u) || safeLink(t(u)), (i) => `« ${t(i.input).slice(0, 60)} » refusé : seuls les liens http(s), mailto et tel sont permis.`)),
  },
  'doit être un objet.',
);
const PhotoSchema = v.strictObject(
  {
    src: v.pipe(
      text(LIMITS.url),
      v.check((s) => !t(s) || PHOTO_FILE.test(t(s)) || httpsPhoto(t(s)), (i) => `« ${t(i.input).slice(0, 60)} » refusé : une photo du dossier photos/ (jpg, png, webp) ou une adresse https autorisée.`),
    ),
    /** Says what the photo shows, for people who do not see it. */
    alt: text(LIMITS.alt),
  },
  'doit être un objet.',
);
const ContactSchema = v.pipe(
  v.strictObject(
    {
      name: text(LIMITS.name),
      email: v.pipe(optionalText(254), v.check((s) => !t(s) || isEmail(t(s)), (i) => `adresse « ${t(i.input).slice(0, 60)} » invalide (une seule adresse, sans ?, & ni espace).`)),
      phone: v.pipe(optionalText(20), v.check((s) => !t(s) || PHONE.test(t(s)), (i) => `numéro « ${t(i.input).slice(0, 20)} » invalide.`)),
    },
    'obligatoire : { name, email ou phone }.',
  ),
  // partialCheck: said even when the name is missing too (a plain check runs only on a valid object).
  v.partialCheck([['email'], ['phone']], (c) => !!(t(c.email) || t(c.phone)), 'une adresse e-mail ou un téléphone est obligatoire.'),
);

const ENTRIES = {
  ...annotations,
  id: v.pipe(text(LIMITS.id), v.check((s) => !t(s) || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(t(s)), (i) => `« ${t(i.input).slice(0, 40)} » : minuscules, chiffres et tirets seulement.`)),
  /** The INSEE code of a commune of the territory. */
  commune: text(5),
  kind: v.pipe(
    text(40),
    v.check((s) => !t(s) || OFFER_KINDS.some((k) => k.id === t(s)), (i) => `type « ${t(i.input)} » inconnu (${OFFER_KINDS.map((k) => k.id).join(', ')}).`),
    v.transform((s) => s as OfferKind),
  ),
  title: text(LIMITS.title),
  description: text(LIMITS.description),
  /** Rent, duration, what is included: plain text. */
  conditions: optionalText(LIMITS.conditions),
  professions: v.pipe(
    v.array(
      v.custom<string>((p) => typeof p === 'string' && OFFER_AUDIENCES.some((a) => a.id === p), (i) => `« ${String(i.input).slice(0, 40)} » inconnue (${OFFER_AUDIENCES.map((a) => a.id).join(', ')}).`),
      'liste obligatoire, au moins une profession.',
    ),
    v.minLength(1, 'liste obligatoire, au moins une profession.'),
  ),
  available: date,
  expires: date,
  contact: ContactSchema,
  links: list(LinkSchema, LIMITS.links),
  /** A file of the territory's data folder (photos/…) or an https address. */
  photos: list(PhotoSchema, LIMITS.photos),
  example: v.optional(v.boolean('vrai ou faux.'), false),
  source: optionalText(LIMITS.source),
};

/** The keys an offer may hold, as the message for an unknown one lists them. */
export const OFFER_KEYS = Object.keys(ENTRIES).filter((k) => !k.startsWith('$'));

export const OfferSchema = v.pipe(
  v.strictObject(ENTRIES, 'le fichier doit contenir un objet JSON (une offre).'),
  v.forward(
    v.check((o) => !(isIsoDate(t(o.available)) && isIsoDate(t(o.expires)) && t(o.expires) < t(o.available)), (i) => {
      const o = i.input as { available: unknown; expires: unknown };
      return `l'offre expire (${t(o.expires)}) avant d'être disponible (${t(o.available)}).`;
    }),
    ['expires'],
  ),
  // The offer as the site reads it: texts trimmed, empty optional texts left out, a default source.
  v.transform((o) => ({
    id: o.id,
    commune: o.commune,
    kind: o.kind,
    title: o.title,
    description: o.description,
    ...(o.conditions ? { conditions: o.conditions } : {}),
    professions: o.professions,
    available: o.available,
    expires: o.expires,
    contact: { name: o.contact.name, ...(o.contact.email ? { email: o.contact.email } : {}), ...(o.contact.phone ? { phone: o.contact.phone } : {}) },
    links: o.links.map(({ label, url }) => ({ label, url })),
    photos: o.photos.map(({ src, alt }) => ({ src, alt })),
    example: o.example,
    source: o.source || 'Offre transmise par la commune',
  })),
);

export type Offer = v.InferOutput<typeof OfferSchema>;
