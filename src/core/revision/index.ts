// The annual revision of a territory's zonage: method as data, one engine, the draft and its comparison.
export * from './schema.ts';
export * from './engine.ts';
export * from './draft.ts';
export * from './export.ts';
export * from './reader.ts';
export * from './annex.ts';
