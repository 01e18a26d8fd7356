// Fewer frames while tiles arrive. MapLibre draws a frame each time a tile comes back from its worker, each
// time an image is added for a tile in flight (a place name, a hatching) and when a source without tiles
// says so; with software rendering each frame costs its commit (80 to 270 ms for a territory with France
// around), and a wave of tiles was drawn a dozen times, half-drawn, before the map was complete. Here such a
// frame waits while other tiles are still on their way: the wave is drawn once, complete. Any other reason
// for a frame (the camera, a style change, a source ready to ask for its tiles, MapLibre's own follow-up
// frames) draws at once, as does a map that moves, or a frame held for `maxHold` ms: a slow host shows its
// tiles as they come, at that pace.
import type { Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';

type Tile = NonNullable<MapSourceDataEvent['tile']> & { state?: string };

export class FrameHold {
  readonly #map: MapLibreMap;
  readonly #maxHold: number;
  readonly #repaint: () => void;
  readonly #loading = new Set<Tile>();
  /** Frames asked for since the last decision, and how many of them could wait. */
  #asked = 0;
  #mayWait = 0;
  #quiet = 0;
  /** When the frame now waiting was first held (null: none is). */
  #heldSince: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(map: MapLibreMap, maxHold = 1000) {
    this.#map = map;
    this.#maxHold = maxHold;
    this.#repaint = map.triggerRepaint;
    map.triggerRepaint = this.#ask;
    // MapLibre fires these in the same task as the frame it asks for, just after asking.
    map.on('sourcedataloading', this.#onLoading);
    map.on('sourcedata', this.#onData);
  }

  /** Runs `add` (an image added for a tile in flight): the frame it asks for may wait like a tile's arrival. */
  quietly<T>(add: () => T): T {
    this.#quiet++;
    try {
      return add();
    } finally {
      this.#quiet--;
    }
  }

  /** Gives the map its own frames back (and the one held, if any). */
  release() {
    this.#map.triggerRepaint = this.#repaint;
    this.#map.off('sourcedataloading', this.#onLoading);
    this.#map.off('sourcedata', this.#onData);
    clearTimeout(this.#timer);
    if (this.#heldSince !== null) this.#repaint.call(this.#map);
  }

  #ask = () => {
    if (this.#asked++ === 0) queueMicrotask(this.#decide);
    if (this.#quiet) this.#mayWait++;
  };

  #onLoading = (e: MapSourceDataEvent) => {
    if (e.tile) this.#loading.add(e.tile as Tile);
  };

  #onData = (e: MapSourceDataEvent) => {
    if ((e.tile || e.sourceDataType === 'idle') && this.#asked > this.#mayWait) this.#mayWait++;
  };

  #pending() {
    for (const tile of this.#loading) if (tile.state !== 'loading' && tile.state !== 'reloading') this.#loading.delete(tile);
    return this.#loading.size > 0;
  }

  #decide = () => {
    const mayWait = this.#asked === this.#mayWait;
    this.#asked = this.#mayWait = 0;
    const now = performance.now();
    if (mayWait && this.#pending() && !this.#map.isMoving() && now - (this.#heldSince ?? now) < this.#maxHold) {
      this.#heldSince ??= now;
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#ask();
      }, this.#maxHold);
      return;
    }
    this.#heldSince = null;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#repaint.call(this.#map);
  };
}
