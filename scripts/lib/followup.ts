// The plan's follow-up for a territory, as the CLI and the build read it: plan.json checked, the aid
// catalogue, the zonage (for the engine's amounts) and the register streamed through the import, with
// the cross-row checks as warnings. An XLSX register is read through @e965/xlsx, loaded only here.
import fs from 'node:fs';
import path from 'node:path';
import { communeResolver } from '../../src/core/import/fields.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import type { Dossier } from '../../src/core/followup/model.ts';
import { parseFollowup, type Followup } from '../../src/core/followup/schema.ts';
import { registerSink, xlsxRegisterBytes, isXlsx, importRegister, type RegisterContext } from '../../src/core/followup/register-import.ts';
import { addFindings, checkDossiers } from '../../src/core/followup/checks.ts';
import type { ImportReport } from '../../src/core/import/report.ts';
import type { ResolvedAid } from '../../src/core/aids/model.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { buildAidCatalogue } from '../build-aids.ts';
import { buildZonageBundle } from '../build-zonage.ts';
import { dataDir, loadCog, loadTerritories } from './inputs.ts';
import { streamFile } from './stream-import.ts';

export class FollowupError extends Error {}

export function followupFile(territory: string) {
  return path.join(dataDir(), territory, 'suivi', 'plan.json');
}

export interface LoadedFollowup {
  followup: Followup;
  aids: ResolvedAid[];
  bundle: ZonageBundle;
  registerFile: string;
  report: ImportReport<Dossier>;
  communeName: (code: string) => string;
}

/** Loads plan.json, the catalogue and the zonage, then reads the register (the one plan.json names, or `register`). */
export async function loadFollowup(territoryId: string, register?: string): Promise<LoadedFollowup> {
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new FollowupError(`territoire inconnu « ${territoryId} ».`);
  const file = followupFile(territoryId);
  if (!fs.existsSync(file)) throw new FollowupError(`${path.relative(process.cwd(), file)} absent : pas de suivi de plan pour ${territory.name}.`);
  const { catalogue, problems: aidProblems } = buildAidCatalogue(territoryId);
  if (aidProblems.length) throw new FollowupError(`catalogue des aides invalide :\n- ${aidProblems.join('\n- ')}`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FollowupError(`${path.relative(process.cwd(), file)} : JSON illisible (${(e as Error).message}).`);
  }
  const { followup, problems } = parseFollowup(raw, path.relative(process.cwd(), file), catalogue.aids.map((a) => a.id));
  if (!followup) throw new FollowupError(problems.join('\n'));
  const { bundle } = buildZonageBundle(territoryId);
  const communes = territoryCommunes(loadCog(), territory);
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const registerFile = register ?? path.join(path.dirname(file), followup.register.file);
  const st = fs.lstatSync(registerFile, { throwIfNoEntry: false });
  if (!st) throw new FollowupError(`fichier introuvable : ${registerFile}`);
  if (!st.isFile()) throw new FollowupError(`${registerFile} n'est pas un fichier ordinaire (lien symbolique ou dossier refusé).`);
  const name = path.basename(registerFile);
  const ctx: RegisterContext = {
    aids: catalogue.aids,
    resolve: communeResolver(communes),
    finish: (report) =>
      addFindings(report, checkDossiers(report.rows, { aids: catalogue.aids, followup, engine: { bundle, commune: (code) => { const c = byCode.get(code); return c && { code: c.code, nom: c.nom, population: c.population }; } } })),
  };
  const head = Buffer.alloc(4);
  const fd = fs.openSync(registerFile, 'r');
  fs.readSync(fd, head, 0, 4, 0);
  fs.closeSync(fd);
  let report: ImportReport<Dossier>;
  if (isXlsx(head)) {
    const XLSX = await import('@e965/xlsx');
    let bytes: Uint8Array;
    try {
      bytes = xlsxRegisterBytes(new Uint8Array(fs.readFileSync(registerFile)), XLSX);
    } catch (e) {
      throw new FollowupError(`${name} : classeur XLSX illisible (${(e as Error).message}).`);
    }
    report = importRegister(name, bytes, ctx);
  } else report = await streamFile(registerFile, registerSink(name, ctx));
  return { followup, aids: catalogue.aids, bundle, registerFile, report, communeName: (code) => byCode.get(code)?.nom ?? code };
}
