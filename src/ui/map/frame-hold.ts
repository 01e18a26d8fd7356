// Fewer frames while the map loads. With software rendering each frame costs its commit (80 to 270 ms for a
// territory with France around), and MapLibre draws one each time a tile comes back from its worker, an image
// is added for a tile in flight (a place name, a hatching), a source says it is idle or visible, a frame has
// applied a change (its follow-up), a source's data is ready: a wave of tiles was drawn a dozen times,
// half-drawn, before the map was complete, each frame also taking the processor from the worker. Here:
// - while the worker prepares a source's data (a GeoJSON cut into tiles), no frame is drawn: it could neither
//   show it nor ask for its tiles, and sources added together ask for their tiles in one frame;
// - while tiles asked for in one frame are on their way, the frames their arrival, their images or the
//   frames' follow-ups ask for wait: the wave is drawn once, complete. A later wave (the commune under the
//   pointer) is drawn as soon as it is complete, whatever an earlier one still waits for.
// The camera and the map's size draw at once, as does a map that moves, and no frame waits more than `maxHold`
// ms: a slow host shows its tiles as they come, at that pace.
import type { Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';

type Tile = NonNullable<MapSourceDataEvent['tile']> & { state?: string };

export class FrameHold {
  readonly #map: MapLibreMap;
  readonly #maxHold: number;
  readonly #repaint: () => void;
  /**
   * The tiles asked for, with their wave: the frame that asked for them, or for a tile reloaded (a GeoJSON set
   * anew, a layer added to its source) the frame its reload began in. Forgotten once dropped.
   */
  readonly #tiles = new Map<Tile, number>();
  /** Tiles seen reloading (their wave stamped), until they are back. */
  readonly #reloading = new Set<Tile>();
  /** Frames drawn so far: the wave of the tiles asked for now. */
  #frames = 0;
  /** The waves of the tiles arrived since the last decision. */
  readonly #arrived = new Set<number>();
  /** Sources whose data the worker prepares (a GeoJSON cut into tiles), until the source says it is loaded. */
  readonly #preparing = new Set<string>();
  /** Frames asked for since the last decision, how many of them may wait, how many a tile's arrival asked for. */
  #asked = 0;
  #mayWait = 0;
  #arrivals = 0;
  /** Inside `quietly`; just after a frame (its follow-up); the camera or the size changed since the last decision. */
  #quiet = 0;
  #renderTail = false;
  #moved = false;
  /** When the frame now waiting was first held (null: none is). */
  #heldSince: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(map: MapLibreMap, maxHold = 1000) {
    this.#map = map;
    this.#maxHold = maxHold;
    this.#repaint = map.triggerRepaint;
    map.triggerRepaint = this.#ask;
    // MapLibre fires these in the same task as the frame asked for (a tile's arrival and a change said just
    // after asking, a tile or a source loading and the camera's move before): the decision waits for them.
    map.on('sourcedataloading', this.#onLoading);
    map.on('sourcedata', this.#onData);
    map.on('styledata', this.#onStyleData);
    map.on('render', this.#onRender);
    map.on('move', this.#onMove);
    map.on('resize', this.#onMove);
    map.on('sourcedataabort', this.#weighAgain);
    map.on('error', this.#weighAgain);
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
    this.#map.off('styledata', this.#onStyleData);
    this.#map.off('render', this.#onRender);
    this.#map.off('move', this.#onMove);
    this.#map.off('resize', this.#onMove);
    this.#map.off('sourcedataabort', this.#weighAgain);
    this.#map.off('error', this.#weighAgain);
    clearTimeout(this.#timer);
    if (this.#heldSince !== null) this.#repaint.call(this.#map);
  }

  #ask = () => {
    if (this.#asked++ === 0) queueMicrotask(this.#decide);
    if (this.#quiet || this.#renderTail) this.#mayWait++;
  };

  #onLoading = (e: MapSourceDataEvent) => {
    if (e.tile) this.#tiles.set(e.tile as Tile, this.#frames);
    else if (e.sourceId) this.#preparing.add(e.sourceId);
  };

  /** The style says it changed: a change the frame has applied, or an image added. */
  #onStyleData = () => {
    if (this.#asked > this.#mayWait) this.#mayWait++;
  };

  /** The frame just drawn: what it asks for next (its follow-up) may wait too. */
  #onRender = () => {
    this.#stampReloads();
    this.#frames++;
    this.#renderTail = true;
    queueMicrotask(() => (this.#renderTail = false));
  };

  #onMove = () => {
    this.#moved = true;
  };

  #weighAgain = () => {
    if (this.#heldSince !== null) this.#ask();
  };

  #sourcesPreparing() {
    for (const id of this.#preparing) if (this.#map.getSource(id)?.loaded() !== false) this.#preparing.delete(id);
    return this.#preparing.size > 0;
  }

  #onData = (e: MapSourceDataEvent) => {
    // New data for a source (a GeoJSON set anew): its tiles began reloading with this event.
    if (e.sourceDataType === 'content') this.#stampReloads();
    if (!(e.tile || e.sourceDataType === 'idle' || e.sourceDataType === 'visibility') || this.#asked <= this.#mayWait) return;
    this.#mayWait++;
    if (!e.tile) return;
    this.#arrivals++;
    this.#arrived.add(this.#tiles.get(e.tile as Tile) ?? this.#frames);
  };

  /** Tiles that began reloading since last seen belong to the wave of now. */
  #stampReloads() {
    for (const tile of this.#reloading) if (tile.state !== 'reloading') this.#reloading.delete(tile);
    for (const tile of this.#tiles.keys())
      if (tile.state === 'reloading' && !this.#reloading.has(tile)) {
        this.#reloading.add(tile);
        this.#tiles.set(tile, this.#frames);
      }
  }

  /** Whether tiles are still on their way: of the waves in `waves`, or of any wave (null). */
  #pending(waves: Set<number> | null) {
    let pending = false;
    for (const [tile, wave] of this.#tiles)
      if (tile.state === 'unloaded') this.#tiles.delete(tile);
      else if ((tile.state === 'loading' || tile.state === 'reloading') && (!waves || waves.has(wave))) pending = true;
    return pending;
  }

  #decide = () => {
    const mayWait = this.#asked === this.#mayWait;
    // Only arrivals: held while their waves are incomplete; with images or follow-ups: while any tile is on its way.
    const waves = this.#asked === this.#arrivals ? new Set(this.#arrived) : null;
    const moved = this.#moved;
    this.#asked = this.#mayWait = this.#arrivals = 0;
    this.#arrived.clear();
    this.#moved = this.#renderTail = false;
    const now = performance.now();
    const wait = !moved && !this.#map.isMoving() && (this.#sourcesPreparing() || (mayWait && this.#pending(waves)));
    if (wait && now - (this.#heldSince ?? now) < this.#maxHold) {
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
