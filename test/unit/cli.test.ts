import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe('CLI publish : la même étape que « Télécharger le fichier normalisé », écrite dans data/', () => {
  const run = (env: Record<string, string>, ...args: string[]) => {
    const r = spawnSync('npx', ['tsx', 'scripts/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const setup = () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-'));
    fs.cpSync('data/territories', path.join(tmp, 'territories'), { recursive: true });
    return { tmp, env: { DATA_DIR: path.join(tmp, 'territories'), DATA_OUT: path.join(tmp, 'public') } };
  };

  it('publie un zonage complet : fichier normalisé, année déclarée (non exemple), zonage.json de l\'application reconstruit', () => {
    const { tmp, env } = setup();
    const file = path.join(tmp, 'Zonage ARS 2026.csv');
    // As typed in a spreadsheet: labels, semicolons, an extra column.
    fs.writeFileSync(file, 'Code INSEE;Zone;Commentaire\n49023;ZIP;\n49092;zac;\n49126;Hors zonage;\n49218;zip;\n49244;ZAC;\n49301;hors-zonage;x\n');
    const r = run(env, 'publish', 'zonage', file, '--territory', 'mauges', '--year', '2026', '--profession', 'medecin-generaliste');
    expect(r.err).toContain('publié (6 ligne(s))');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ published: true, read: 6, accepted: 6, rejected: [] });
    const dir = path.join(tmp, 'territories/mauges');
    expect(fs.readFileSync(path.join(dir, 'zonages/medecin-generaliste-2026.csv'), 'utf8')).toBe(
      'code_insee,zone\n49023,zip\n49092,zac\n49126,hors-zonage\n49218,zip\n49244,zac\n49301,hors-zonage\n',
    );
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'zonage.json'), 'utf8'));
    expect(config.$source).toBeTruthy(); // untouched keys survive
    expect(config.years.find((y: { year: number; profession: string }) => y.year === 2026 && y.profession === 'medecin-generaliste')).toEqual({
      year: 2026,
      scheme: 'ars-zip-zac',
      profession: 'medecin-generaliste',
      file: 'zonages/medecin-generaliste-2026.csv',
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      example: false,
      source: 'Fichier importé : Zonage ARS 2026.csv',
    });
    const bundle = JSON.parse(fs.readFileSync(path.join(tmp, 'public/mauges/zonage.json'), 'utf8'));
    const z = bundle.zonages.find((x: { year: number; profession: string }) => x.year === 2026 && x.profession === 'medecin-generaliste');
    expect(z.classes).toEqual({ '49023': 'zip', '49092': 'zac', '49126': 'hors-zonage', '49218': 'zip', '49244': 'zac', '49301': 'hors-zonage' });
    expect(z.example).toBe(false);
  });

  it('refuse un zonage incomplet ou avec des lignes rejetées (rien n\'est écrit), sauf --keep-valid', () => {
    const { tmp, env } = setup();
    const file = path.join(tmp, 'z.csv');
    fs.writeFileSync(file, 'code_insee,zone\n49023,zip\n49092,zzz\n');
    const before = fs.readFileSync(path.join(tmp, 'territories/mauges/zonage.json'), 'utf8');
    const refused = run(env, 'publish', 'zonage', file, '--territory', 'mauges', '--year', '2027');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ published: false, files: [], read: 2, accepted: 1 });
    expect(refused.err).toContain("rien n'est publié : 1 ligne(s) rejetée(s), 5 commune(s) sans classement");
    expect(fs.readFileSync(path.join(tmp, 'territories/mauges/zonage.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(tmp, 'territories/mauges/zonages/medecin-generaliste-2027.csv'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'public'))).toBe(false);

    const kept = run(env, 'publish', 'zonage', file, '--territory', 'mauges', '--year', '2027', '--keep-valid');
    expect(kept.code).toBe(1); // published, but a row was rejected: the exit code still says so
    expect(JSON.parse(kept.out).published).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'territories/mauges/zonages/medecin-generaliste-2027.csv'), 'utf8')).toBe('code_insee,zone\n49023,zip\n');
  });

  it('publie une extraction RPPS (ligne tronquée : refusée, puis lignes valides avec --keep-valid)', () => {
    const { tmp, env } = setup();
    const args = ['publish', 'medecins', 'test/fixtures/PS_LibreAcces_Personne_activite_exemple.txt', '--territory', 'charente-maritime', '--source', 'RPPS, extraction du 2 novembre 2026'];
    expect(run(env, ...args).err).toContain("rien n'est publié : 1 ligne(s) rejetée(s) (--keep-valid publie les lignes valides seules)");
    const r = run(env, ...args, '--keep-valid');
    expect(JSON.parse(r.out)).toMatchObject({ published: true, read: 9, accepted: 4 });
    const config = JSON.parse(fs.readFileSync(path.join(tmp, 'territories/charente-maritime/zonage.json'), 'utf8'));
    expect(config.practitioners).toEqual({ file: 'medecins.csv', example: false, source: 'RPPS, extraction du 2 novembre 2026' });
    const csv = fs.readFileSync(path.join(tmp, 'territories/charente-maritime/medecins.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('code_insee,profession,mode,date_debut,date_fin,rpps,nom');
    expect(csv.trim().split('\n').length - 1).toBe(JSON.parse(r.out).accepted);
  });
});

describe('CLI aides', () => {
  it('toutes les aides pour une commune, une date et un profil ; montant null quand il dépend du profil', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aides-'));
    const profile = path.join(dir, 'kine.json');
    fs.writeFileSync(profile, JSON.stringify({ beneficiary: 'masseur-kinesitherapeute', status: 'collaborateur', firstInstallation: true, cpam: true }));
    const r = cli('aides', '--territory', 'mauges', '--commune', '49092', '--date', '2026-02-01', '--profile', profile);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Array<{ id: string; source: { plan: string; ref: string; quote: string }; eligible: string; amount: number | null; reasons: Array<{ status: string; text: string }> }>;
    expect(out.length).toBe(14);
    const kine = out.find((a) => a.id === 'mauges-installation-kine')!;
    expect(kine.source.ref).toBe('Aide forfaitaire à l\'installation — masseurs-kinésithérapeutes');
    expect(kine.source.quote).toContain('5 000 € si collaboration');
    expect(['yes', 'depends', 'no']).toContain(kine.eligible);
    if (kine.eligible !== 'no') {
      expect(kine.amount).toBeNull(); // « modulé au temps de présence »: presenceShare is missing
      expect(kine.reasons.some((x) => x.status === 'unknown' || x.status === 'met')).toBe(true);
    }
    expect(out.find((a) => a.id === 'mauges-installation-medecin')!.eligible).toBe('no'); // a kiné is not a GP
  });

  it('profil invalide : message français nommant le champ, code 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aides-'));
    const profile = path.join(dir, 'p.json');
    fs.writeFileSync(profile, JSON.stringify({ beneficiary: 'pilote', age: 'vieux' }));
    const r = cli('aides', '--territory', 'charente-maritime', '--commune', '17300', '--date', '2026-02-01', '--profile', profile);
    expect(r.code).toBe(2);
    expect(r.err).toContain('« beneficiary » (bénéficiaire) : valeur « pilote » inconnue');
    expect(r.err).toContain('« age » (âge) : nombre attendu, « vieux » lu');
  });
});
