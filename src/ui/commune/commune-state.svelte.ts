// What the commune page shows beside the zonage: its zone year after year, its neighbours and their zones,
// its offers and movements, and the link to share it.
import { formatHash } from '../../core/permalink.ts';
import { zoneHistory } from '../../core/zonage/history.ts';
import { getApp } from '../app/app-state.svelte.ts';
import { getMap } from '../map/map-state.svelte.ts';

export class CommuneState {
  /** Built while the map page initialises, after the map's state is in the context. */
  private app = getApp();
  private map = getMap();

  readonly commune = $derived(this.app.commune);
  readonly history = $derived(
    this.commune && this.app.bundle && this.map.profession ? zoneHistory(this.app.bundle, this.commune.code, this.map.profession, this.app.today, this.map.scheme) : [],
  );
  readonly neighbours = $derived.by(() => {
    const { commune } = this;
    const { data } = this.app;
    const zView = this.map.zView;
    if (!commune || !data || !zView) return [];
    return (data.neighbours.get(commune.code) ?? [])
      .map((code) => ({ code, nom: data.reference.get(code)?.nom ?? code, effective: zView.classes.get(code)?.effective }))
      .sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
  });
  readonly offers = $derived(this.commune ? this.app.activeOffers.filter((o) => o.commune === this.commune!.code) : []);
  readonly movements = $derived(this.commune ? this.map.allMovements.filter((m) => m.commune === this.commune!.code) : []);
  readonly shareUrl = $derived(
    this.commune ? new URL(formatHash({ territory: this.app.view.territory, commune: this.commune.code }), window.location.href).href : '',
  );
  hrefFor = (code: string) => formatHash({ ...this.app.view, commune: code });
}
