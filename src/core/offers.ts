// Offers communes showcase to young professionals (fiche 2 of the Charente-Maritime plan: « un outil de
// communication interactif où les communes pourront mettre en valeur leurs offres »). One JSON file per
// offer; this module checks one against the schema and says, in French, which field is wrong and why.
// Offer text is plain text, always rendered as text; links and photos are restricted to safe schemes.
import { isIsoDate } from './dates.ts';
import { formatDate } from './format.ts';
import { PROFESSIONS } from './professions.ts';
import { searchKey } from './search/key.ts';

export const OFFER_KINDS = [
  { id: 'logement', label: 'Logement', hint: "pour un interne, un remplaçant ou un professionnel" },
  { id: 'local', label: 'Local ou cabinet', hint: 'local professionnel, cabinet disponible' },
  { id: 'recrutement', label: 'Recrutement', hint: 'maison de santé ou centre de santé qui recrute' },
  { id: 'aide-communale', label: 'Aide ou service communal', hint: 'aide financière, accompagnement, service' },
  { id: 'vie-locale', label: 'Vie dans la commune', hint: 'écoles, transports, garde d\'enfants, activités' },
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number]['id'];
export const offerKindLabel = (id: string) => OFFER_KINDS.find((k) => k.id === id)?.label ?? id;

/** Who an offer targets: the professions, plus students in health (internes, externes). */
export const OFFER_AUDIENCES = [...PROFESSIONS.map((p) => ({ id: p.id as string, label: p.label as string })), { id: 'etudiant', label: 'Étudiant ou interne en santé' }];

export interface Offer {
  id: string;
  commune: string;
  kind: OfferKind;
  title: string;
  description: string;
  /** Rent, duration, what is included: plain text. */
  conditions?: string;
  professions: string[];
  available: string;
  expires: string;
  contact: { name: string; email?: string; phone?: string };
  links: Array<{ label: string; url: string }>;
  /** A file of the territory's data folder (photos/…) or an https address. */
  photos: Array<{ src: string; alt: string }>;
  example: boolean;
  source: string;
}

export const LIMITS = { id: 80, title: 120, description: 3000, conditions: 800, name: 120, label: 80, url: 500, alt: 200, source: 300, links: 5, photos: 4, file: 64 * 1024 };

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

/**
 * Photos come from the data folder (photos/<name>.jpg|png|webp) or an https address whose origin the site's
 * Content-Security-Policy allows (VITE_PHOTO_ORIGINS): an offer is never accepted and then blocked.
 */
export function safePhoto(src: string, origins: readonly string[] = []): boolean {
  if (/^photos\/[a-z0-9][a-z0-9_-]*\.(jpe?g|png|webp)$/i.test(src)) return true;
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

// Strict: letters, digits and . _ + - before the @, a dotted domain after; nothing that a mailto: would
// read as a header (?, &, %, =, spaces, angle brackets).
const EMAIL = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9_+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
export const isEmail = (s: string) => s.length <= 254 && EMAIL.test(s) && !s.includes('..');
const PHONE = /^\+?[0-9][0-9 .-]{7,18}[0-9]$/;

/** Is the offer shown on `date`? Until its expiry day included; an offer not yet available shows its date. */
export const offerActive = (o: Pick<Offer, 'expires'>, date: string) => o.expires >= date;

export interface OfferCheck {
  offer?: Offer;
  /** « <file>, champ « x » : message » — one per problem. */
  problems: string[];
  /** The same problems by field, for a form to show each next to its input. */
  fields: Array<{ field: string; message: string }>;
}

/**
 * Checks one offer file. `communes` is the set of the territory's current INSEE codes. Every problem
 * names the file and the field; unknown fields are refused so that a typo does not go unnoticed.
 */
export function parseOffer(raw: unknown, file: string, communes: Set<string>, photoOrigins: readonly string[] = []): OfferCheck {
  const problems: string[] = [];
  const fields: OfferCheck['fields'] = [];
  const fail = (field: string, message: string) => {
    problems.push(`${file}, champ « ${field} » : ${message}`);
    fields.push({ field, message });
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [`${file} : le fichier doit contenir un objet JSON (une offre).`], fields };
  const r = raw as Record<string, unknown>;
  const allowed = ['$source', 'id', 'commune', 'kind', 'title', 'description', 'conditions', 'professions', 'available', 'expires', 'contact', 'links', 'photos', 'example', 'source'];
  for (const key of Object.keys(r)) if (!allowed.includes(key)) fail(key, `champ inconnu (champs possibles : ${allowed.slice(1).join(', ')}).`);

  const text = (field: string, value: unknown, max: number, required = true): string => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) fail(field, 'obligatoire.');
      return '';
    }
    if (typeof value !== 'string') return fail(field, 'doit être un texte.'), '';
    // Control characters other than line breaks and tabs have no place in an offer.
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) fail(field, 'contient des caractères de contrôle.');
    const clean = value.trim();
    if (clean.length > max) fail(field, `${clean.length} caractères, au-delà de la limite de ${max}.`);
    return clean;
  };

  const id = text('id', r.id, LIMITS.id);
  if (id && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail('id', `« ${id.slice(0, 40)} » : minuscules, chiffres et tirets seulement.`);
  const commune = text('commune', r.commune, 5);
  if (commune && !communes.has(commune)) fail('commune', `code INSEE « ${commune.slice(0, 10)} » inconnu dans ce territoire.`);
  const kind = text('kind', r.kind, 40) as OfferKind;
  if (kind && !OFFER_KINDS.some((k) => k.id === kind)) fail('kind', `type « ${kind} » inconnu (${OFFER_KINDS.map((k) => k.id).join(', ')}).`);
  const title = text('title', r.title, LIMITS.title);
  const description = text('description', r.description, LIMITS.description);
  const conditions = text('conditions', r.conditions, LIMITS.conditions, false);
  const source = text('source', r.source, LIMITS.source, false);

  let professions: string[] = [];
  if (!Array.isArray(r.professions) || r.professions.length === 0) fail('professions', 'liste obligatoire, au moins une profession.');
  else {
    professions = r.professions.filter((p): p is string => typeof p === 'string');
    for (const p of r.professions) if (typeof p !== 'string' || !OFFER_AUDIENCES.some((a) => a.id === p)) fail('professions', `« ${String(p).slice(0, 40)} » inconnue (${OFFER_AUDIENCES.map((a) => a.id).join(', ')}).`);
  }

  const available = text('available', r.available, 10);
  const expires = text('expires', r.expires, 10);
  if (available && !isIsoDate(available)) fail('available', `date « ${available} » impossible (attendu AAAA-MM-JJ).`);
  if (expires && !isIsoDate(expires)) fail('expires', `date « ${expires} » impossible (attendu AAAA-MM-JJ).`);
  if (isIsoDate(available) && isIsoDate(expires) && expires < available) fail('expires', `l'offre expire (${expires}) avant d'être disponible (${available}).`);

  const contact = { name: '', email: undefined as string | undefined, phone: undefined as string | undefined };
  if (!r.contact || typeof r.contact !== 'object' || Array.isArray(r.contact)) fail('contact', 'obligatoire : { name, email ou phone }.');
  else {
    const c = r.contact as Record<string, unknown>;
    contact.name = text('contact.name', c.name, LIMITS.name);
    const email = text('contact.email', c.email, 254, false);
    const phone = text('contact.phone', c.phone, 20, false);
    if (email && !isEmail(email)) fail('contact.email', `adresse « ${email.slice(0, 60)} » invalide (une seule adresse, sans ?, & ni espace).`);
    if (phone && !PHONE.test(phone)) fail('contact.phone', `numéro « ${phone.slice(0, 20)} » invalide.`);
    if (!email && !phone) fail('contact', 'une adresse e-mail ou un téléphone est obligatoire.');
    contact.email = email || undefined;
    contact.phone = phone || undefined;
  }

  const list = <T>(field: string, value: unknown, max: number, item: (v: Record<string, unknown>, at: string) => T | undefined): T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail(field, 'doit être une liste.'), [];
    if (value.length > max) fail(field, `${value.length} éléments, au plus ${max}.`);
    return value.slice(0, max).flatMap((v, i) => {
      if (!v || typeof v !== 'object') return fail(`${field}[${i}]`, 'doit être un objet.'), [];
      const out = item(v as Record<string, unknown>, `${field}[${i}]`);
      return out ? [out] : [];
    });
  };
  const links = list('links', r.links, LIMITS.links, (v, at) => {
    const label = text(`${at}.label`, v.label, LIMITS.label);
    const url = text(`${at}.url`, v.url, LIMITS.url);
    if (url && !safeLink(url)) return fail(`${at}.url`, `« ${url.slice(0, 60)} » refusé : seuls les liens http(s), mailto et tel sont permis.`), undefined;
    return { label, url };
  });
  const photos = list('photos', r.photos, LIMITS.photos, (v, at) => {
    const src = text(`${at}.src`, v.src, LIMITS.url);
    const alt = text(`${at}.alt`, v.alt, LIMITS.alt);
    if (src && !safePhoto(src, photoOrigins)) {
      const https = /^https:\/\//i.test(src);
      const why = https
        ? `adresse https d'une origine que le site n'autorise pas (${photoOrigins.length ? `autorisées : ${photoOrigins.join(', ')}` : 'aucune autorisée'} ; VITE_PHOTO_ORIGINS) : déposez la photo dans photos/.`
        : 'une photo du dossier photos/ (jpg, png, webp) ou une adresse https autorisée.';
      return fail(`${at}.src`, `« ${src.slice(0, 60)} » refusé : ${why}`), undefined;
    }
    return { src, alt };
  });
  if (r.example !== undefined && typeof r.example !== 'boolean') fail('example', 'vrai ou faux.');

  if (problems.length) return { problems, fields };
  return {
    offer: {
      id, commune, kind, title, description, ...(conditions ? { conditions } : {}), professions, available, expires,
      contact: { name: contact.name, ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) },
      links, photos, example: r.example === true, source: source || 'Offre transmise par la commune',
    },
    problems,
    fields,
  };
}

/** A received offer file (build, command, review page): size first, then JSON, then the schema. */
export function checkOfferFile(file: string, size: number, text: () => string, communes: Set<string>, photoOrigins: readonly string[] = []): OfferCheck {
  if (size > LIMITS.file) return { problems: [`${file} : fichier de ${Math.round(size / 1024)} Ko, au-delà de ${LIMITS.file / 1024} Ko pour une offre.`], fields: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text());
  } catch (e) {
    return { problems: [`${file} : JSON illisible (${(e as Error).message}).`], fields: [] };
  }
  return parseOffer(raw, file, communes, photoOrigins);
}

/** An offer file's content, as the form downloads it and the data folder keeps it. */
export const offerFile = (o: Offer): string => JSON.stringify(o, null, 2) + '\n';

/** A file name for an offer: its id. */
export const offerFileName = (o: Pick<Offer, 'id'>) => `${o.id}.json`;

export interface OfferFilters {
  kind?: string;
  /** A profession or « etudiant ». */
  audience?: string;
  /** An effective zone class of the commune. */
  zone?: string;
  /** An aid that must be open in the commune. */
  aid?: string;
}

const FILTER_PARAMS: Array<[keyof OfferFilters, string]> = [['kind', 'type'], ['audience', 'pour'], ['zone', 'zone'], ['aid', 'aide']];

export const offerFiltersToParams = (f: OfferFilters): string =>
  new URLSearchParams(FILTER_PARAMS.flatMap(([key, param]) => (f[key] ? [[param, f[key]!]] : []))).toString();

/**
 * Reads the page's filters. A value that is not a plain identifier, or not one of the `known` choices when
 * given, is dropped and named: the page never filters on something its menus cannot show.
 */
export function offerFiltersFromParams(params: string, known: Partial<Record<keyof OfferFilters, string[]>> = {}): { filters: OfferFilters; problem?: string } {
  const p = new URLSearchParams(params);
  const filters: OfferFilters = {};
  let problem: string | undefined;
  for (const [key, param] of FILTER_PARAMS) {
    const v = p.get(param);
    if (v === null || v === '') continue;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v) || v.length > 80) problem = `Le filtre « ${param} » n'est pas lisible ; il est ignoré.`;
    else if (known[key] && !known[key]!.includes(v)) problem = `Le filtre « ${param} » = « ${v} » ne correspond à aucun choix ; il est ignoré.`;
    else filters[key] = v;
  }
  return problem ? { filters, problem } : { filters };
}

/** Offers shown on `today` matching the filters, the latest available first. */
export function filterOffers(
  offers: Offer[],
  f: OfferFilters,
  ctx: { today: string; zoneOf: (commune: string) => string | undefined; aidOpen: (aid: string, commune: string) => boolean },
): Offer[] {
  return offers
    .filter(
      (o) =>
        offerActive(o, ctx.today) &&
        (!f.kind || o.kind === f.kind) &&
        (!f.audience || o.professions.includes(f.audience)) &&
        (!f.zone || ctx.zoneOf(o.commune) === f.zone) &&
        (!f.aid || ctx.aidOpen(f.aid, o.commune)),
    )
    .sort((a, b) => (a.available < b.available ? 1 : a.available > b.available ? -1 : a.id < b.id ? -1 : 1));
}

/** A readable identifier for a new offer: commune, kind and title, as a slug. */
export function suggestOfferId(communeName: string, kind: string, title: string): string {
  const slug = searchKey(`${communeName} ${kind} ${title}`).replace(/ /g, '-');
  // At most 60 characters, cut at a word boundary.
  const short = slug.length <= 60 ? slug : slug.slice(0, 61).replace(/-[^-]*$/, '').slice(0, 60);
  return short || 'offre';
}

/** The pre-filled e-mail to the guichet unique: the file cannot be attached by a link, so it says so. */
export function offerMailto(guichet: { email: string }, offer: Offer, communeName: string): string {
  const subject = `Proposition d'offre — ${communeName} — ${offer.title}`;
  const body = [
    'Bonjour,',
    '',
    `La commune de ${communeName} propose l'offre suivante, à publier dans l'observatoire (fiche 2).`,
    `Le fichier ${offerFileName(offer)}, téléchargé depuis le formulaire, est joint à ce message.`,
    '',
    `Titre : ${offer.title}`,
    `Valable du ${formatDate(offer.available)} au ${formatDate(offer.expires)}`,
    `Contact : ${offer.contact.name}${offer.contact.email ? `, ${offer.contact.email}` : ''}${offer.contact.phone ? `, ${offer.contact.phone}` : ''}`,
    '',
    `Photos : ${LIMITS.photos} au plus, en JPEG, PNG ou WebP, jointes à ce message avec, pour chacune, une phrase qui la décrit (pour les personnes qui ne la voient pas) ; le service les ajoute au dossier de l'offre.`,
  ].join('\n');
  return `mailto:${guichet.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/**
 * An address as typed in the form: « www.exemple.fr » or « exemple.fr/page » is a web address, written
 * `https://…`; an address with a scheme, an e-mail address or a phone number is left to safeLink to judge.
 */
export function normaliseUrl(typed: string): string {
  const t = typed.trim();
  if (!t || /^[a-z][a-z0-9+.-]*:/i.test(t)) return t;
  if (t.startsWith('//')) return `https:${t}`;
  if (isEmail(t)) return `mailto:${t}`;
  // A host name: labels separated by dots, ending with letters (a TLD), then a path, query or nothing.
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(t)) return `https://${t}`;
  return t;
}

/** The text a link shows when none is given: the address's host (« www.exemple.fr »), or the e-mail or number. */
export function defaultLinkLabel(url: string): string {
  if (/^mailto:/i.test(url)) return url.slice(7);
  if (/^tel:/i.test(url)) return url.slice(4);
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The form's link: the address normalised, the text optional (the host by default). No address, no link. */
export function formLink(label: string, url: string): Array<{ label: string; url: string }> {
  const u = normaliseUrl(url);
  if (!u) return label.trim() ? [{ label, url: '' }] : [];
  return [{ label: label.trim() || defaultLinkLabel(u), url: u }];
}
