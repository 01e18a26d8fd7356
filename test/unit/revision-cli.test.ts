// The `revision` command on the real indicators of the Charente-Maritime: propose, a draft refused with the
// commune and field named, adoption blocked without a reason, then adopted into a copy of the data through
// the atomic publish path (the new year in zonage.json, its source the délibération).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWith } from './cli-run.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'revision-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const env = { DATA_DIR: path.join(tmp, 'territories'), DATA_OUT: path.join(tmp, 'public') };
// In process (as `npx tsx scripts/cli.ts revision …` would run it), on a copy of the data.
const cli = (...args: string[]) => cliWith(env, 'revision', ...args);
const draft = (overrides: object, extra: object = {}) => {
  const f = path.join(tmp, `brouillon-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(f, JSON.stringify({ format: 'revision-zonage', name: 'essai', territory: 'charente-maritime', year: 2027, method: { id: 'cd17-apl', version: 1 }, parameters: {}, overrides, ...extra }));
  return f;
};
fs.cpSync('data/territories', env.DATA_DIR, { recursive: true });

describe('CLI revision', async () => {
  it('propose : une classe, une règle et une raison par commune, sur les indicateurs réels', async () => {
    const r = await cli('propose', '--territory', 'charente-maritime');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.year).toBe(2027);
    expect(out.communes).toHaveLength(462);
    expect(out.counts.reduce((s: number, c: { communes: number }) => s + c.communes, 0)).toBe(462);
    // Agudelle: APL 2023 3.05 (DREES), no ZIP → fragile by the second rule.
    expect(out.communes.find((c: { code: string }) => c.code === '17002')).toMatchObject({ proposed: 'fragile', rule: 'apl-bas-ou-zip', reason: expect.stringContaining('APL 2023 3,05 ≤ 3,5') });
    expect(r.err).toContain('interprétation');
  }, 60_000);

  it('brouillon d’une autre version de la méthode ou avec une commune inconnue : refusé en nommant commune et champ', async () => {
    const r = await cli('diff', '--territory', 'charente-maritime', '--draft', draft({ '99999': { class: 'fragile' } }, { method: { id: 'cd17-apl', version: 9 } }));
    expect(r.code).toBe(2);
    expect(r.err).toContain('champ « method » : brouillon fait avec la méthode cd17-apl v9');
    expect(r.err).toContain('commune 99999, champ « overrides.99999 » : commune inconnue du territoire');
  }, 60_000);

  it('export : XLSX, CSV, annexe Word et liste du zonage, marqués projet', async () => {
    const out = path.join(tmp, 'dossier');
    const r = await cli('export', '--territory', 'charente-maritime', '--draft', draft({ '17002': { class: 'tres-fragile', reason: 'autre', comment: 'essai' } }), '--out', out);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['revision-2027-annexe.docx', 'revision-2027.csv', 'revision-2027.xlsx', 'zonage-2027-projet.csv']);
    const book = XLSX.read(fs.readFileSync(path.join(out, 'revision-2027.xlsx')), { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Communes'])).toHaveLength(462);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(out, 'revision-2027-annexe.docx'))))['word/document.xml']);
    expect(xml).toContain('PROJET — liste non adoptée');
    expect(xml).toContain('Agudelle (17002) — classe manuelle : autre');
  }, 60_000);

  it('adoption refusée tant qu’une classe manuelle n’a pas de motif ; rien n’est publié', async () => {
    const before = fs.readFileSync(path.join(env.DATA_DIR, 'charente-maritime/zonage.json'), 'utf8');
    const r = await cli('adopt', '--territory', 'charente-maritime', '--draft', draft({ '17002': { class: 'tres-fragile' } }), '--deliberation', 'Délibération n° 2026-12-01', '--date', '2026-12-11');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Agudelle (17002) : classe manuelle, motif manquant');
    expect(fs.readFileSync(path.join(env.DATA_DIR, 'charente-maritime/zonage.json'), 'utf8')).toBe(before);
  }, 60_000);

  it('adoption : le zonage 2027 publié, la délibération pour source, la classe manuelle gardée', async () => {
    const f = draft({ '17002': { class: 'tres-fragile', reason: 'départ connu', comment: 'Départ annoncé du seul médecin voisin.' } });
    const r = await cli('adopt', '--territory', 'charente-maritime', '--draft', f, '--deliberation', 'Délibération n° 2026-12-01', '--date', '2026-12-11');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).published).toBe(true);
    const config = JSON.parse(fs.readFileSync(path.join(env.DATA_DIR, 'charente-maritime/zonage.json'), 'utf8'));
    const y = config.years.find((x: { year: number; scheme: string }) => x.year === 2027 && x.scheme === 'cd17');
    expect(y).toMatchObject({ example: false, source: 'Délibération n° 2026-12-01 du 11 décembre 2026 — révision annuelle (méthode cd17-apl v1)' });
    expect(config.years.some((x: { year: number; scheme: string }) => x.year === 2026 && x.scheme === 'cd17')).toBe(true);
    const csv = fs.readFileSync(path.join(env.DATA_DIR, 'charente-maritime', y.file), 'utf8');
    expect(csv).toContain('17002,tres-fragile');
    expect(csv.trim().split('\n')).toHaveLength(463);
  }, 120_000);
});
