// npm run build:revision — each territory's revision method (data/territories/<id>/revision.json), checked
// against its zonage's classes, written to public/data/<id>/revision.json for the « Révision annuelle » page.
import fs from 'node:fs';
import path from 'node:path';
import { parseMethod } from '../src/core/revision/schema.ts';
import { dataDir, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';
import { dataOut } from './build-zonage.ts';

export function buildRevision(out = dataOut()): string[] {
  const written: string[] = [];
  for (const t of loadTerritories()) {
    const file = path.join(dataDir(), t.id, 'revision.json');
    if (!fs.existsSync(file)) continue;
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { scheme?: string };
    const scheme = loadZonageConfig(t.id).schemes.find((s) => s.id === raw.scheme);
    if (!scheme) throw new Error(`${file}, champ « scheme » : zonage « ${raw.scheme} » inconnu de ${t.name}.`);
    const method = parseMethod(raw, file, scheme.classes.map((c) => c.id));
    const target = path.join(out, t.id, 'revision.json');
    writeOutput(target, JSON.stringify(method, null, 1) + '\n');
    written.push(target);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of buildRevision()) process.stdout.write(`${path.relative(process.cwd(), f)}\n`);
}
