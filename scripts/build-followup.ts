// npm run build:followup — for each territory with data/territories/<id>/suivi/plan.json: reads its
// register of dossiers (staff data, personal) and writes what the public site may show,
// public/data/<id>/suivi.json: the follow-up data (envelope, indicators: no personal data) and the
// aggregates per fiche, year and commune, small counts hidden. The register itself is never copied.
// A register with a rejected row or a file error fails the build (nothing written for that territory).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ficheSummaries } from '../src/core/followup/indicators.ts';
import { envelopeOf } from '../src/core/followup/envelope.ts';
import { publicFollowup, type PublicFollowup } from '../src/core/followup/aggregates.ts';
import { asOfDate } from '../src/core/followup/summary.ts';
import type { Followup } from '../src/core/followup/schema.ts';
import { importSummary } from '../src/core/import/summary.ts';
import { problemsOf } from '../src/core/import/report.ts';
import { dataOut } from './build-zonage.ts';
import { ROOT, loadTerritories, writeOutput } from './lib/inputs.ts';
import { followupFile, loadFollowup } from './lib/followup.ts';

/** What public/data/<id>/suivi.json holds. */
export interface PublishedFollowup {
  followup: Followup;
  aggregates: PublicFollowup;
}

export async function buildFollowup(territoryId: string): Promise<{ published?: PublishedFollowup; problems: string[]; summary: string }> {
  const loaded = await loadFollowup(territoryId);
  const { report, followup, aids } = loaded;
  const summary = importSummary(path.basename(loaded.registerFile), report);
  if (report.fileErrors.length || report.rejectedCount) return { problems: problemsOf(report), summary };
  const planAids = aids.filter((a) => a.plan === followup.plan).map((a) => a.id);
  const dossiers = report.rows.filter((d) => planAids.includes(d.aid));
  const asOf = asOfDate(dossiers, followup.period.from);
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(loaded.registerFile)).digest('hex');
  const aggregates = publicFollowup({ territory: territoryId, plan: followup.plan, example: followup.register.example, asOf, sha256, dossiers, envelope: envelopeOf(followup, dossiers, asOf), fiches: ficheSummaries(dossiers, followup, planAids) });
  return { published: { followup, aggregates }, problems: [], summary };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = dataOut();
  let failed = false;
  for (const t of loadTerritories()) {
    if (!fs.existsSync(followupFile(t.id))) continue;
    const { published, problems, summary } = await buildFollowup(t.id);
    console.log(`${t.id} : ${summary}`);
    if (!published) {
      failed = true;
      console.error(`${t.id} : registre refusé, suivi non publié :\n- ${problems.join('\n- ')}`);
      continue;
    }
    writeOutput(path.join(out, t.id, 'suivi.json'), JSON.stringify(published) + '\n');
    console.log(`${t.id} : agrégats du suivi → ${path.relative(ROOT, out)}/${t.id}/suivi.json`);
  }
  if (failed) process.exit(1);
}
