// The map page's choices and what they draw: the zonage shown (profession, year, effective classes at the
// map's date), the aid layer, the class changes since the previous year, movements and offers. Profession,
// year, layers and the movements' period live in the URL (the app's view); movement filters are local.
import { createContext } from 'svelte';
import { classChanges } from '../../core/zonage/history.ts';
import { dateForYear, defaultScheme, noZonageText, professionsOf, schemesOf, yearsOf, zonageInForce, zonageView } from '../../core/zonage/bundle.ts';
import { zoneResolver } from '../../core/zonage/resolver.ts';
import { filterMovements } from '../../core/movements.ts';
import { getApp } from '../app/app-state.svelte.ts';
import type { View } from '../../core/permalink.ts';
import { mappableAids } from './aid-choices.ts';
import { zonageStyle } from './zonage-style.ts';
import { movementFeatures } from './movement-style.ts';
import { offerFeatures } from './offer-style.ts';
import { INDICATOR_LAYERS, indicatorClasses, isIndicatorLayer } from '../../core/indicators/layers.ts';
import type { Indicators } from '../../core/indicators/indicators.ts';
import { indicatorStyle } from '../indicators/indicator-style.ts';
import { loadIndicators } from '../indicators/indicators-data.ts';

export class MapState {
  /** Movement filters: local to the page, not in the URL. */
  mvProfession = $state('');
  mvMode = $state('');
  /** The territory whose map is completely drawn (first idle): work that can wait waits for it. */
  drawn = $state<string | null>(null);

  /** Built while the map page initialises: the app's state comes from the context. */
  private app = getApp();

  /** Another page is shown: the map page stays mounted (App.svelte) and keeps what it showed. */
  readonly #hidden: () => boolean;
  constructor(hidden: () => boolean = () => false) {
    this.#hidden = hidden;
    // Loads the aid layer's module the first time an aid is chosen (a side effect, so not in a $derived).
    $effect(() => {
      if (this.layerAidChoice && !this.aidLayerModule) void import('./aid-layer.ts').then((m) => (this.aidLayerModule = m));
    });
    $effect(() => {
      const territory = this.view.territory;
      if (this.indicatorLayerId && this.indicatorsFile?.territory !== territory) void loadIndicators(territory).then((ind) => (this.indicatorsFile = { territory, ind }));
    });
  }

  #shown: View | undefined;
  /** The view the map draws: the app's, or while hidden the last one shown (no redrawing behind a page). */
  readonly view = $derived.by((): View => {
    if (!this.#hidden() || !this.#shown) this.#shown = this.app.view;
    return this.#shown;
  });

  readonly professions = $derived(this.app.bundle ? professionsOf(this.app.bundle) : []);
  readonly profession = $derived(
    this.view.profession && this.professions.includes(this.view.profession) ? this.view.profession : this.professions[0],
  );
  /** The zonage layers of the profession: the territory's own first, then the ARS ones. */
  readonly schemes = $derived(this.app.bundle && this.profession ? schemesOf(this.app.bundle, this.profession) : []);
  /** The layer asked for in the URL when the profession has it, else the territory's own. */
  readonly scheme = $derived(
    this.view.zonage && this.schemes.some((s) => s.id === this.view.zonage)
      ? this.view.zonage
      : this.app.bundle && this.profession ? defaultScheme(this.app.bundle, this.profession) : undefined,
  );
  readonly years = $derived(this.app.bundle && this.profession ? yearsOf(this.app.bundle, this.profession, this.scheme) : []);
  /** The year asked for, else the zonage in force today, else the latest. */
  readonly year = $derived.by(() => {
    const asked = this.view.year;
    if (asked !== undefined && this.years.includes(asked)) return asked;
    const current = this.app.bundle && this.profession ? zonageInForce(this.app.bundle, this.profession, this.app.today, this.scheme) : undefined;
    return current?.year ?? this.years[this.years.length - 1];
  });
  private entry = (year: number) => this.app.bundle?.zonages.find((x) => x.profession === this.profession && x.year === year && x.scheme === this.scheme);
  /** The zonage shown; with the movements overlay, the effective zonage at the end of the chosen period. */
  readonly zView = $derived.by(() => {
    const bundle = this.app.bundle;
    const z = this.year === undefined ? undefined : this.entry(this.year);
    if (!bundle || !this.profession || !z) return undefined;
    return zonageView(bundle, this.profession, z.year, dateForYear(z, this.view.movements?.to ?? this.app.today), z.scheme);
  });
  /** Said instead of the classes when the zonage shown is not in force at the map's date (replaced, expired). */
  readonly notInForce = $derived(
    this.zView && !this.zView.status.inForce && this.app.bundle
      ? (noZonageText(this.app.bundle, this.zView.zonage.profession, this.zView.date, this.zView.scheme.id) ?? this.zView.status.text)
      : undefined,
  );
  /** Effective classes at the map's date for every profession, computed once for the panel and the layer. */
  readonly zones = $derived(this.app.bundle && this.zView ? zoneResolver(this.app.bundle, this.zView.date) : null);
  readonly layerAid = $derived(this.view.layer ?? '');
  readonly aidChoices = $derived(this.app.data ? mappableAids(this.app.data.aids.aids) : []);
  private readonly layerAidChoice = $derived(this.aidChoices.find((a) => a.id === this.layerAid));
  /** The aid layer's module (and the aid engine), loaded by an effect when a layer is first chosen. */
  private aidLayerModule = $state.raw<typeof import('./aid-layer.ts') | null>(null);
  /** What one aid gives in each commune (« Couleurs » layer), instead of the zonage. */
  readonly aids = $derived.by(() => {
    const aid = this.layerAidChoice;
    const { data } = this.app;
    const module = this.aidLayerModule;
    if (!aid || !data || !this.zones || !this.zView || !module) return null;
    return module.aidLayer(aid, [...data.reference.values()], this.zones, this.zView.date);
  });
  /** The territory's indicators, fetched by an effect when an indicator colouring is first chosen. */
  private indicatorsFile = $state.raw<{ territory: string; ind: Indicators } | null>(null);
  readonly indicatorLayerId = $derived(isIndicatorLayer(this.view.layer) ? this.view.layer : undefined);
  /** Communes coloured by an indicator (« Couleurs »: APL, GPs per 10,000, pharmacies, pharmacie sans médecin). */
  readonly indicatorLayer = $derived.by(() => {
    const id = this.indicatorLayerId;
    const territory = this.view.territory;
    const { data } = this.app;
    if (!id || !data || !territory) return null;
    const loaded = this.indicatorsFile;
    if (!loaded || loaded.territory !== territory) return null;
    const classes = indicatorClasses(id, loaded.ind, [...data.reference.values()]);
    return { id, label: INDICATOR_LAYERS.find((l) => l.id === id)!.label, classes, ind: loaded.ind, style: indicatorStyle(classes) };
  });
  readonly style = $derived(this.indicatorLayer ? this.indicatorLayer.style : this.aids ? this.aids.style : this.zView && this.app.data ? zonageStyle(this.zView, this.app.data.pointOf) : null);
  readonly previousYear = $derived(this.year !== undefined && this.years.includes(this.year - 1) ? this.year - 1 : undefined);
  readonly changes = $derived.by(() => {
    const bundle = this.app.bundle;
    if (!bundle || !this.profession || this.previousYear === undefined || !this.zView) return undefined;
    const z = this.entry(this.previousYear)!;
    const before = zonageView(bundle, this.profession, this.previousYear, dateForYear(z, this.app.today), z.scheme);
    return before ? classChanges(before, this.zView) : undefined;
  });

  readonly allMovements = $derived(this.app.bundle?.movements?.rows ?? []);
  readonly shownMovements = $derived.by(() => {
    const range = this.view.movements;
    if (!range) return [];
    return filterMovements(this.allMovements, {
      from: range.from,
      to: range.to,
      ...(this.mvProfession ? { professions: [this.mvProfession] } : {}),
      ...(this.mvMode ? { modes: [this.mvMode as 'liberal' | 'salarie'] } : {}),
    });
  });
  readonly movementLayer = $derived(
    this.view.movements && this.app.data
      ? {
          installation: movementFeatures(this.shownMovements, this.app.data.points, 'installation'),
          cessation: movementFeatures(this.shownMovements, this.app.data.points, 'cessation'),
        }
      : null,
  );
  readonly offerLayer = $derived(this.view.offerLayer && this.app.data ? offerFeatures(this.app.activeOffers, this.app.data.points) : null);
  /** The movements shown by default: since the first of January of last year. */
  defaultRange = () => ({ from: `${Number(this.app.today.slice(0, 4)) - 1}-01-01`, to: this.app.today });
}

/** The map page's state handed down by context: set by MapPage.svelte, read by its panels and layers. */
export const [getMap, setMap] = createContext<MapState>();
