// The indicators of every commune: definitions (data), readers of the source files, code resolution.
export * from './schema.ts';
export * from './workbook.ts';
export * from './tables.ts';
export * from './resolve.ts';
export * from './indicators.ts';
export * from './offer.ts';
export * from './layers.ts';
