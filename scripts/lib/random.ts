// The example generators' pseudo-random numbers: the same seed gives the same number, on every machine, so
// that the generated example files are reproducible byte for byte.

/** Deterministic pseudo-random number in [0, 1) from a text seed (FNV-1a then xorshift). */
export function random(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  h ^= h << 13;
  h ^= h >>> 17;
  h ^= h << 5;
  return (h >>> 0) / 2 ** 32;
}
