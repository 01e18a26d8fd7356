// The application's state: the view read from the URL hash (the single source of truth), the territory's
// loaded data, and what is being previewed without being published (an import, offers under review).
// Every page reads it through the context (getApp, below); pages keep their own state beside them.
import { isIndicatorLayer } from '../../core/indicators/layers.ts';
import { createContext } from 'svelte';
import { formatHash, isNational, NATIONAL, parseHash, type View } from '../../core/permalink.ts';
import type { Territory } from '../../core/territory.ts';
import { offerActive } from '../../core/offer-fields.ts';
import type { Offer } from '../../core/offers.ts';
import { parisToday } from '../../core/dates.ts';
import type { ZonageBundle } from '../../core/zonage/bundle.ts';
import { mappableAids } from '../map/aid-choices.ts';
import { territories, defaultTerritory } from './territories.ts';
import { loadTerritory, type TerritoryData } from './load.ts';
import { prefetchTilesHeader } from '../national/tiles-prefetch.ts';

const territoryNames = new Map(territories.map((t) => [t.id, t.name]));

/** The national view's pseudo-territory: no communes of its own, no plan, no data to load here. */
export const FRANCE: Territory = {
  id: NATIONAL,
  name: 'France entière',
  kind: 'Pays',
  selection: { departement: '' },
  outlineLabel: '',
  authority: { name: 'Agences régionales de santé' },
  plans: [],
};

export class AppState {
  view = $state<View>({ territory: defaultTerritory });
  /** Raw: the loaded data is replaced whole, never mutated, and too large to be made deeply reactive. */
  data = $state.raw<TerritoryData | null>(null);
  notice = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** An import being previewed: shown on the map, never published from here. */
  preview = $state.raw<{ territory: string; bundle: ZonageBundle; label: string } | null>(null);
  /** Offers being reviewed, tried on the map and commune pages for this session (never published from here). */
  reviewOffers = $state.raw<{ territory: string; offers: Offer[] }>({ territory: '', offers: [] });

  readonly today = parisToday();
  readonly territory = $derived(territories.find((t) => t.id === this.view.territory) ?? FRANCE);
  /** The territory's data once it matches the view (while another loads, nothing). */
  readonly current = $derived(this.data && this.data.id === this.view.territory ? this.data : null);
  readonly bundle = $derived(this.preview && this.preview.territory === this.data?.id ? this.preview.bundle : this.data?.zonage);
  readonly commune = $derived(this.view.commune && this.current ? this.current.reference.get(this.view.commune) : undefined);
  readonly tried = $derived(this.data && this.reviewOffers.territory === this.data.id ? this.reviewOffers.offers : []);
  /** Offers in force today, the ones under review replacing the published ones of the same id. */
  readonly activeOffers = $derived(
    this.data
      ? [...this.data.offers.filter((o) => !this.tried.some((t) => t.id === o.id)), ...this.tried].filter((o) => offerActive(o, this.today))
      : [],
  );

  navigate(next: View) {
    this.notice = null;
    window.location.hash = formatHash(next);
  }

  /** Reads the hash: the territory first (its data is needed to check the commune), then the whole view. */
  async applyHash() {
    const hash = window.location.hash;
    const first = parseHash(hash, { defaultTerritory, territoryNames, resolveCommune: (_t, c) => c });
    // The national view loads its own data (src/ui/national/): no territory here; its tiles' header comes now.
    if (isNational(first.view)) {
      prefetchTilesHeader();
      this.loadError = null;
      this.view = first.view;
      this.notice = first.problem ?? null;
      const canonical = formatHash(first.view);
      if (hash !== canonical) history.replaceState(null, '', canonical);
      return;
    }
    let loaded: TerritoryData;
    const zonageOf = (d: TerritoryData) => (this.preview?.territory === d.id ? this.preview.bundle : d.zonage);
    try {
      loaded = await loadTerritory(first.view.territory);
      this.loadError = null;
    } catch (e) {
      this.loadError = `Impossible de charger les données du territoire : ${(e as Error).message}`;
      return;
    }
    if (window.location.hash !== hash) return; // a newer navigation superseded this one
    const parsed = parseHash(hash, {
      defaultTerritory,
      territoryNames,
      resolveCommune: (_t, code) => (loaded.reference.has(code) ? code : loaded.formerCodes.get(code)),
      // The territory's own years and professions (an import's preview included), so that a link to
      // another one is said and dropped.
      years: () => [...new Set(zonageOf(loaded).zonages.map((z) => z.year))].sort((a, b) => a - b),
      professions: () => zonageOf(loaded).schemes.flatMap((s) => s.professions),
    });
    const problems = [...(parsed.problems ?? (parsed.problem ? [parsed.problem] : []))];
    if (parsed.view.layer && !isIndicatorLayer(parsed.view.layer) && !mappableAids(loaded.aids.aids).some((a) => a.id === parsed.view.layer)) {
      problems.push(`Aucune aide « ${parsed.view.layer} » ne se cartographie dans ce territoire ; voici le zonage.`);
      delete parsed.view.layer;
    }
    this.data = loaded;
    this.view = parsed.view;
    this.notice = problems.length ? problems.join(' ') : null;
    const canonical = formatHash(parsed.view);
    if (hash !== canonical) history.replaceState(null, '', canonical);
  }

  /** Follows the hash (also on back/forward); returns the function that stops following it. */
  follow(): () => void {
    const apply = () => void this.applyHash();
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
  }

  /** A page that keeps its state in the URL without adding a history entry (the simulator). */
  replaceView(next: View) {
    this.view = next;
    history.replaceState(null, '', formatHash(next));
  }
}

/** The app's state handed down by context: set once by App.svelte, read by every page and panel. */
export const [getApp, setApp] = createContext<AppState>();
