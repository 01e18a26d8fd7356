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
  request(key: number) {
    const tile = { state: 'loading', tileID: { key } };
    this.fire('sourcedataloading', { tile, sourceId: 'context' });
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

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('frames held while tiles arrive', () => {
  afterEach(() => vi.useRealTimers());

  it('draws a wave of tiles once, when its last tile is there', async () => {
    const map = new StandInMap();
    new FrameHold(map as unknown as MapLibreMap);
    const tiles = [1, 2, 3].map((k) => map.request(k));
    for (const [i, tile] of tiles.entries()) {
      map.arrive(tile);
      await settle();
      expect(map.frames, `after tile ${i + 1}`).toBe(i < 2 ? 0 : 1);
    }
  });

  it('an image added for a tile in flight waits too; any other change draws at once', async () => {
    const map = new StandInMap();
    const hold = new FrameHold(map as unknown as MapLibreMap);
    map.request(1);
    hold.quietly(() => map.change());
    await settle();
    expect(map.frames).toBe(0);
    map.change();
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a tile arriving together with another change draws at once', async () => {
    const map = new StandInMap();
    new FrameHold(map as unknown as MapLibreMap);
    const [a] = [map.request(1), map.request(2)];
    map.change();
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a map that moves is drawn as tiles arrive', async () => {
    const map = new StandInMap();
    new FrameHold(map as unknown as MapLibreMap);
    const [a] = [map.request(1), map.request(2)];
    map.moving = true;
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a tile that fails or is dropped no longer holds the frames', async () => {
    const map = new StandInMap();
    new FrameHold(map as unknown as MapLibreMap);
    const [a, b] = [map.request(1), map.request(2)];
    b.state = 'errored';
    map.arrive(a);
    await settle();
    expect(map.frames).toBe(1);
  });

  it('a slow host: the frame held is drawn after maxHold, and again at that pace', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const map = new StandInMap();
    new FrameHold(map as unknown as MapLibreMap, 1000);
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
    const map = new StandInMap();
    const hold = new FrameHold(map as unknown as MapLibreMap);
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
