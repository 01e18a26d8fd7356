// The map's frames while tiles arrive (src/ui/map/frame-hold.ts), against a stand-in map that asks for its
// frames as MapLibre 6 does: `_update` asks (triggerRepaint), then the same event is fired as `sourcedata`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { FrameHold } from '../../src/ui/map/frame-hold.ts';

type Listener = (e: Record<string, unknown>) => void;

class StandInMap {
  frames = 0;
  moving = false;
  listeners = new Map<string, Set<Listener>>();
  sources = new Map<string, { ready: boolean }>();
  getSource(id: string) {
    const s = this.sources.get(id);
    return s && { loaded: () => s.ready };
  }
  /** The worker prepares a source's data (a GeoJSON added or set): `sourcedataloading` without a tile, a frame asked for. */
  prepare(id: string) {
    this.sources.set(id, { ready: false });
    this.fire('sourcedataloading', { sourceId: id });
    this.triggerRepaint();
  }
  /** Its data ready: loaded, a frame asked for, `sourcedata` (metadata). */
  ready(id: string) {
    this.sources.get(id)!.ready = true;
    this.triggerRepaint();
    this.fire('sourcedata', { sourceId: id, sourceDataType: 'metadata' });
  }
  /** A frame drawn (the tiles it asks for are the next wave), and its follow-up: the change it applied said. */
  drawn() {
    this.triggerRepaint();
    this.fire('styledata', {});
    this.fire('render', {});
    this.triggerRepaint();
  }
  /** The camera jumps: `move` fired, a frame asked for. */
  jump() {
    this.fire('move', {});
    this.triggerRepaint();
  }
  triggerRepaint() {
    this.frames++;
  }
  isMoving() {
    return this.moving;
  }
  on(type: string, f: Listener) {
    (this.listeners.get(type) ?? this.listeners.set(type, new Set()).get(type)!).add(f);
  }
  off(type: string, f: Listener) {
    this.listeners.get(type)?.delete(f);
  }
  fire(type: string, e: Record<string, unknown>) {
    for (const f of this.listeners.get(type) ?? []) f(e);
  }
  /** A tile asked for: MapLibre fires `sourcedataloading` with it, no frame. */
  request(key: number, sourceId = 'context') {
    const tile = { state: 'loading', tileID: { key } };
    this.fire('sourcedataloading', { tile, sourceId });
    return tile;
  }
  /** A tile back from the worker: its state, then a frame asked for, then `sourcedata` with the tile. */
  arrive(tile: { state: string }) {
    tile.state = 'loaded';
    this.triggerRepaint();
    this.fire('sourcedata', { tile, sourceId: 'context' });
  }
  /** Anything else that wants a frame: the camera, a layer or a source added, a follow-up frame. */
  change() {
    this.triggerRepaint();
  }
}

/** A stand-in map with its frames held. */
function held(maxHold?: number) {
  const map = new StandInMap();
  return { map, hold: new FrameHold(map as unknown as MapLibreMap, maxHold) };
}

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('frames held while tiles arrive', () => {
  afterEach(() => vi.useRealTimers());

  it('draws a wave of tiles once, when its last tile is there', async () => {
    const { map } = held();
    const tiles = [1, 2, 3].map((k) => map.request(k));
    for (const [i, tile] of tiles.entries()) {
      map.arrive(tile);
      await settle();
      expect(map.frames, `after tile ${i + 1}`).toBe(i < 2 ? 0 : 1);
    }
  });

  it('an image added for a tile in flight waits too; any other change draws at once', async () => {
    const { map, hold } = held();
    map.request(1);
    hold.quietly(() => map.change());
    await settle();
    expect(map.frames).toBe(0);
    map.change();
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a tile arriving together with another change draws at once', async () => {
    const { map } = held();
    const [a] = [map.request(1), map.request(2)];
    map.change();
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('while the worker prepares a source, nothing is drawn (layers added with it wait); its data ready, one frame', async () => {
    const { map } = held();
    map.prepare('places');
    map.prepare('outline');
    map.change();
    await settle();
    map.ready('places');
    await settle();
    expect(map.frames).toBe(0);
    map.ready('outline');
    await settle();
    expect(map.frames).toBe(1);
  });

  it("the camera and the map's size draw at once, even while a source is prepared", async () => {
    const { map } = held();
    map.prepare('places');
    await settle();
    map.jump();
    await settle();
    expect(map.frames).toBe(1);
    map.fire('resize', {});
    map.change();
    await settle();
    expect(map.frames).toBe(2);
  });

  it('a source update dropped: the frame held is weighed again', async () => {
    const { map } = held();
    map.prepare('places');
    await settle();
    expect(map.frames).toBe(0);
    map.sources.get('places')!.ready = true;
    map.fire('sourcedataabort', { sourceId: 'places' });
    await settle();
    expect(map.frames).toBe(1);
  });

  it("a frame's follow-up waits while its tiles are on their way", async () => {
    const { map } = held();
    const tiles = [map.request(1), map.request(2)];
    map.drawn();
    await settle();
    expect(map.frames).toBe(0);
    for (const tile of tiles) map.arrive(tile);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a later wave (the commune under the pointer) is drawn once complete, whatever an earlier one waits for', async () => {
    const { map } = held();
    const [context] = [map.request(1), map.request(2)];
    map.arrive(context);
    await settle();
    expect(map.frames).toBe(0);
    map.fire('render', {}); // a frame drawn since (a slow host's second): the next tiles are another wave
    await settle();
    const hover = map.request(3, 'communes-hover');
    map.arrive(hover);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a GeoJSON set anew (the commune under the pointer): its tiles reloaded are drawn once back, whatever an earlier wave waits for', async () => {
    const { map } = held();
    const hover = map.request(1, 'communes-hover');
    const [context] = [map.request(2), map.request(3)];
    map.arrive(hover);
    map.arrive(context);
    await settle();
    expect(map.frames).toBe(0);
    // The pointer moves: the source's data is set anew, its tile reloads (MapLibre fires no event for it).
    hover.state = 'reloading';
    map.triggerRepaint();
    map.fire('sourcedata', { sourceId: 'communes-hover', sourceDataType: 'content' });
    await settle();
    map.arrive(hover);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a tile reloaded with a wave (a layer added to its source) waits with that wave', async () => {
    const { map } = held();
    const communes = map.request(1, 'communes');
    map.arrive(communes);
    await settle();
    expect(map.frames).toBe(1);
    // A frame adds a layer to the source (its tile reloads) and asks for the context's tiles.
    communes.state = 'reloading';
    const [context] = [map.request(2), map.request(3)];
    map.fire('render', {});
    await settle();
    map.arrive(communes);
    map.arrive(context);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a map that moves is drawn as tiles arrive', async () => {
    const { map } = held();
    const [a] = [map.request(1), map.request(2)];
    map.moving = true;
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a tile that fails or is dropped no longer holds the frames', async () => {
    const { map } = held();
    const [a, b] = [map.request(1), map.request(2)];
    b.state = 'errored';
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a slow host: the frame held is drawn after maxHold, and again at that pace', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { map } = held(1000);
    const tiles = [1, 2, 3].map((k) => map.request(k));
    map.arrive(tiles[0]);
    await settle();
    await vi.advanceTimersByTimeAsync(999);
    expect(map.frames).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(map.frames).toBe(1);
    map.arrive(tiles[1]);
    await vi.advanceTimersByTimeAsync(999);
    expect(map.frames).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(map.frames).toBe(2);
  });

  it('released, the map has its own frames back and the one held is drawn', async () => {
    const { map, hold } = held();
    const [a] = [map.request(1), map.request(2)];
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(0);
    hold.release();
    expect(map.frames).toBe(1);
    map.arrive(map.request(3));
    expect(map.frames).toBe(2);
    expect(map.listeners.get('sourcedata')?.size).toBe(0);
  });
});
