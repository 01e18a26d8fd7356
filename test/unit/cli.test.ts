import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => {
  const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('CLI', () => {
  it('import : rapport JSON, code de sortie 1 quand une ligne est rejetée', () => {
    const r = cli('import', 'zonage', 'test/fixtures/zonage-cp1252-defauts.csv', '--territory', 'charente-maritime', '--year', '2026');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ read: 3, accepted: 2, encoding: 'windows-1252', separator: ';' });
    expect(report.rejected).toEqual([
      { line: 3, field: 'code_insee', message: 'zonage-cp1252-defauts.csv, ligne 3, colonne « code_insee » : code INSEE 99999 inconnu dans ce territoire.' },
    ]);
    expect(r.err).toContain('3 ligne(s) lue(s), 2 acceptée(s), 1 rejetée(s), 0 hors champ');
  });

  it('zonage : une ligne par commune du territoire, classes de base et effective, raisons', () => {
    const r = cli('zonage', '--territory', 'mauges', '--year', '2025', '--profession', 'chirurgien-dentiste', '--date', '2026-01-15');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Array<{ code: string; base: string; effective: string; reasons: string[] }>;
    expect(rows.map((x) => x.code)).toEqual(['49023', '49092', '49126', '49218', '49244', '49301']);
    for (const row of rows) {
      expect(['zip', 'zac', 'hors-zonage']).toContain(row.effective);
      expect(row.effective).toBe(row.base); // no local rule in Mauges
    }
  });

  it('erreur d\'usage : message français, code 2', () => {
    const r = cli('zonage', '--territory', 'nulle-part', '--year', '2026');
    expect(r.code).toBe(2);
    expect(r.err).toContain('territoire inconnu « nulle-part »');
  });
});
