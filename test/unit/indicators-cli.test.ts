// CLI indicateurs, in process (runCli): the JSON shape, the check report, an import that
// publishes into a copy of the output folder, and a bad file that publishes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../scripts/cli.ts';
import { resolvePaths } from '../../scripts/lib/paths.ts';

async function cli(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } };
  const code = await runCli(args, io, resolvePaths({ ...process.env, ...env }));
  return { code, out, err };
}

describe('CLI indicateurs', () => {
  it('--territory mauges --commune 49126 : APL rattachée depuis 49069, médecins signalés, pharmacies datées', async () => {
    const r = await cli(['indicateurs', '--territory', 'mauges', '--commune', '49126']);
    expect(r.code).toBe(0);
    const [c] = JSON.parse(r.out);
    expect(c).toMatchObject({ code: '49126', nom: "Orée d'Anjou", apl: { year: 2023, derived: false, formerCode: '49069' }, medecins: { count: 1, date: '2026-04-07', trusted: false }, pharmacies: { date: '2026-09-27' } });
    expect(c.flags).toContain('medecins-invraisemblable');
  });

  it('--year 2022 donne l’APL 2022 ; une année absente est une erreur d’usage', async () => {
    const r = await cli(['indicateurs', '--territory', 'charente-maritime', '--commune', '17300', '--year', '2022']);
    expect(JSON.parse(r.out)[0].apl.year).toBe(2022);
    const bad = await cli(['indicateurs', '--territory', 'charente-maritime', '--year', '2019']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('aucune APL 2019');
  });

  it('import d’un fichier de pharmacies invalide : rejet nommé (fichier, ligne, champ), rien de publié ; check code 1', async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'ind-src-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ind-out-'));
    for (const f of fs.readdirSync('../shared/data/indicateurs')) fs.copyFileSync(path.join('../shared/data/indicateurs', f), path.join(src, f));
    fs.appendFileSync(path.join(src, 'officines-par-commune-finess-2026.csv'), '17999,x\n');
    const check = await cli(['indicateurs', 'check'], { INDICATORS_SRC: src });
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/rejet : officines-par-commune-finess-2026\.csv, ligne 285, champ « nb_officines »/);
    const imp = await cli(['indicateurs', 'import'], { INDICATORS_SRC: src, INDICATORS_OUT: out });
    expect(imp.code).toBe(1);
    expect(fs.readdirSync(out)).toEqual([]);
    const kept = await cli(['indicateurs', 'import', '--keep-valid'], { INDICATORS_SRC: src, INDICATORS_OUT: out });
    expect(kept.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['apl-france.json', 'charente-maritime.json', 'charente.json', 'manifest.json', 'mauges.json']);
  }, 180_000);
});
