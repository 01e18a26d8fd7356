// A newer ARS list imported by the chargé de mission (a CartoSanté export or a name + postal code list,
// often for a whole region): its rows resolved nationally, the territory's communes kept. Rows that could
// not be resolved are problems when they may concern the territory (their code or postal code is in one
// of its départements), otherwise counted in a warning: nothing is dropped silently.
import { importCartoSante } from './cartosante.ts';
import { importNamePostal } from './name-postal.ts';
import { classTable, type ArsPart } from './class-table.ts';
import type { CommuneIndex } from './commune-index.ts';
import { count, plural } from '../format.ts';
import { textLines } from '../import/records.ts';
import type { RowError, Warning } from '../import/report.ts';

export type ArsListFormat = 'cartosante' | 'nom-code-postal';

export function territoryArsList(
  file: string,
  text: string,
  format: ArsListFormat,
  opts: { index: CommuneIndex; classOf: (raw: string) => string | undefined; known: string[]; communes: Set<string> },
): { classes: Record<string, string>; parts: Record<string, ArsPart[]>; problems: string[]; warnings: string[] } {
  // Every rejection and warning, not the report's first ones: each is sorted between the territory and elsewhere.
  const rejected: RowError[] = [];
  const warned: Warning[] = [];
  const sink = { onReject: (e: RowError) => void rejected.push(e), onWarning: (w: Warning) => void warned.push(w) };
  const report = format === 'cartosante' ? importCartoSante(file, text, opts, sink) : importNamePostal(file, text, opts, sink);
  const table = classTable(report.rows.filter((e) => opts.communes.has(e.commune)));
  const departements = new Set([...opts.communes].map((c) => opts.index.departementOf(c)?.slice(0, 2)));
  const lines = textLines(text, file);
  const ours = (line: number) => {
    const first = (lines[line - 1] ?? '').split(/[;,\t]/)[0].trim();
    return line <= 1 || departements.has((format === 'cartosante' ? first : first.padStart(5, '0')).slice(0, 2));
  };
  const here = rejected.filter((r) => ours(r.line));
  // A header refused is a problem of the whole file.
  const problems = [...report.fileErrors, ...here.map((r) => r.message)];
  const elsewhere = rejected.length - here.length;
  const warnings = [
    ...warned.filter((w) => w.line !== undefined && ours(w.line)).map((w) => w.message),
    ...table.conflicts.map((c) => `${file} : ${c}`),
    ...(elsewhere ? [`${file} : ${count(elsewhere, 'ligne', 'lignes')} hors des départements du territoire ${plural(elsewhere, 'non résolue', 'non résolues')}, sans effet ici.`] : []),
  ];
  const missing = [...opts.communes].filter((c) => !table.classes.has(c));
  if (missing.length) warnings.push(`${file} : ${count(missing.length, 'commune', 'communes')} du territoire ${plural(missing.length, 'absente', 'absentes')} de la liste (${missing.slice(0, 10).join(', ')}), ${plural(missing.length, 'non classée', 'non classées')}.`);
  return {
    classes: Object.fromEntries([...table.classes].sort(([a], [b]) => (a < b ? -1 : 1))),
    parts: Object.fromEntries(table.parts),
    problems,
    warnings,
  };
}
