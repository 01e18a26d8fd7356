// Offers communes showcase to young professionals (fiche 2 of the Charente-Maritime plan: « un outil de
// communication interactif où les communes pourront mettre en valeur leurs offres »). One JSON file per
// offer; this module checks one against its schema (offer-schema.ts) and says, in French, which field is wrong
// and why.
// Offer text is plain text, always rendered as text; links and photos are restricted to safe schemes.
import * as v from 'valibot';
import { formatDate } from './format.ts';
import { OFFER_KEYS, OfferSchema, offerCrossProblems, type Offer } from './offer-schema.ts';
import { LIMITS, isEmail, offerActive, safePhoto } from './offer-fields.ts';
import { issuePath } from './schemas/check.ts';
import { searchKey } from './search/key.ts';

export type { Offer } from './offer-schema.ts';
export { LIMITS, OFFER_AUDIENCES, OFFER_KINDS, isEmail, offerActive, offerKindLabel, parsePhotoOrigins, safeLink, safePhoto, type OfferKind } from './offer-fields.ts';

export interface OfferCheck {
  offer?: Offer;
  /** « <file>, champ « x » : message » — one per problem. */
  problems: string[];
  /** The same problems by field, for a form to show each next to its input. */
  fields: Array<{ field: string; message: string }>;
}

/**
 * Checks one offer file against its schema (offer-schema.ts), then what needs the territory: `communes` is
 * the set of its current INSEE codes, `photoOrigins` the https origins its CSP allows. Every problem names
 * the file and the field; unknown fields are refused so that a typo does not go unnoticed.
 */
export function parseOffer(raw: unknown, file: string, communes: Set<string>, photoOrigins: readonly string[] = []): OfferCheck {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [`${file} : le fichier doit contenir un objet JSON (une offre).`], fields: [] };
  const fields: OfferCheck['fields'] = [];
  const r = v.safeParse(OfferSchema, raw);
  for (const issue of r.issues ?? []) {
    // Each unknown profession is said of the list, as the form shows it.
    const field = issuePath(issue).replace(/^professions\[\d+\]$/, 'professions');
    const missing = issue.received === 'undefined' && issue.expected?.startsWith('"');
    const message =
      issue.expected === 'never'
        ? issue.path?.length === 1
          ? `champ inconnu (champs possibles : ${OFFER_KEYS.join(', ')}).`
          : 'champ inconnu.'
        : missing
          ? (MISSING[field] ?? 'obligatoire.')
          : issue.message;
    fields.push({ field, message });
  }
  const o = raw as Record<string, unknown>;
  fields.push(...offerCrossProblems(o));
  // What the territory decides: its communes, and the photo origins its CSP allows.
  const commune = typeof o.commune === 'string' ? o.commune.trim() : '';
  if (commune && commune.length <= 5 && !communes.has(commune)) fields.push({ field: 'commune', message: `code INSEE « ${commune.slice(0, 10)} » inconnu dans ce territoire.` });
  if (Array.isArray(o.photos))
    o.photos.slice(0, LIMITS.photos).forEach((p: unknown, i) => {
      const src = typeof (p as { src?: unknown })?.src === 'string' ? (p as { src: string }).src.trim() : '';
      if (/^https:\/\//i.test(src) && URL.canParse(src) && !safePhoto(src, photoOrigins) && safePhoto(src, [new URL(src).origin]))
        fields.push({
          field: `photos[${i}].src`,
          message: `« ${src.slice(0, 60)} » refusé : adresse https d'une origine que le site n'autorise pas (${photoOrigins.length ? `autorisées : ${photoOrigins.join(', ')}` : 'aucune autorisée'} ; VITE_PHOTO_ORIGINS) : déposez la photo dans photos/.`,
        });
    });
  // In the order of the fields (unknown keys first), as a person reads the file and the form shows it.
  const rank = (field: string) => OFFER_KEYS.indexOf(/^[^.[]*/.exec(field)![0]);
  fields.sort((a, b) => rank(a.field) - rank(b.field));
  const problems = fields.map(({ field, message }) => `${file}, champ « ${field} » : ${message}`);
  if (problems.length || !r.success) return { problems, fields };
  return { offer: r.output, problems, fields };
}

/** A missing field, in the words the form shows. */
const MISSING: Record<string, string> = {
  professions: 'liste obligatoire, au moins une profession.',
  contact: 'obligatoire : { name, email ou phone }.',
};

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
