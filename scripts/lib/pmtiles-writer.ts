// A small writer of the PMTiles v3 layout (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
// header, root directory, JSON metadata, leaf directories, tile data. No npm writer is as plain: this one
// takes tiles already compressed, orders them by tile id (clustered), stores identical tiles once, and
// gzips its directories and metadata without timestamp, so the same tiles give the same bytes.
import crypto from 'node:crypto';
import { gzipSync } from 'fflate';
import { zxyToTileId } from 'pmtiles';

export interface PmtilesTile {
  z: number;
  x: number;
  y: number;
  /** Tile bytes as stored (already compressed as `tileCompression` says). */
  data: Uint8Array;
}

export interface PmtilesOptions {
  /** 1 none, 2 gzip (PMTiles Compression enum). */
  tileCompression: 1 | 2;
  /** 1 MVT (PMTiles TileType enum). */
  tileType: 1;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: unknown;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
/** The spec wants the header and root directory within the first 16 KiB. */
const ROOT_MAX_BYTES = 16_384 - HEADER_BYTES;
const GZIP = 2;

export const gzip = (data: Uint8Array): Uint8Array => gzipSync(data, { level: 9, mtime: 0 });

function writeVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** Directory bytes (before compression): count, then ids as deltas, run lengths, lengths, offsets. */
function serializeDirectory(entries: Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    // 0 means "right after the previous entry's data".
    writeVarint(out, i > 0 && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** Root directory, and leaf directories when the root alone would not fit in the first 16 KiB. */
function buildDirectories(entries: Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const root = gzip(serializeDirectory(entries));
  if (root.length <= ROOT_MAX_BYTES) return { root, leaves: new Uint8Array(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: Entry[] = [];
    const leafParts: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gzip(serializeDirectory(entries.slice(i, i + leafSize)));
      rootEntries.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
      leafParts.push(leaf);
      offset += leaf.length;
    }
    const rootBytes = gzip(serializeDirectory(rootEntries));
    if (rootBytes.length <= ROOT_MAX_BYTES) return { root: rootBytes, leaves: concat(leafParts) };
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The whole archive in memory (a national archive is a few tens of MB). */
export function writePmtiles(tiles: PmtilesTile[], options: PmtilesOptions): Uint8Array {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const entries: Entry[] = [];
  const dataParts: Uint8Array[] = [];
  const byHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const tile of sorted) {
    if (entries.length && entries[entries.length - 1].tileId === tile.id) throw new Error(`Tuile en double : identifiant ${tile.id}.`);
    const hash = crypto.createHash('sha256').update(tile.data).digest('hex');
    let stored = byHash.get(hash);
    if (!stored) {
      stored = { offset: dataLength, length: tile.data.length };
      byHash.set(hash, stored);
      dataParts.push(tile.data);
      dataLength += tile.data.length;
    }
    const last = entries[entries.length - 1];
    // Consecutive ids with the same content: one entry with a longer run.
    if (last && last.offset === stored.offset && last.tileId + last.runLength === tile.id) last.runLength++;
    else entries.push({ tileId: tile.id, offset: stored.offset, length: stored.length, runLength: 1 });
  }
  const { root, leaves } = buildDirectories(entries);
  const metadata = gzip(new TextEncoder().encode(JSON.stringify(options.metadata)));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;

  const header = new DataView(new ArrayBuffer(HEADER_BYTES));
  const bytes = new Uint8Array(header.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  header.setUint8(7, 3);
  const u64 = (at: number, n: number) => header.setBigUint64(at, BigInt(n), true);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, leavesOffset);
  u64(48, leaves.length);
  u64(56, dataOffset);
  u64(64, dataLength);
  u64(72, sorted.length);
  u64(80, entries.length);
  u64(88, dataParts.length);
  header.setUint8(96, 1); // clustered: tile data in tile id order
  header.setUint8(97, GZIP); // directories and metadata
  header.setUint8(98, options.tileCompression);
  header.setUint8(99, options.tileType);
  header.setUint8(100, options.minZoom);
  header.setUint8(101, options.maxZoom);
  const e7 = (at: number, deg: number) => header.setInt32(at, Math.round(deg * 1e7), true);
  const [west, south, east, north] = options.bounds;
  e7(102, west);
  e7(106, south);
  e7(110, east);
  e7(114, north);
  header.setUint8(118, options.center[2]);
  e7(119, options.center[0]);
  e7(123, options.center[1]);
  return concat([bytes, root, metadata, leaves, ...dataParts]);
}
