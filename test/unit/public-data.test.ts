// Personal data never reaches the public site (issue 23): every name and RPPS number of the registers and
// declared movements, and the contacts of expired offers, are looked for in public/data/ and in dist/
// (when built); the public bundle leaves out movements and dates after the build's day.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { publicBundle } from '../../src/core/zonage/public-bundle.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { parisToday } from '../../src/core/dates.ts';

const territories = fs.readdirSync('data/territories').filter((d) => fs.existsSync(`data/territories/${d}/territory.json`));
const csvRows = (f: string) => (fs.existsSync(f) ? (Papa.parse<Record<string, string>>(fs.readFileSync(f, 'utf8'), { header: true, skipEmptyLines: true }).data) : []);

/** What must not be published: names and RPPS numbers, contacts of expired offers. */
function secrets(): string[] {
  const out = new Set<string>();
  for (const t of territories) {
    for (const file of ['medecins.csv', 'mouvements.csv']) {
      for (const r of csvRows(`data/territories/${t}/${file}`)) {
        if (r.rpps) out.add(r.rpps);
        if (r.nom) out.add(r.nom);
      }
    }
    const dir = `data/territories/${t}/offres`;
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter((x) => x.endsWith('.json')) : []) {
      const o = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id: string; expires: string; contact: Record<string, string> };
      if (o.expires < parisToday()) for (const v of [o.id, o.contact.email, o.contact.phone]) if (v) out.add(v);
    }
  }
  return [...out];
}

const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile() && !/\.(pmtiles|png|jpe?g|webp|woff2?)$/.test(f)) : []);

describe('aucune donnée personnelle sur le site public', () => {
  const all = secrets();
  it('les registres d’exemple ont bien des noms et numéros RPPS à chercher (le témoin)', () => {
    expect(all.filter((s) => /^\d{11}$/.test(s)).length).toBeGreaterThan(100);
    expect(all.some((s) => s.startsWith('Praticien exemple'))).toBe(true);
    expect(all).toContain('05 46 00 00 02'); // the expired offer of Archiac
  });
  it.each(['public/data', 'dist'])('%s/ ne contient aucun nom, numéro RPPS ni contact d’offre expirée', (root) => {
    const found: string[] = [];
    for (const f of filesUnder(root)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const s of all) if (text.includes(s)) found.push(`${f} : ${s}`);
      if (found.length > 20) break;
    }
    expect(found).toEqual([]);
  });
});

describe('publicBundle', () => {
  const mv = (date: string, extra: object = {}) => ({ type: 'cessation' as const, date, commune: '17300', profession: 'medecin-generaliste', mode: 'liberal' as const, rpps: '10000000001', nom: 'Dupont', cause: 'depart' as const, source: 'declaration' as const, line: 3, ...extra });
  const bundle = {
    territory: 't', schemes: [], rules: [], zonages: [],
    practitioners: { file: 'm.csv', example: false, source: 's', rows: [
      { commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: '2020-01-01', end: '2027-03-31', rpps: '10000000001', nom: 'Dupont' },
      { commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: '2027-05-01', end: null, rpps: '10000000002', nom: 'Durand' },
      { commune: '17300', profession: 'medecin-generaliste', mode: 'salarie', start: null, end: '2026-01-31' },
    ] },
    pharmacies: { file: 'p.csv', example: false, source: 's', rows: [] },
    movements: { declared: null, duplicates: 0, rows: [mv('2026-01-31'), mv('2027-03-31')], notes: ['cessation de 10000000001 à 17300 le 2026-01-31', 'cessation à 17300 le 2027-03-31 sans praticien'] },
  } as unknown as ZonageBundle;
  const p = publicBundle(bundle, '2026-12-04');
  it('sans nom ni RPPS, sans mouvement ni date postérieurs au jour de la construction', () => {
    expect(p.practitioners.rows).toEqual([
      { commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: '2020-01-01', end: null },
      { commune: '17300', profession: 'medecin-generaliste', mode: 'salarie', start: null, end: '2026-01-31' },
    ]);
    expect(p.movements.rows).toEqual([{ type: 'cessation', date: '2026-01-31', commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', cause: 'depart', source: 'declaration' }]);
    expect(p.movements.notes).toEqual(['cessation de un praticien à 17300 le 2026-01-31']);
  });
});
