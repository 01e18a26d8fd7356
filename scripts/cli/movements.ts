// movements --territory <id>   the territory's movements: register dates and declared file
// movements --territory <id> --from <file> --from-date D --to <file> --to-date D [--mouvements-file F] [--rejects FILE]
//   (national files are streamed; progress on stderr in a terminal; --rejects writes every rejection)
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver, importMovements, practitionersSink } from '../../src/core/import/index.ts';
import { diffSnapshots, mergeMovements, type Movement } from '../../src/core/movements.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { count } from '../../src/core/format.ts';
import { isIsoDate } from '../../src/core/dates.ts';
import { buildZonageBundle } from '../build-zonage.ts';
import { RejectsFile, streamFile } from '../lib/stream-import.ts';
import { loadCog } from '../lib/inputs.ts';
import { UsageError, json, readFile, territoryOf, type Command } from './command.ts';
import { summary } from './import.ts';

export const usage =
  'movements --territory <id> [--mouvements-file F] ; movements --territory <id> --from <fichier> --from-date AAAA-MM-JJ --to <fichier> --to-date AAAA-MM-JJ [--mouvements-file F] [--rejects FICHIER]';

export const options = {
  territory: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'from-date': { type: 'string' },
  'to-date': { type: 'string' },
  'mouvements-file': { type: 'string' },
  rejects: { type: 'string' },
} as const;

/** The JSON of a movement, as documented: a move is a cessation plus an installation. */
const movementJson = (m: Movement) => ({
  type: m.type,
  date: m.date,
  commune: m.commune,
  profession: m.profession,
  mode: m.mode,
  rpps: m.rpps ?? null,
  cause: m.cause,
  source: m.source,
  ...(m.after ? { after: m.after } : {}),
});

export const run: Command['run'] = async ({ strings: values }, io) => {
  const territory = territoryOf(values.territory);
  if (!values.from && !values.to) {
    const { bundle, problems } = buildZonageBundle(territory.id, { mouvements: values['mouvements-file'] });
    for (const n of bundle.movements.notes) io.stderr.write(`note : ${n}\n`);
    for (const p of problems) io.stderr.write(`rejeté : ${p}\n`);
    io.stdout.write(json(bundle.movements.rows.map(movementJson)));
    return problems.length ? 1 : 0;
  }
  for (const key of ['from', 'to', 'from-date', 'to-date']) if (!values[key]) throw new UsageError(`option --${key} obligatoire pour comparer deux extractions.`);
  for (const key of ['from-date', 'to-date']) if (!isIsoDate(values[key])) throw new UsageError(`option --${key} : « ${values[key]} » n'est pas une date AAAA-MM-JJ.`);
  const resolve = communeResolver(territoryCommunes(loadCog(), territory));
  const rejects = values.rejects ? new RejectsFile(values.rejects, [values.from!, values.to!, values['mouvements-file']].filter((f): f is string => !!f)) : undefined;
  const snapshot = async (file: string, date: string) => {
    if (!fs.existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
    const name = path.basename(file);
    // Streamed: only the territory's activities are kept, whatever the size of the national file.
    const report = await streamFile(file, practitionersSink(name, { resolve }, { onReject: rejects?.sink(name) }), io.stderr);
    for (const e of report.fileErrors) io.stderr.write(`erreur de fichier : ${e}\n`);
    for (const r of report.rejected) io.stderr.write(`rejeté : ${r.message}\n`);
    for (const w of report.warnings) io.stderr.write(`avertissement : ${w.message}\n`);
    io.stderr.write(summary(`${name} (${report.format})`, report));
    return { rows: report.rows, date, file: name, rejected: report.rejectedCount + report.fileErrors.length };
  };
  const from = await snapshot(values.from!, values['from-date']!);
  const to = await snapshot(values.to!, values['to-date']!);
  rejects?.close();
  const diff = diffSnapshots(from, to);
  for (const w of diff.warnings) io.stderr.write(`avertissement : ${w}\n`);
  let movements = diff.movements;
  let rejected = from.rejected + to.rejected;
  if (values['mouvements-file']) {
    const declared = importMovements(path.basename(values['mouvements-file']), readFile(values['mouvements-file']), { resolve });
    for (const r of [...declared.fileErrors, ...declared.rejected.map((x) => x.message)]) io.stderr.write(`rejeté : ${r}\n`);
    rejected += declared.rejectedCount + declared.fileErrors.length;
    const merged = mergeMovements(declared.rows, diff.movements, { from, to });
    for (const c of merged.conflicts) io.stderr.write(`conflit : ${c}\n`);
    if (merged.duplicates) io.stderr.write(`${count(merged.duplicates, 'mouvement déclaré déjà vu dans les extractions, compté', 'mouvements déclarés déjà vus dans les extractions, comptés')} une fois.\n`);
    movements = merged.movements;
  }
  const ofType = (t: string) => movements.filter((m) => m.type === t).length;
  io.stderr.write(`${count(ofType('installation'), 'installation', 'installations')}, ${count(ofType('cessation'), 'cessation', 'cessations')} entre le ${from.date} et le ${to.date}.\n`);
  io.stdout.write(json(movements.map(movementJson)));
  return rejected ? 1 : 0;
};

export const command: Command = { usage, options, run };
