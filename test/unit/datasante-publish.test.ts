// The national file brought into the tables and the territories: a newer arrêté replaces from its date, an
// older or equal one is counted; publishing turns the Charente-Maritime's GP layer from « remplacé » to the new
// classes from 30 December 2025 and the national view draws those communes again; a failure changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDatasante } from '../../src/core/ars/datasante.ts';
import { CommuneIndex } from '../../src/core/ars/commune-index.ts';
import { updateTable } from '../../src/core/ars/updates.ts';
import { arsClasses } from '../../src/core/ars/schemes.ts';
import type { ArsTableFile } from '../../src/core/ars/table-file.ts';
import type { CogCommune } from '../../src/core/communes.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { zonageInForce } from '../../src/core/zonage/bundle.ts';
import { NOT_IMPORTED, zonageStatus } from '../../src/core/zonage/status.ts';
import { listNotes, nationalClasses } from '../../src/ui/national/national.ts';
import { datasanteText } from '../../scripts/generate-datasante.ts';
import { loadArsSchemes, ROOT } from '../../scripts/lib/inputs.ts';
import { publishNationalZonages } from '../../scripts/publish-national-zonages.ts';
import { resolvePaths, withPaths, type Paths } from '../../scripts/lib/paths.ts';
import { createRequire } from 'node:module';
import { buildArs } from '../../scripts/build-ars.ts';
import { runCli } from '../../scripts/cli.ts';
import { parseListsFile } from '../../src/core/ars/schema.ts';

const ars = loadArsSchemes();
const index = new CommuneIndex(createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
const table = (p: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/ars', `${p}.json`), 'utf8')) as ArsTableFile;
const order = (p: string) => arsClasses(ars, p).map((k) => k.id);
const TODAY = '2026-12-04';

describe('updateTable: the list in force for each commune', () => {
  const gp = table('medecin-generaliste');
  // Charente-Maritime, GP arrêté of 30 December 2025 (newer than the export of 9 May 2025).
  const r = importDatasante('na.csv', new TextEncoder().encode(datasanteText({ departements: ['17'], dates: { zmed: '30/12/2025' } })), { index, ars });
  const u = updateTable(gp, r, order('medecin-generaliste'));
  it('a newer arrêté replaces from its date; the other professions older than their exports change nothing', () => {
    expect(r.accepted).toBe(r.read);
    expect(u.totals).toEqual({ updated: r.accepted, unchanged: 0, older: 0, rejected: 0 });
    expect(u.regions.map((x) => x.region)).toEqual(['Nouvelle-Aquitaine']);
    expect(u.dates).toEqual([{ from: '2025-12-30', communes: r.accepted, regions: ['Nouvelle-Aquitaine'] }]);
    expect(u.table.lists![0]).toMatchObject({ from: '2025-12-30', inForceOn: '2026-07-30' });
    expect(u.table.lists![0].source).toMatch(/fichier national des zonages du 30 juillet 2026 ; arrêté du 30 décembre 2025/);
    const kine = updateTable(table('masseur-kinesitherapeute'), r, order('masseur-kinesitherapeute'));
    expect(kine.totals).toEqual({ updated: 0, unchanged: 0, older: r.accepted, rejected: 0 });
    expect(kine.table.lists).toBeUndefined();
  });
  it('the same file again: every commune unchanged; an older one: older', () => {
    expect(updateTable(u.table, r, order('medecin-generaliste')).totals).toMatchObject({ updated: 0, unchanged: r.accepted });
    const old = importDatasante('old.csv', new TextEncoder().encode(datasanteText({ departements: ['17'], dates: { zmed: '01/06/2025' } })), { index, ars });
    expect(updateTable(u.table, old, order('medecin-generaliste')).totals).toMatchObject({ updated: 0, older: old.accepted });
  });
  it('the national view draws the listed communes again where the region is replaced', () => {
    const before = nationalClasses(ars, gp, TODAY);
    const after = nationalClasses(ars, u.table, TODAY);
    const grey = (cs: typeof before) => cs.find((k) => k.id === ars.replacedClass.id)!.codes;
    expect(grey(before)).toContain('17300');
    expect(grey(after)).not.toContain('17300');
    expect(grey(after)).toContain('16015'); // Charente: not in this file, still replaced
    // The legend says the list, its date and source; Nouvelle-Aquitaine's « nouvelle liste non importée » no longer.
    const notes = listNotes(u.table, TODAY);
    expect(notes.regions).toEqual(new Set(['Nouvelle-Aquitaine']));
    expect(notes.notes[0]).toMatch(new RegExp(`^Nouvelle-Aquitaine : ${r.accepted} communes classées à partir du 30 décembre 2025 — DataSanté .*30 juillet 2026`));
    expect(listNotes(u.table, '2025-12-01').notes).toEqual([]);
    const cls = after.find((k) => k.codes.includes('17300'))!.id;
    expect(u.table.lists![0].classes[cls].split(' ')).toContain('17300');
    // Before the arrêté's date, the export's classes.
    const exported = Object.entries(gp.classes).find(([, codes]) => codes.split(' ').includes('17300'))![0];
    expect(nationalClasses(ars, u.table, '2025-06-01').find((k) => k.codes.includes('17300'))!.id).toBe(exported);
  });
  it('rejected rows are counted per profession and region', () => {
    const bad = datasanteText({ departements: ['17'], dates: { zmed: '30/12/2025' } }).replace(/"17300","La Rochelle","Nouvelle-Aquitaine"(.*?)"1_ZIP"|"17300","La Rochelle","Nouvelle-Aquitaine"(.*?)"(2_ZAC|4_ZAR|3_HZ)"/, (m) => m.replace(/"(1_ZIP|2_ZAC|4_ZAR|3_HZ)"$/, '"9_X"'));
    const rb = importDatasante('bad.csv', new TextEncoder().encode(bad), { index, ars });
    expect(rb.rejectedCount).toBe(1);
    expect(updateTable(gp, rb, order('medecin-generaliste')).regions[0]).toMatchObject({ region: 'Nouvelle-Aquitaine', rejected: 1, updated: rb.accepted });
    expect(updateTable(table('infirmier'), rb, order('infirmier')).regions[0].rejected).toBe(0);
  });
});

describe('publish zonages-nationaux, in a copy of the data', () => {
  let tmp: string;
  let inCopy: Paths;
  const run = (o: Parameters<typeof publishNationalZonages>[0]) => withPaths(inCopy, () => publishNationalZonages(o));
  const file = () => path.join(tmp, 'zonages.csv');
  const snapshot = () => Object.fromEntries(['ars', 'out', 'listes'].flatMap((d) => (fs.existsSync(path.join(tmp, d)) ? fs.readdirSync(path.join(tmp, d), { recursive: true }) : []).map((f) => [`${d}/${f}`, fs.statSync(path.join(tmp, d, String(f))).isFile() ? fs.readFileSync(path.join(tmp, d, String(f)), 'utf8') : ''])));
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'datasante-'));
    fs.cpSync(path.join(ROOT, 'public/data/ars'), path.join(tmp, 'ars'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'out'));
    fs.cpSync(path.join(ROOT, 'data/territories'), path.join(tmp, 'territories'), { recursive: true });
    inCopy = { ...resolvePaths(), dataDir: path.join(tmp, 'territories'), arsOut: path.join(tmp, 'ars'), dataOut: path.join(tmp, 'out'), arsLists: path.join(tmp, 'listes') };
    fs.writeFileSync(file(), datasanteText({ departements: ['17'], dates: { zmed: '30/12/2025' } }));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a failure at any step changes nothing', async () => {
    const before = snapshot();
    for (const failAt of ['write', 'build', 'rename:3']) {
      await expect(run({ file: file(), publish: true, failAt })).rejects.toThrow(/échec simulé/);
      expect(snapshot()).toEqual(before);
    }
  });

  it('the check writes nothing; the publication turns the GP layer from « remplacé » to the new classes from 30 December 2025', async () => {
    const before = snapshot();
    const check = await run({ file: file(), publish: false });
    expect(check.published).toBe(false);
    expect(snapshot()).toEqual(before);
    const res = await run({ file: file(), publish: true });
    expect(res.published).toBe(true);
    const bundle = JSON.parse(fs.readFileSync(path.join(tmp, 'out/charente-maritime/zonage.json'), 'utf8')) as ZonageBundle;
    const gp = bundle.zonages.filter((z) => z.scheme === 'ars-medecin-generaliste');
    expect(gp.map((z) => [z.year, z.validFrom])).toEqual([[2025, '2025-05-09'], [2026, '2025-12-30']]);
    const old = zonageStatus(gp[0], TODAY);
    expect(old.state).toBe('remplace');
    expect(old.text).not.toContain(NOT_IMPORTED);
    const now = zonageInForce(bundle, 'medecin-generaliste', TODAY, 'ars-medecin-generaliste')!;
    expect(now.validFrom).toBe('2025-12-30');
    expect(now.source).toMatch(/arrêté du 30 décembre 2025/);
    const list = JSON.parse(fs.readFileSync(path.join(tmp, 'ars/medecin-generaliste.json'), 'utf8')) as ArsTableFile;
    const cls = Object.entries(list.lists![0].classes).find(([, codes]) => codes.split(' ').includes('17300'))![0];
    expect(now.classes['17300']).toBe(cls);
    // The communes' territoire de vie-santé and bassin de vie in the bundle.
    expect(bundle.areas!.communes['17300']).toEqual({ tvs: { code: '17300', lib: 'La Rochelle' }, bvcv: expect.objectContaining({ type: 'Bassin de vie' }) });
    // The Charente, not in the file, keeps « nouvelle liste non importée ».
    const charente = JSON.parse(fs.readFileSync(path.join(tmp, 'out/charente/zonage.json'), 'utf8')) as ZonageBundle;
    const cgp = charente.zonages.filter((z) => z.scheme === 'ars-medecin-generaliste');
    expect(cgp).toHaveLength(1);
    expect(zonageStatus(cgp[0], TODAY).text).toContain(NOT_IMPORTED);
    // npm run build:ars rebuilds the same table from the export and the kept lists (byte for byte).
    const rebuilt = path.join(tmp, 'rebuilt');
    withPaths(inCopy, () => buildArs({ out: rebuilt }));
    expect(fs.readFileSync(path.join(rebuilt, 'medecin-generaliste.json'), 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'ars/medecin-generaliste.json'), 'utf8'));
    // A kept list damaged by hand is refused, naming the file and the field.
    const kept = path.join(tmp, 'listes/medecin-generaliste.json');
    const raw = JSON.parse(fs.readFileSync(kept, 'utf8'));
    raw.lists[0].from = '30/12/2025';
    expect(() => parseListsFile(raw, 'medecin-generaliste.json', 'medecin-generaliste')).toThrow(/medecin-generaliste\.json, champ « lists\.0\.from » : date AAAA-MM-JJ attendue/);
    // Again: nothing newer, every commune unchanged.
    const again = await run({ file: file(), publish: false });
    expect(again.updates.find((u) => u.profession === 'medecin-generaliste')!.totals.updated).toBe(0);
  });
});

describe('CLI: import zonages-nationaux (check)', () => {
  it('reads the sample, writes nothing, prints the counts per profession', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } };
    const sample = path.resolve(process.env.FORMATS_SRC ?? '../shared/formats', 'datasante-zonages-sample.csv');
    const code = await runCli(['import', 'zonages-nationaux', sample], io);
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json).toMatchObject({ published: false, files: [], read: 4, accepted: 4, rejectedCount: 0, dateMaj: '2026-07-30' });
    expect(json.professions.find((p: { profession: string }) => p.profession === 'medecin-generaliste')).toMatchObject({ updated: 3, older: 1 });
    expect(err.join('')).toContain('medecin-generaliste : 3 communes mises à jour (30 octobre 2025 : 3 communes), 0 inchangée, 1 arrêté plus ancien, 0 rejetée.');
    expect(await runCli(['publish', 'zonages-nationaux'], io)).toBe(2);
  });
});
