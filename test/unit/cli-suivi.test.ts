// The `suivi` command: the plan's follow-up as JSON (per fiche, the envelope), and `suivi check` for the
// import report of a register — an XLSX one here, read through the same reader as the CSV.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run.ts';


describe('CLI suivi', () => {
  it('suivi --year 2026 : par fiche indicateur, dossiers par statut, accordé, versé ; enveloppe', async () => {
    const r = await cli('suivi', '--territory', 'charente-maritime', '--year', '2026');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ plan: 'plan-sante-2025', example: true, year: 2026 });
    expect(out.envelope).toMatchObject({ total: 3_047_100, act: 'délibération n° 201 du 10 avril 2025' });
    expect(out.envelope.remaining).toBe(3_047_100 - out.envelope.granted);
    const f8 = out.fiches.find((f: { aid: string }) => f.aid === 'cd17-fiche-08');
    expect(f8.indicators[0]).toMatchObject({ quote: "Nombre de bénéficiaires de l'aide", values: { '2026': expect.any(Number) } });
    expect(Object.keys(f8.byStatus)).toEqual(['recu', 'accorde', 'refuse', 'verse', 'clos', 'remboursement']);
    expect(out.fiches.find((f: { aid: string }) => f.aid === 'cd17-fiche-02').indicators[0].method).toBe('saisi');
    expect(r.err).toContain('69 lignes lues, 69 acceptées, 0 rejetée');
  }, 60_000);

  it('suivi check --register classeur.xlsx : rapport, code 1 quand une ligne est rejetée', async () => {
    const [header, first] = fs.readFileSync('data/territories/mauges/suivi/dossiers-exemple.csv', 'utf8').replace(/^\uFEFF/, '').split('\n');
    const bad = first.split(';');
    bad[0] = 'X-2';
    bad[1] = 'aide-inexistante';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header.split(';'), first.split(';'), bad]), 'Dossiers');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-')), 'registre.xlsx');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = await cli('suivi', 'check', '--territory', 'mauges', '--register', file);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ read: 2, accepted: 1, rejectedCount: 1 });
    expect(report.rejected[0].message).toContain('registre.xlsx, ligne 3, colonne « aide » : aide « aide-inexistante » inconnue');
    expect((await cli('suivi', 'check', '--territory', 'mauges')).err).toContain('--register FICHIER obligatoire');
  }, 60_000);
});
