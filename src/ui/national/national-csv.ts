// The national table's exports (loaded on the click that asks for them): the rows shown, and the aggregates
// per département, written for French spreadsheets (core/spreadsheet-csv.ts: formulae neutralised).
import { spreadsheetCsv as csv } from '../../core/spreadsheet-csv.ts';
import type { DepartementAggregate, NationalClass, NationalRow } from './national.ts';

export interface CsvSource {
  profession: string;
  /** The file's « situation connue au » date (ISO). */
  date: string;
  source: string;
}

/** The columns every line ends with: which zonage, known on which date, from where. */
const about = (src: CsvSource) => ({ profession: src.profession, situation_au: src.date, source: src.source });

export function nationalRowsCsv(rows: NationalRow[], classes: NationalClass[], src: CsvSource): string {
  const label = new Map(classes.map((k) => [k.id, k.label]));
  return csv(
    rows.map((r) => ({
      code_insee: r.code,
      commune: r.nom,
      code_departement: r.departementCode,
      departement: r.departement,
      population: r.population ?? '',
      classe: r.classId,
      libelle_classe: r.classId ? (label.get(r.classId) ?? r.classId) : 'non classée',
      ...about(src),
    })),
  );
}

/** One line per département: communes and population in all, then per class (the classes add up to the total). */
export function departementAggregatesCsv(aggregates: DepartementAggregate[], classes: NationalClass[], src: CsvSource): string {
  const columns = [...classes.map((k) => ({ id: k.id, name: k.id })), { id: '', name: 'non-classee' }];
  return csv(
    aggregates.map((d) => ({
      code_departement: d.code,
      departement: d.nom,
      communes: d.communes,
      population: d.population,
      ...Object.fromEntries(columns.flatMap((c) => [[`communes_${c.name}`, d.byClass.get(c.id)?.communes ?? 0], [`population_${c.name}`, d.byClass.get(c.id)?.population ?? 0]])),
      ...about(src),
    })),
  );
}
