import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../src/core/format.ts';
import { cli, cliWith, spawnCli } from './cli-run.ts';

describe('CLI', () => {
  it('import : rapport JSON, code de sortie 1 quand une ligne est rejetée', async () => {
    const r = await cli('import', 'zonage', 'test/fixtures/zonage-cp1252-defauts.csv', '--territory', 'charente-maritime', '--year', '2026');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ read: 3, accepted: 2, encoding: 'windows-1252', separator: ';' });
    expect(report.rejected).toEqual([
      { line: 3, field: 'code_insee', message: 'zonage-cp1252-defauts.csv, ligne 3, colonne « code_insee » : code INSEE 99999 inconnu dans ce territoire.' },
    ]);
    expect(r.err).toContain('3 lignes lues, 2 acceptées, 1 rejetée, 0 hors champ');
  });

  it('import --rejects : comptes exacts, 1 000 rejets dans le rapport, la liste complète dans le fichier', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejects-'));
    const file = path.join(dir, 'zonage.csv');
    fs.writeFileSync(file, ['code_insee;zone', ...Array.from({ length: 1200 }, () => '17300;rouge'), '17306;fragile'].join('\r\n'));
    const rejects = path.join(dir, 'rejets.csv');
    const r = await cli('import', 'zonage', file, '--territory', 'charente-maritime', '--rejects', rejects);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ read: 1201, accepted: 1, rejectedCount: 1200, unread: 0, fileErrors: [] });
    expect(report.rejected).toHaveLength(1000);
    const lines = fs.readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1201);
    expect(lines[1200]).toMatch(/^zonage\.csv;1201;zone;/);
  }, 60_000);

  it('import : une erreur du fichier entier est à part, les lignes comptées non lues', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-error-'));
    const file = path.join(dir, 'pharmacies.csv');
    fs.writeFileSync(file, 'insee;nom\n17300;A\n17306;B\n');
    const r = await cli('import', 'pharmacies', file, '--territory', 'charente-maritime');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ read: 2, accepted: 0, rejectedCount: 0, unread: 2, fileErrors: [expect.stringContaining('colonne obligatoire absente : « code_insee »')] });
    expect(r.err).toContain('2 non lues ; 1 erreur de fichier');
  }, 60_000);

  it('zonage : une ligne par commune du territoire, classes de base et effective, raisons', async () => {
    const r = await cli('zonage', '--territory', 'mauges', '--year', '2025', '--profession', 'chirurgien-dentiste', '--date', '2026-01-15');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Array<{ code: string; base: string; effective: string; reasons: string[]; example: boolean }>;
    expect(rows.map((x) => x.code)).toEqual(['49023', '49092', '49126', '49218', '49244', '49301']);
    // The real ARS zonage (cartosante-chirurgiens-dentistes.csv: « 49092;Chemillé-en-Anjou;1_Tres_sous_dotee »).
    expect(rows.find((x) => x.code === '49092')).toMatchObject({ base: 'tres-sous-dotee', effective: 'tres-sous-dotee', example: false });
    for (const row of rows) expect(row.effective).toBe(row.base); // no local rule in Mauges
  });

  it('zonages : chaque zonage avec son schéma, son autorité, ses dates, sa source et « example »', async () => {
    const r = await cli('zonages', '--territory', 'charente-maritime');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(list.map((z) => `${z.scheme} ${z.year}`)).toEqual([
      'cd17 2025', 'cd17 2026', 'ars-medecin-generaliste 2025', 'ars-infirmier 2025', 'ars-chirurgien-dentiste 2025',
      'ars-masseur-kinesitherapeute 2025', 'ars-sage-femme 2025', 'ars-orthophoniste 2025',
    ]);
    expect(list[2]).toMatchObject({ authority: 'ARS Nouvelle-Aquitaine', label: 'Zonage ARS des médecins généralistes', profession: 'medecin-generaliste', validFrom: '2025-05-09', validUntil: '2025-05-09', example: false });
    expect(list[0]).toMatchObject({ authority: 'Département de la Charente-Maritime', example: true });
  });

  it.each([
    // zonmed-medecins-generalistes.csv: « 17500,Agudelle,2_ZAC »
    ['2026-01-15', 'zac', 'dernier zonage connu (en vigueur au 9 mai 2025) ; un arrêté plus récent peut exister'],
    ['2026-03-01', null, "remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée"],
  ])('zonage --scheme ars-medecin-generaliste --date %s : Agudelle effective %s', async (date, effective, status) => {
    const r = await cli('zonage', '--territory', 'charente-maritime', '--scheme', 'ars-medecin-generaliste', '--date', date);
    expect(r.code).toBe(0);
    const agudelle = (JSON.parse(r.out) as Array<{ code: string; base: string; baseLabel: string; effective: string | null; reasons: string[]; example: boolean }>).find((x) => x.code === '17002')!;
    expect(agudelle).toMatchObject({ base: 'zac', baseLabel: "Zone d'action complémentaire (ZAC)", effective, example: false });
    expect(agudelle.reasons[0]).toBe(`Zonage ARS des médecins généralistes 2025 : ${status}.`);
  }, 30_000);

  it('zonage sans --year ni --scheme : le zonage départemental en vigueur d\'abord', async () => {
    const r = await cli('zonage', '--territory', 'charente-maritime', '--date', '2026-06-01');
    const rows = JSON.parse(r.out) as Array<{ source: string; example: boolean }>;
    expect(rows.length).toBe(462);
    expect(rows[0]).toMatchObject({ example: true });
  }, 30_000);

  it('erreur d\'usage : message français, code 2', async () => {
    const r = await cli('zonage', '--territory', 'nulle-part', '--year', '2026');
    expect(r.code).toBe(2);
    expect(r.err).toContain('territoire inconnu « nulle-part »');
  });
});

describe('CLI publish : la même étape que « Télécharger le fichier normalisé », écrite dans data/', () => {
  const run = cliWith;
  const setup = () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-'));
    fs.cpSync('data/territories', path.join(tmp, 'territories'), { recursive: true });
    return { tmp, env: { DATA_DIR: path.join(tmp, 'territories'), DATA_OUT: path.join(tmp, 'public') } };
  };

  it('publie un zonage complet : fichier normalisé, année déclarée (non exemple), zonage.json de l\'application reconstruit', async () => {
    const { tmp, env } = setup();
    // Mauges has only the national ARS layers: a plain zonage there is refused (an ARS list names --scheme).
    const six = path.join(tmp, 'Zonage ARS 2026.csv');
    fs.writeFileSync(six, 'Code INSEE;Zone\n49023;ZIP\n49092;zac\n49126;Hors zonage\n49218;zip\n49244;ZAC\n49301;hors-zonage\n');
    const ars = (await run(env, 'publish', 'zonage', six, '--territory', 'mauges', '--year', '2026', '--profession', 'medecin-generaliste'));
    expect(ars.code).toBe(2);
    expect(ars.err).toContain("n'a ici que le zonage national de l'ARS (« ars-medecin-generaliste »)");
    expect(fs.existsSync(path.join(tmp, 'territories/mauges/zonages/medecin-generaliste-2026.csv'))).toBe(false);

    // The département's own zonage, as typed in a spreadsheet: labels, semicolons, an extra column.
    const rows = fs.readFileSync('data/territories/charente-maritime/zonages/medecin-generaliste-2026.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const file = path.join(tmp, 'Zonage CD17 2027.csv');
    fs.writeFileSync(file, `Code INSEE;Zone;Commentaire\n${rows.map(([c, z]) => `${c};${z};`).join('\n')}\n`);
    const r = (await run(env, 'publish', 'zonage', file, '--territory', 'charente-maritime', '--year', '2027', '--profession', 'medecin-generaliste'));
    expect(r.err).toContain(`publié (${formatInteger(rows.length)} lignes)`);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ published: true, read: rows.length, accepted: rows.length, rejected: [] });
    const dir = path.join(tmp, 'territories/charente-maritime');
    expect(fs.readFileSync(path.join(dir, 'zonages/medecin-generaliste-2027.csv'), 'utf8')).toBe(`code_insee,zone\n${rows.map((x) => x.join(',')).join('\n')}\n`);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'zonage.json'), 'utf8'));
    expect(config.$source).toBeTruthy(); // untouched keys survive
    expect(config.years.find((y: { year: number; profession: string }) => y.year === 2027 && y.profession === 'medecin-generaliste')).toEqual({
      year: 2027,
      scheme: 'cd17',
      profession: 'medecin-generaliste',
      file: 'zonages/medecin-generaliste-2027.csv',
      validFrom: '2027-01-01',
      validUntil: '2027-12-31',
      example: false,
      source: 'Fichier importé : Zonage CD17 2027.csv',
    });
    const bundle = JSON.parse(fs.readFileSync(path.join(tmp, 'public/charente-maritime/zonage.json'), 'utf8'));
    const z = bundle.zonages.find((x: { year: number; scheme: string }) => x.year === 2027 && x.scheme === 'cd17');
    expect(z.classes).toEqual(Object.fromEntries(rows));
    expect(z.example).toBe(false);
    // Published again: refused without --replace, which keeps the replaced files in .historique/.
    expect((await run(env, 'publish', 'zonage', file, '--territory', 'charente-maritime', '--year', '2027')).err).toContain('est déjà publié');
    expect((await run(env, 'publish', 'zonage', file, '--territory', 'charente-maritime', '--year', '2027', '--replace', '--source', 'Nouvelle source')).code).toBe(0);
    const history = (await run(env, 'history', '--territory', 'charente-maritime'));
    expect(JSON.parse(history.out).at(-1)).toMatchObject({ files: ['zonage.json'], command: 'publish zonage Zonage CD17 2027.csv' });
  });

  it('refuse un zonage incomplet ou avec des lignes rejetées (rien n\'est écrit), sauf --keep-valid', async () => {
    const { tmp, env } = setup();
    const file = path.join(tmp, 'z.csv');
    fs.writeFileSync(file, 'code_insee,zone\n17300,fragile\n17306,zzz\n');
    const total = fs.readFileSync('data/territories/charente-maritime/zonages/medecin-generaliste-2026.csv', 'utf8').trim().split('\n').length - 1;
    const before = fs.readFileSync(path.join(tmp, 'territories/charente-maritime/zonage.json'), 'utf8');
    const refused = (await run(env, 'publish', 'zonage', file, '--territory', 'charente-maritime', '--year', '2027'));
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ published: false, files: [], read: 2, accepted: 1 });
    expect(refused.err).toContain(`rien n'est publié : 1 ligne rejetée, ${formatInteger(total - 1)} communes sans classement`);
    expect(fs.readFileSync(path.join(tmp, 'territories/charente-maritime/zonage.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(tmp, 'territories/charente-maritime/zonages/medecin-generaliste-2027.csv'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'public'))).toBe(false);

    const kept = (await run(env, 'publish', 'zonage', file, '--territory', 'charente-maritime', '--year', '2027', '--keep-valid'));
    expect(kept.code).toBe(1); // published, but a row was rejected: the exit code still says so
    expect(JSON.parse(kept.out).published).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'territories/charente-maritime/zonages/medecin-generaliste-2027.csv'), 'utf8')).toBe('code_insee,zone\n17300,fragile\n');
  });

  it('publie une extraction RPPS (ligne tronquée : refusée, puis lignes valides avec --keep-valid)', async () => {
    const { tmp, env } = setup();
    const args = ['publish', 'medecins', 'test/fixtures/PS_LibreAcces_Personne_activite_exemple.txt', '--territory', 'charente-maritime', '--source', 'RPPS, extraction du 2 novembre 2026'];
    expect((await run(env, ...args)).err).toContain("rien n'est publié : 1 ligne rejetée (--keep-valid publie les lignes valides seules)");
    // 4 rows would replace a register of 377 and its end dates: refused, then published with --force.
    const shrink = (await run(env, ...args, '--keep-valid'));
    expect(JSON.parse(shrink.out)).toMatchObject({ published: false });
    expect(shrink.err).toContain('le fichier publié passe de 377 lignes à 4 (373 perdues)');
    const r = (await run(env, ...args, '--keep-valid', '--force'));
    expect(JSON.parse(r.out)).toMatchObject({ published: true, read: 9, accepted: 4 });
    const config = JSON.parse(fs.readFileSync(path.join(tmp, 'territories/charente-maritime/zonage.json'), 'utf8'));
    expect(config.practitioners).toEqual({ file: 'medecins.csv', example: false, source: 'RPPS, extraction du 2 novembre 2026' });
    const csv = fs.readFileSync(path.join(tmp, 'territories/charente-maritime/medecins.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('code_insee,profession,mode,date_debut,date_fin,rpps,nom');
    expect(csv.trim().split('\n').length - 1).toBe(JSON.parse(r.out).accepted);
  });
});

describe('CLI aides', () => {
  it('toutes les aides pour une commune, une date et un profil ; montant null quand il dépend du profil', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aides-'));
    const profile = path.join(dir, 'kine.json');
    fs.writeFileSync(profile, JSON.stringify({ beneficiary: 'masseur-kinesitherapeute', status: 'collaborateur', firstInstallation: true, cpam: true }));
    const r = await cli('aides', '--territory', 'mauges', '--commune', '49092', '--date', '2026-02-01', '--profile', profile);
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

  it('profil invalide : message français nommant le champ, code 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aides-'));
    const profile = path.join(dir, 'p.json');
    fs.writeFileSync(profile, JSON.stringify({ beneficiary: 'pilote', age: 'vieux' }));
    const r = await cli('aides', '--territory', 'charente-maritime', '--commune', '17300', '--date', '2026-02-01', '--profile', profile);
    expect(r.code).toBe(2);
    expect(r.err).toContain('« beneficiary » (bénéficiaire) : valeur « pilote » inconnue');
    expect(r.err).toContain('« age » (âge) : nombre attendu, « vieux » lu');
  });
});

describe('CLI movements : deux extractions (RPPS puis CSV du projet) et mouvements déclarés', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mouvements-'));
  const later = path.join(dir, 'medecins-2026-07.csv');
  fs.writeFileSync(
    later,
    [
      'code_insee,profession,mode,date_debut,date_fin,rpps,nom',
      '17300,medecin-generaliste,liberal,,,10000000001,', // unchanged
      '17306,medecin-generaliste,liberal,,,10000000002,', // salarié → libéral
      '17219,medecin-generaliste,liberal,,,10000000006,', // 17189 in the RPPS file: merged commune, not a move
      '17028,medecin-generaliste,liberal,,,10000000009,', // new
      // 10000000004, chirurgien-dentiste at 17300: gone
    ].join('\n') + '\n',
  );
  const declared = path.join(dir, 'mouvements.csv');
  fs.writeFileSync(declared, 'date,type,code_insee,profession,mode,rpps,nom\n2026-03-31,cessation,17300,chirurgien-dentiste,liberal,10000000004,\n2026-04-15,cessation,17300,medecin-generaliste,liberal,10000000001,\n');
  const args = ['movements', '--territory', 'charente-maritime', '--from', 'test/fixtures/PS_LibreAcces_Personne_activite_exemple.txt', '--from-date', '2026-01-01', '--to', later, '--to-date', '2026-07-01'];

  it('JSON [{type, date, commune, profession, mode, rpps}] ; un changement de mode est une cessation et une installation', async () => {
    const r = await cli(...args);
    const out = JSON.parse(r.out) as Array<Record<string, string>>;
    expect(out.map((m) => `${m.type} ${m.rpps} ${m.commune} ${m.profession} ${m.mode} ${m.date}`).sort()).toEqual([
      'cessation 10000000002 17306 medecin-generaliste salarie 2026-06-30',
      'cessation 10000000004 17300 chirurgien-dentiste liberal 2026-06-30',
      'installation 10000000002 17306 medecin-generaliste liberal 2026-07-01',
      'installation 10000000009 17028 medecin-generaliste liberal 2026-07-01',
    ]);
    expect(r.err).toContain('2 installations, 2 cessations entre le 2026-01-01 et le 2026-07-01');
    // The RPPS file has one row rejected (see the import test): exit code 1, rows kept.
    expect(r.code).toBe(1);
  });

  it('avec les mouvements déclarés : le doublon compte une fois (date déclarée), la contradiction est signalée', async () => {
    const r = await cli(...args, '--mouvements-file', declared);
    const out = JSON.parse(r.out) as Array<Record<string, string>>;
    expect(out.filter((m) => m.rpps === '10000000004')).toEqual([
      { type: 'cessation', date: '2026-03-31', commune: '17300', profession: 'chirurgien-dentiste', mode: 'liberal', rpps: '10000000004', cause: 'depart', source: 'declaration' },
    ]);
    expect(out).toHaveLength(5);
    expect(r.err).toContain('1 mouvement déclaré déjà vu dans les extractions, compté une fois.');
    expect(r.err).toContain('conflit : Mouvement déclaré (ligne 3) : cessation de 10000000001 à 17300 le 2026-04-15, mais ce praticien figure encore dans medecins-2026-07.csv (2026-07-01).');
  });

  it('sans extraction : les mouvements du territoire (registre et déclarés) ; la règle lit les comptes réels, pas ces mouvements d’exemple', async () => {
    const r = await cli('movements', '--territory', 'charente-maritime');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Array<Record<string, string>>;
    expect(out.some((m) => m.source === 'declaration' && m.commune === '17008' && m.type === 'cessation')).toBe(true);
    expect(r.err).toContain('1 mouvement déclaré figurant déjà dans le registre, compté une fois.');
    // The example movements no longer feed the rule (issue 24): it reads the real counts at their date.
    // Andilly (17008): 3 GPs in the RPPS of 7 April 2026, so its fictitious cessation changes nothing;
    // Marsais (17221): 1 pharmacy, no GP, base non prioritaire → fragile, the counts and dates said.
    const zonage = JSON.parse((await cli('zonage', '--territory', 'charente-maritime', '--year', '2026', '--date', '2026-06-01')).out) as Array<{ code: string; effective: string; reasons: string[] }>;
    expect(zonage.find((c) => c.code === '17008')!.effective).toBe('intermediaire');
    const marsais = zonage.find((c) => c.code === '17221')!;
    expect(marsais.effective).toBe('fragile');
    expect(marsais.reasons.join(' ')).toContain('1 pharmacie (FINESS du 27 septembre 2026, compilation tierce), aucun médecin généraliste (RPPS du 7 avril 2026)');
    const before = JSON.parse((await cli('zonage', '--territory', 'charente-maritime', '--year', '2026', '--date', '2026-03-02')).out) as typeof zonage;
    expect(before.find((c) => c.code === '17008')!.effective).toBe('intermediaire');
  }, 30_000);

  it('dates manquantes ou illisibles : message, code 2', async () => {
    const r = await cli('movements', '--territory', 'charente-maritime', '--from', later, '--to', later, '--from-date', '2026-13-01', '--to-date', '2026-07-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain("option --from-date : « 2026-13-01 » n'est pas une date AAAA-MM-JJ.");
  });
});

describe('CLI offers : relire puis accepter les offres envoyées par les mairies (fiche 2)', () => {
  const run = cliWith;
  const offer = {
    id: 'aulnay-logement-remplacant',
    commune: '17024',
    kind: 'logement',
    title: 'Chambre pour un remplaçant',
    description: 'Chambre meublée chez l\'habitant, <b>calme</b>.',
    professions: ['medecin-generaliste'],
    available: '2026-12-01',
    expires: '2027-06-30',
    contact: { name: 'Mairie', phone: '05 46 00 00 09' },
  };

  it('check puis accept : le fichier rejoint data/…/offres/ et public/data/…/offres.json est reconstruit ; un fichier invalide bloque tout', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'offres-'));
    fs.cpSync('data/territories', path.join(tmp, 'territories'), { recursive: true });
    const env = { DATA_DIR: path.join(tmp, 'territories'), DATA_OUT: path.join(tmp, 'public') };
    const good = path.join(tmp, 'bonne.json');
    const bad = path.join(tmp, 'mauvaise.json');
    fs.writeFileSync(good, JSON.stringify(offer));
    fs.writeFileSync(bad, JSON.stringify({ ...offer, id: 'autre', links: [{ label: 'x', url: 'javascript:alert(1)' }], expires: '2027-02-30' }));

    const checked = await run(env, 'offers', 'check', good, bad, '--territory', 'charente-maritime');
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.out) as Array<{ file: string; valid: boolean; problems: string[] }>;
    expect(report.map((r) => [r.file, r.valid])).toEqual([['bonne.json', true], ['mauvaise.json', false]]);
    expect(report[1].problems).toEqual([
      'mauvaise.json, champ « expires » : date « 2027-02-30 » impossible (attendu AAAA-MM-JJ).',
      'mauvaise.json, champ « links[0].url » : « javascript:alert(1) » refusé : seuls les liens http(s), mailto et tel sont permis.',
    ]);
    const refused = await run(env, 'offers', 'accept', good, bad, '--territory', 'charente-maritime');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("Rien n'est écrit");
    expect(fs.existsSync(path.join(tmp, 'territories/charente-maritime/offres/aulnay-logement-remplacant.json'))).toBe(false);

    const accepted = await run(env, 'offers', 'accept', good, '--territory', 'charente-maritime');
    expect(accepted.code).toBe(0);
    const stored = JSON.parse(fs.readFileSync(path.join(tmp, 'territories/charente-maritime/offres/aulnay-logement-remplacant.json'), 'utf8'));
    expect(stored).toMatchObject({ id: 'aulnay-logement-remplacant', example: false, description: offer.description });
    const published = JSON.parse(fs.readFileSync(path.join(tmp, 'public/charente-maritime/offres.json'), 'utf8')) as { offers: Array<{ id: string }> };
    expect(published.offers.map((o) => o.id)).toContain('aulnay-logement-remplacant');
    // 3 offers already there, 1 of them expired (left out of the public file with its contacts), plus this one.
    expect(published.offers).toHaveLength(3);
    expect(published.offers.map((o) => o.id)).not.toContain('archiac-vie-locale');
    // Accepting the same offer again would replace it: refused without --replace.
    expect((await run(env, 'offers', 'accept', good, '--territory', 'charente-maritime')).err).toContain('existe déjà (--replace pour la remplacer)');
  }, 60_000);
});

// The rest run the commands in process (test/unit/cli-run.ts); these two start the program itself.
describe('CLI, le programme (npx tsx scripts/cli.ts)', () => {
  it('JSON sur stdout, code 0', () => {
    const r = spawnCli({}, 'zonages', '--territory', 'mauges', '--date', '2026-01-15');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Array<{ scheme: string }>).map((z) => z.scheme)).toContain('ars-chirurgien-dentiste');
  }, 60_000);

  it('DATA_DIR choisit les données ; une erreur : message français sur stderr, code 2', () => {
    const r = spawnCli(dataCopyOf('mauges'), 'zonages', '--territory', 'charente-maritime');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('Erreur : territoire inconnu « charente-maritime » ; territoires : mauges.\n');
  }, 60_000);

  it('commande inconnue : les commandes listées, code 2', async () => {
    const r = await cli('inconnue');
    expect(r.code).toBe(2);
    expect(r.err).toBe('Erreur : commande inconnue « inconnue » : import, zonages, zonage, aides, movements, offers, publish, suivi, revision, indicateurs, history ou zonages-nationaux.\n');
  });
});

/** A copy of one territory's data only: another territory is then unknown to the program. */
function dataCopyOf(territory: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-program-'));
  fs.cpSync(path.join('data/territories', territory), path.join(tmp, territory), { recursive: true });
  return { DATA_DIR: tmp, DATA_OUT: path.join(tmp, 'public') };
}
