// Offers accepted as a batch: the command (`offers accept`) and the staff space (« Gestion ») run the same
// checks — each file against the offer schema, an id already in the data, each photos/… file present and
// a real image, one id per batch — and only differ in where a photo is looked for.
import { checkOfferFile, type Offer } from './offers.ts';

/** Photos of offers: JPEG, PNG or WebP by their first bytes (the extension alone proves nothing). */
export const MAX_PHOTO_BYTES = 5_000_000;

export function imageType(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | undefined {
  const at = (i: number, sig: number[]) => sig.every((b, j) => bytes[i + j] === b);
  if (at(0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'webp';
  return undefined;
}

const mo = (n: number) => `${(n / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/**
 * Why a photo file is refused (its size, its first bytes, its extension), or undefined when it is fine.
 * `size` lets a caller refuse a too large file without reading it.
 */
export function photoProblem(shown: string, bytes: Uint8Array, size = bytes.length): string | undefined {
  if (size > MAX_PHOTO_BYTES) return `${shown} : ${mo(size)}, au-delà de la limite de ${mo(MAX_PHOTO_BYTES)} ; refusé.`;
  const type = imageType(bytes);
  const ext = (/\.([^./]+)$/.exec(shown)?.[1] ?? '').toLowerCase().replace('jpg', 'jpeg');
  if (!type) return `${shown} : ce n'est pas une image JPEG, PNG ou WebP (premiers octets) ; refusé.`;
  if (type !== ext) return `${shown} : image ${type.toUpperCase()} sous une extension .${ext} ; renommez-la.`;
  return undefined;
}

/** What `offers check` prints for each file, and « Gestion » shows. */
export interface OfferFileReport {
  file: string;
  id: string | null;
  valid: boolean;
  problems: string[];
}

/** A received offer file: its name (as shown in messages), its size, its text read only when the size allows. */
export interface OfferSubmission<F = string> {
  file: F;
  name: string;
  size: number;
  text: () => string;
  /** Refused before reading (a link, not a regular file): the reason, said alone. */
  refused?: string;
}

export interface OfferBatchContext<F> {
  /** The territory's INSEE codes. */
  communes: Set<string>;
  photoOrigins?: readonly string[];
  /** Ids of the offers the data already holds. */
  existing: Set<string>;
  replace: boolean;
  /** How to replace an existing offer, said after « existe déjà » (« --replace pour la remplacer »). */
  replaceHint: string;
  /** A photos/… file of an offer: undefined when present and an image, else why it is refused. */
  photo: (submission: OfferSubmission<F>, src: string) => string | undefined;
}

export function checkOfferBatch<F>(files: OfferSubmission<F>[], ctx: OfferBatchContext<F>): { report: OfferFileReport[]; offers: Array<{ offer: Offer; submission: OfferSubmission<F> }> } {
  const checked = files.map((s) => {
    if (s.refused !== undefined) return { s, offer: undefined, problems: [s.refused] };
    const { offer, problems } = checkOfferFile(s.name, s.size, s.text, ctx.communes, ctx.photoOrigins ?? []);
    if (offer && ctx.existing.has(offer.id) && !ctx.replace) problems.push(`${s.name} : une offre « ${offer.id} » existe déjà (${ctx.replaceHint}).`);
    for (const ph of offer?.photos.filter((x) => x.src.startsWith('photos/')) ?? []) {
      const problem = ctx.photo(s, ph.src);
      if (problem) problems.push(`${s.name}, champ « photos » : ${problem}`);
    }
    return { s, offer, problems };
  });
  // Two offers with one id in a batch: one would silently replace the other, so both are refused.
  for (const c of checked) {
    const same = checked.filter((x) => x !== c && x.offer && c.offer && x.offer.id === c.offer.id);
    if (same.length) c.problems.push(`${c.s.name} : même identifiant « ${c.offer!.id} » que ${same.map((x) => x.s.name).join(', ')} dans ce lot ; envoyez-les séparément ou changez l'identifiant.`);
  }
  return {
    report: checked.map((c) => ({ file: c.s.name, id: c.offer?.id ?? null, valid: !c.problems.length, problems: c.problems })),
    offers: checked.filter((c) => c.offer && !c.problems.length).map((c) => ({ offer: c.offer!, submission: c.s })),
  };
}

/** The offers the site shows (offres.json): those not expired on `asOf`, the latest available first. */
export function publishedOffers(offers: Offer[], asOf: string): Offer[] {
  return offers
    .filter((o) => o.expires >= asOf)
    .toSorted((a, b) => (a.available < b.available ? 1 : a.available > b.available ? -1 : a.id < b.id ? -1 : 1));
}
