// suivi --territory <id> [--register FILE] [--year N]   the plan's follow-up as JSON: per fiche its
//        indicator by year, dossiers by status, granted and paid; the envelope {total, granted, paid, remaining}
// suivi check --territory <id> --register FILE          the register's import report (exit 1 on a rejection)
import path from 'node:path';
import { importSummary } from '../../src/core/import/summary.ts';
import { planFollowup, asOfDate } from '../../src/core/followup/summary.ts';
import { deadlinesOf } from '../../src/core/followup/deadlines.ts';
import { parisToday } from '../../src/core/dates.ts';
import type { ImportReport } from '../../src/core/import/report.ts';
import { FollowupError, loadFollowup } from '../lib/followup.ts';
import { json, type Command } from './command.ts';

export const usage = 'suivi [check] --territory <id> [--register FICHIER] [--year AAAA]';

export const options = {
  territory: { type: 'string' },
  register: { type: 'string' },
  year: { type: 'string' },
} as const;

function reportJson(r: ImportReport<unknown>) {
  const { rows: _rows, file: _file, bytes: _bytes, ...rest } = r;
  return rest;
}

/** Runs the command; returns the exit code (2 for a usage error, written on stderr). */
export const run: Command['run'] = async ({ positionals: rest, strings: values }, io) => {
  try {
    const check = rest[0] === 'check';
    if (rest.length && !check) throw new FollowupError(`sous-commande inconnue « ${rest[0]} » (check).`);
    if (!values.territory) throw new FollowupError('option --territory obligatoire (charente-maritime, mauges…).');
    if (check && !values.register) throw new FollowupError('option --register FICHIER obligatoire pour « suivi check ».');
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new FollowupError(`année « ${values.year} » invalide (AAAA).`);
    const loaded = await loadFollowup(values.territory, values.register);
    const { report } = loaded;
    const name = path.basename(loaded.registerFile);
    io.stderr.write(`${importSummary(name, report)}${report.warningCount ? ` ${report.warningCount} avertissement${report.warningCount > 1 ? 's' : ''}.` : ''}\n`);
    if (check) {
      io.stdout.write(json(reportJson(report)));
      return report.rejectedCount || report.fileErrors.length ? 1 : 0;
    }
    for (const e of report.fileErrors) io.stderr.write(`erreur de fichier : ${e}\n`);
    const asOf = asOfDate(report.rows, parisToday());
    const out = planFollowup({ followup: loaded.followup, aids: loaded.aids, dossiers: report.rows, asOf, year: values.year ? Number(values.year) : undefined });
    const deadlines = deadlinesOf(report.rows, loaded.aids, loaded.followup, parisToday());
    const counts = { commitmentsEnding: deadlines.commitmentsEnding.length, renewals: deadlines.renewals.length, lateRequests: deadlines.lateRequests.length };
    io.stdout.write(json({ ...out, deadlines: counts }));
    for (const w of out.envelope.warnings) io.stderr.write(`avertissement : ${w}\n`);
    return report.fileErrors.length ? 1 : 0;
  } catch (e) {
    if (e instanceof FollowupError) {
      io.stderr.write(`Erreur : ${e.message}\n`);
      return 2;
    }
    throw e;
  }
};

export const command: Command = { usage, options, run };
