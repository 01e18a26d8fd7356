// The one entry of the import core shared by the CLI, the build and the browser: the project's CSVs, the
// RPPS extraction and the FINESS files. Each format describes itself as a table spec (formats/); the
// machinery (encoding, records, table, report) reads any of them as a stream: write chunks, end() gives
// the report; importX(file, bytes) runs one over bytes in memory. Headers are matched loosely, every row
// is checked, and every row is accounted for.
import type { Pharmacy, Practitioner } from '../zonage/model.ts';
import type { Movement } from '../movements.ts';
import type { CommuneResolver } from './fields.ts';
import type { ImportReport } from './report.ts';
import { deferredSink, runSink, tableSink, type ImportSink, type SinkOptions } from './table.ts';
import { zonageSpec, type ZonageOptions, type ZonageReport, type ZonageRow } from './formats/zonage.ts';
import { registerSpec } from './formats/register.ts';
import { isRppsHeader, rppsSpec } from './formats/rpps.ts';
import { pharmacySpec } from './formats/pharmacies.ts';
import { finessSpec, isFinessCsv } from './formats/finess-csv.ts';
import { finessJsonSink, isFinessJson } from './formats/finess-json.ts';
import { movementsSpec } from './formats/movements.ts';

export function zonageSink(file: string, opts: ZonageOptions, sinkOptions?: SinkOptions): ImportSink<ZonageRow> {
  const spec = zonageSpec(file, opts);
  return tableSink(file, () => spec, sinkOptions);
}

export function importZonage(file: string, bytes: Uint8Array, opts: ZonageOptions): ZonageReport {
  const report = runSink(zonageSink(file, opts), bytes) as ZonageReport;
  return { ...report, missing: report.missing ?? [] };
}

/** Practitioners: the RPPS extraction (recognised by its header) or the project's register. */
export function practitionersSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Practitioner> {
  return tableSink(file, (header) => (isRppsHeader(header) ? rppsSpec(opts) : registerSpec(opts)), sinkOptions);
}

export function importPractitioners(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Practitioner> {
  return runSink(practitionersSink(file, opts), bytes);
}

/** Pharmacies: the FINESS « structures » JSON (gzipped or not), else a CSV (the project's or FINESS's). */
export function pharmaciesSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Pharmacy> {
  return deferredSink((head) => (isFinessJson(head) ? finessJsonSink(file, opts, sinkOptions) : pharmaciesCsvSink(file, opts, sinkOptions)));
}

export function importPharmacies(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Pharmacy> {
  return runSink(pharmaciesSink(file, opts), bytes);
}

export function pharmaciesCsvSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Pharmacy> {
  return tableSink(file, (header) => (isFinessCsv(header) ? finessSpec(opts) : pharmacySpec(opts)), sinkOptions);
}

export function movementsSink(file: string, opts: { resolve: CommuneResolver }, sinkOptions?: SinkOptions): ImportSink<Movement> {
  const spec = movementsSpec(opts);
  return tableSink(file, () => spec, sinkOptions);
}

export function importMovements(file: string, bytes: Uint8Array, opts: { resolve: CommuneResolver }): ImportReport<Movement> {
  return runSink(movementsSink(file, opts), bytes);
}

export { communeResolver, parseDate, type CommuneResolver } from './fields.ts';
export { finessInsee, finessPharmacy, FINESS_PHARMACY } from './formats/finess-csv.ts';
export type { ZonageReport, ZonageRow };
export { decode, type Encoding } from './encoding.ts';
export type { Column, ImportSink, RowContext, SinkOptions } from './table.ts';
export { failedReport, isClean, problemsOf, ignoredCount, MAX_LISTED, type RowError, type Warning, type ImportReport } from './report.ts';
export { separatorName } from './table.ts';
