// The schema of an offer file (data/territories/<id>/offres/<id>.json), the one offers.ts checks with: every
// message in French, naming the field; unknown keys refused so that a typo does not go unnoticed. What needs
// the territory (its communes, the photo origins its CSP allows) is checked beside it, in parseOffer.
import * as v from 'valibot';
import { isIsoDate } from './dates.ts';
import { annotations } from './schemas/check.ts';
import { CONTROL, LIMITS, OFFER_AUDIENCES, OFFER_KINDS, PHONE, PHOTO_FILE, isEmail, safeLink, type OfferKind } from './offer-fields.ts';


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

/**
 * What crosses the offer's fields, checked on the file as written whatever else is wrong (a schema checks an
 * object's fields together only once each is right, and a form shows every problem at once): an expiry not
 * before availability. (The contact's « e-mail or phone » is the contact schema's partialCheck.)
 */
export function offerCrossProblems(raw: Record<string, unknown>): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const [available, expires] = [t(raw.available), t(raw.expires)];
  if (isIsoDate(available) && isIsoDate(expires) && expires < available) out.push({ field: 'expires', message: `l'offre expire (${expires}) avant d'être disponible (${available}).` });
  return out;
}
