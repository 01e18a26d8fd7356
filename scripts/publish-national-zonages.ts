// The national DataSanté file published at once: every profession's national class table takes the communes
// whose arrêté is newer (dated lists, src/core/ars/updates.ts), the lists and the territoires de vie-santé are
// kept in data/ars/listes/ (what npm run build:ars reads back), and every territory's zonage.json is rebuilt
// with its ARS layers' new years. Built in a temporary folder first; the real files are replaced together only
// when every territory builds (see lib/transaction.ts): a failure anywhere changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { CogCommune } from '../src/core/communes.ts';
import { CommuneIndex } from '../src/core/ars/commune-index.ts';
import { datasanteSink, type DatasanteReport } from '../src/core/ars/datasante.ts';
import { areasFile } from '../src/core/ars/areas.ts';
import { parseAreasFile } from '../src/core/ars/schema.ts';
import { arsClasses } from '../src/core/ars/schemes.ts';
import type { ArsTableFile } from '../src/core/ars/table-file.ts';
import { updateTable, type ProfessionUpdate } from '../src/core/ars/updates.ts';
import { count } from '../src/core/format.ts';
import { buildZonageBundle, dataOut } from './build-zonage.ts';
import { arsListsDir, arsOut, dataDir, loadArsSchemes, loadTerritories, publicAsOf } from './lib/inputs.ts';
import { assertRegularFile } from './lib/safe-files.ts';
import { acquireLock } from './lib/lock.ts';
import { publicBundle } from '../src/core/zonage/public-bundle.ts';
import { streamFile } from './lib/stream-import.ts';
import { failPoint, replaceFiles, type FailPoint } from './lib/transaction.ts';
import { paths, withPaths } from './lib/paths.ts';

/** Where the imported national lists are kept (read back by build:ars and build:zonage). */
export const arsLists = arsListsDir;
export const AREAS_FILE = 'territoires-sante.json';

export interface NationalResult {
  published: boolean;
  report: DatasanteReport;
  updates: ProfessionUpdate[];
  refused?: string;
  written: string[];
}

export class NationalPublishError extends Error {}

let index: CommuneIndex | undefined;
const communeIndex = () => (index ??= new CommuneIndex(createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]));

/**
 * Checks (publish false) or publishes the national file. Refused when the file cannot be read, no row is
 * accepted, or rows are rejected without keepValid.
 */
export async function publishNationalZonages(o: { file: string; publish: boolean; keepValid?: boolean; failAt?: FailPoint }): Promise<NationalResult> {
  const failAt = o.failAt ?? paths().publishFailAt;
  if (!fs.existsSync(o.file)) throw new NationalPublishError(`fichier introuvable : ${o.file}`);
  try {
    assertRegularFile(o.file);
  } catch (e) {
    throw new NationalPublishError((e as Error).message);
  }
  const ars = loadArsSchemes();
  const name = path.basename(o.file);
  const report = await streamFile(o.file, datasanteSink(name, { index: communeIndex(), ars }));
  failPoint(failAt, 'import');
  const updates: ProfessionUpdate[] = [];
  if (!report.fileErrors.length) {
    for (const p of ars.professions) {
      const file = path.join(arsOut(), `${p.profession}.json`);
      if (!fs.existsSync(file)) throw new NationalPublishError(`${path.relative(process.cwd(), file)} introuvable : lancez npm run build:ars.`);
      const table = JSON.parse(fs.readFileSync(file, 'utf8')) as ArsTableFile;
      updates.push(updateTable(table, report, arsClasses(ars, p.profession).map((k) => k.id)));
    }
  }
  const problems = [
    report.fileErrors.length ? count(report.fileErrors.length, 'erreur de fichier', 'erreurs de fichier') : '',
    report.rejectedCount ? count(report.rejectedCount, 'ligne rejetée', 'lignes rejetées') : '',
    report.accepted === 0 ? 'aucune ligne acceptée' : '',
  ].filter(Boolean);
  if (report.accepted === 0 || report.fileErrors.length || (problems.length && !o.keepValid)) {
    const keep = report.accepted && !report.fileErrors.length ? ' (--keep-valid publie les lignes valides seules)' : '';
    return { published: false, report, updates, written: [], refused: `rien n'est publié : ${problems.join(', ')}${keep}.` };
  }
  if (!o.publish) return { published: false, report, updates, written: [] };

  // One publication at a time: every territory's built zonage is rewritten, so each territory is locked.
  const territories = loadTerritories();
  const releases: Array<() => void> = [];
  // The new state in a temporary folder: tables and lists, then every territory built against them.
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'zonages-nationaux-'));
  try {
    for (const t of territories) releases.push(acquireLock(path.join(dataDir(), t.id), `publish zonages-nationaux ${name}`));
    const changes: Array<{ target: string; content: string }> = [];
    const stagedOut = path.join(stage, 'ars');
    const stagedLists = path.join(stage, 'listes');
    fs.cpSync(arsOut(), stagedOut, { recursive: true });
    if (fs.existsSync(arsLists())) fs.cpSync(arsLists(), stagedLists, { recursive: true });
    else fs.mkdirSync(stagedLists, { recursive: true });
    const put = (dir: string, staged: string, file: string, content: string) => {
      fs.writeFileSync(path.join(staged, file), content);
      changes.push({ target: path.join(dir, file), content });
    };
    for (const u of updates) {
      put(arsOut(), stagedOut, `${u.profession}.json`, JSON.stringify(u.table) + '\n');
      put(arsLists(), stagedLists, `${u.profession}.json`, JSON.stringify({ $comment: 'Écrit par npm run cli -- publish zonages-nationaux : listes datées du fichier national DataSanté, relues par npm run build:ars.', profession: u.profession, lists: u.table.lists ?? [] }, null, 1) + '\n');
    }
    const areasPath = path.join(arsLists(), AREAS_FILE);
    const previous = fs.existsSync(areasPath) ? parseAreasFile(JSON.parse(fs.readFileSync(areasPath, 'utf8')), path.relative(process.cwd(), areasPath)) : undefined;
    put(arsLists(), stagedLists, AREAS_FILE, JSON.stringify(areasFile(report, previous)) + '\n');
    failPoint(failAt, 'write');
    for (const t of territories) {
      const built = withPaths({ ...paths(), arsOut: stagedOut, arsLists: stagedLists }, () => buildZonageBundle(t.id));
      if (built.problems.length) throw new NationalPublishError(`rien n'est publié : ${t.name} ne passe pas la construction : ${built.problems.slice(0, 5).join(' ; ')}`);
      // The public file: counts only, no personal data (as every publication writes it).
      changes.push({ target: path.join(dataOut(), t.id, 'zonage.json'), content: JSON.stringify(publicBundle(built.bundle, publicAsOf())) + '\n' });
    }
    failPoint(failAt, 'build');
    return { published: true, report, updates, written: replaceFiles(changes, failAt) };
  } finally {
    for (const release of releases.reverse()) release();
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
