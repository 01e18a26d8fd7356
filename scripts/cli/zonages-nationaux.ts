// import zonages-nationaux FILE                           checks the national DataSanté file: what it would change,
//                                                         per profession and region (updated, unchanged, older, rejected)
// publish zonages-nationaux FILE [--keep-valid]           publishes it: national tables, data/ars/listes/, every
//                                                         territory's ARS layers, together (nothing on failure)
import path from 'node:path';
import { count, formatDate } from '../../src/core/format.ts';
import { importSummary } from '../../src/core/import/summary.ts';
import { NationalPublishError, publishNationalZonages, type NationalResult } from '../publish-national-zonages.ts';
import { UsageError, json, type Command } from './command.ts';

export const usage = 'import zonages-nationaux <fichier DataSanté> (vérifier) ; publish zonages-nationaux <fichier> [--keep-valid] (publier)';

/** The JSON printed: counts, the first rejections, and per profession its regions and new arrêté dates. */
export function nationalJson(r: NationalResult) {
  const { rows: _rows, bytes: _bytes, ...report } = r.report;
  return {
    published: r.published,
    files: r.written.map((f) => path.relative(process.cwd(), f)),
    ...report,
    professions: r.updates.map((u) => ({ profession: u.profession, ...u.totals, dates: u.dates, regions: u.regions })),
  };
}

/** One line per profession: « medecin-generaliste : 4 293 communes mises à jour (arrêté du 30 décembre 2025), … ». */
export function nationalLines(r: NationalResult): string[] {
  return r.updates.map((u) => {
    const t = u.totals;
    const dates = u.dates.map((d) => `${formatDate(d.from)} : ${count(d.communes, 'commune', 'communes')}`).join(', ');
    return `${u.profession} : ${count(t.updated, 'commune mise à jour', 'communes mises à jour')}${dates ? ` (${dates})` : ''}, ${count(t.unchanged, 'inchangée', 'inchangées')}, ${count(t.older, 'arrêté plus ancien', 'arrêtés plus anciens')}, ${count(t.rejected, 'rejetée', 'rejetées')}.`;
  });
}

export const options = { 'keep-valid': { type: 'boolean' } } as const;

/**
 * `zonages-nationaux <check|publish> FILE`, also reached as `import zonages-nationaux FILE` (check) and
 * `publish zonages-nationaux FILE` (see cli.ts). Exit 1 when a row is rejected or nothing is published.
 */
export const command: Command = {
  usage,
  options,
  async run({ positionals, values }, io) {
    const [action, file] = positionals;
    if ((action !== 'check' && action !== 'publish') || !file) throw new UsageError(usage);
    let result: NationalResult;
    try {
      result = await publishNationalZonages({ file, publish: action === 'publish', keepValid: values['keep-valid'] === true });
    } catch (e) {
      if (e instanceof NationalPublishError) throw new UsageError(e.message);
      throw e;
    }
    io.stdout.write(json(nationalJson(result)));
    const name = path.basename(file);
    const r = result.report;
    io.stderr.write(`${importSummary(name, r)} Fichier du ${r.dateMaj ? formatDate(r.dateMaj) : '?'} (${r.source ?? 'source non indiquée'}).\n`);
    for (const e of r.fileErrors) io.stderr.write(`erreur de fichier : ${e}\n`);
    for (const e of r.rejected.slice(0, 20)) io.stderr.write(`rejeté : ${e.message}\n`);
    for (const l of nationalLines(result)) io.stderr.write(`${l}\n`);
    if (result.refused) io.stderr.write(`${name} : ${result.refused}\n`);
    else if (result.published) io.stderr.write(`${name} : publié → ${count(result.written.length, 'fichier', 'fichiers')} (${result.written.map((f) => path.relative(process.cwd(), f)).join(', ')})\n`);
    return (action === 'publish' && !result.published) || r.rejectedCount || r.fileErrors.length ? 1 : 0;
  },
};
