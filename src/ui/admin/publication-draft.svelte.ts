// The publication being prepared in the staff space: every file imported in the session, applied in turn to
// the published bundle. The preview shows exactly this bundle and the ZIP holds exactly it, so that two
// imports (an RPPS extraction, then a FINESS file) are published together and neither is lost.
import { publishedYear, type PublishedFile, type PublishedOffer } from '../../core/publication.ts';
import type { ImportKind } from '../../core/publication.ts';
import type { ZonageBundle } from '../../core/zonage/bundle.ts';

export interface StagedFile extends PublishedFile {
  kind: ImportKind;
  /** Accepted rows and rows left out (rejected or out of scope), said beside the file. */
  accepted: number;
  leftOut: number;
  /** Where the map should look in the preview (a zonage year). */
  focus?: { profession: string; year: number };
  /** The file applied to a bundle: a new bundle, the argument untouched. */
  apply: (bundle: ZonageBundle) => ZonageBundle;
}

/**
 * A zonage year as a file of the publication: an imported zonage file (« Gestion ») or the list adopted in
 * the annual revision. Applied, it replaces that year of that scheme and profession.
 */
export function zonageStaged(o: {
  /** The bundle the file's name is read from (an existing year keeps its file). */
  bundle: ZonageBundle;
  scheme: string;
  profession: string;
  year: number;
  classes: Record<string, string>;
  source: string;
  sourceFile: string;
  dataContent: string;
  accepted: number;
  leftOut: number;
}): StagedFile {
  const { scheme, profession, year, classes, source } = o;
  const entryOf = (b: ZonageBundle) => publishedYear(b.zonages.find((z) => z.year === year && z.profession === profession), { year, scheme, profession, source });
  return {
    kind: 'zonage',
    label: `zonage ${year}`,
    sourceFile: o.sourceFile,
    dataFile: entryOf(o.bundle).file,
    dataContent: o.dataContent,
    accepted: o.accepted,
    leftOut: o.leftOut,
    focus: { profession, year },
    apply: (b) => {
      const others = b.zonages.filter((z) => !(z.year === year && z.profession === profession && z.scheme === scheme));
      return { ...b, zonages: [...others, { ...entryOf(b), classes }] };
    },
  };
}

export class PublicationDraft {
  readonly territory: string;
  /** The published bundle, as the site serves it. */
  readonly base: ZonageBundle;
  files = $state.raw<StagedFile[]>([]);
  /** Offers received from communes and accepted here, with the checks of `offers accept`. */
  offers = $state.raw<PublishedOffer[]>([]);
  get empty(): boolean {
    return !this.files.length && !this.offers.length;
  }
  // Getters, not $derived: a draft outlives the page that first read it (the revision page stages the adopted
  // year while « Gestion » is unmounted), and a derived owned by an unmounted page would stay stale.
  #memo: { files: StagedFile[]; bundle: ZonageBundle } | null = null;
  /** The published bundle with every staged file applied, in the order they were imported. */
  get bundle(): ZonageBundle {
    const files = this.files;
    if (this.#memo?.files !== files) this.#memo = { files, bundle: files.reduce((b, f) => f.apply(b), this.base) };
    return this.#memo.bundle;
  }

  constructor(territory: string, base: ZonageBundle) {
    this.territory = territory;
    this.base = base;
  }

  /** Adds a file; a second import of the same data file (the same list, the same zonage year) replaces the first. */
  stage(file: StagedFile) {
    this.files = [...this.files.filter((f) => f.dataFile !== file.dataFile), file];
  }

  remove(dataFile: string) {
    this.files = this.files.filter((f) => f.dataFile !== dataFile);
  }

  /** Adds accepted offers; an offer accepted again (the same id) replaces the first. */
  stageOffers(offers: PublishedOffer[]) {
    this.offers = [...this.offers.filter((o) => !offers.some((n) => n.offer.id === o.offer.id)), ...offers];
  }

  removeOffer(id: string) {
    this.offers = this.offers.filter((o) => o.offer.id !== id);
  }

  clear() {
    this.files = [];
    this.offers = [];
  }
}

// One draft per territory for the whole visit: the staff page is unmounted when the map is looked at
// without a preview, and the session's imports must not be lost with it. A new published bundle (a reload
// after publishing) starts a new draft.
const drafts = new Map<string, PublicationDraft>();

export function draftFor(territory: string, base: ZonageBundle): PublicationDraft {
  const known = drafts.get(territory);
  if (known && known.base === base) return known;
  const draft = new PublicationDraft(territory, base);
  drafts.set(territory, draft);
  return draft;
}
