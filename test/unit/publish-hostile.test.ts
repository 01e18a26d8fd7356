// The staff tools tried as a hostile or careless user would (issue 23): each case was reproduced on a
// fresh clone, and each now refuses with a French message and leaves data/ and public/data/ unchanged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffers, checkOffers, publish, publishArsList } from '../../scripts/publish.ts';
import { restoreBackup } from '../../scripts/lib/commit.ts';
import { listBackups } from '../../scripts/lib/history.ts';
import { acquireLock, LOCK_NAME } from '../../scripts/lib/lock.ts';
import { RejectsFile } from '../../scripts/lib/stream-import.ts';
import { RPPS_HEADER, rppsLine } from '../../scripts/bench-import.ts';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (f.split(path.sep).includes('.historique')) continue;
    const full = path.join(dir, f);
    if (fs.lstatSync(full).isFile()) out[f] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

let tmp: string;
let dataDir: string;
let outDir: string;
const saved = { DATA_DIR: process.env.DATA_DIR, DATA_OUT: process.env.DATA_OUT };
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-hostile-'));
  dataDir = path.join(tmp, 'territories');
  outDir = path.join(tmp, 'public');
  fs.cpSync('data/territories', dataDir, { recursive: true });
  fs.cpSync('public/data', outDir, { recursive: true });
  process.env.DATA_DIR = dataDir;
  process.env.DATA_OUT = outDir;
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  fs.rmSync(tmp, { recursive: true, force: true });
});
const both = () => ({ data: snapshot(dataDir), out: snapshot(outDir) });
const write = (name: string, content: string | Buffer) => {
  const f = path.join(tmp, 'in', name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, content);
  return f;
};
const lines = (f: string) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).length;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);

describe('aucun fichier hors du territoire ne part dans public/', () => {
  const offer = (id: string, photo: string) => ({
    id, commune: '17024', kind: 'logement', title: 'Chambre pour un remplaçant', description: 'Chambre meublée.', professions: ['medecin-generaliste'],
    available: '2026-12-01', expires: '2027-06-30', contact: { name: 'Mairie', phone: '05 46 00 00 09' }, photos: [{ src: photo, alt: 'La chambre' }],
  });

  it('une photo qui est un lien symbolique vers /etc/passwd : refusée par check et accept, rien n’est écrit', () => {
    const f = write('zip/offre.json', JSON.stringify(offer('aulnay-lien', 'photos/cabinet.jpg')));
    fs.mkdirSync(path.join(tmp, 'in/zip/photos'), { recursive: true });
    fs.symlinkSync('/etc/passwd', path.join(tmp, 'in/zip/photos/cabinet.jpg'));
    const [r] = checkOffers('charente-maritime', [f], false).report;
    expect(r.valid).toBe(false);
    expect(r.problems.join(' ')).toMatch(/lien symbolique .* refusé/);
    const before = both();
    expect(acceptOffers('charente-maritime', [f]).written).toEqual([]);
    expect(both()).toEqual(before);
  });

  it('un « .jpg » qui n’est pas une image est refusé à ses premiers octets', () => {
    const f = write('texte/offre.json', JSON.stringify(offer('aulnay-texte', 'photos/cabinet.jpg')));
    write('texte/photos/cabinet.jpg', 'root:x:0:0:root:/root:/bin/bash\n');
    const [r] = checkOffers('charente-maritime', [f], false).report;
    expect(r.problems.join(' ')).toMatch(/ce n'est pas une image JPEG, PNG ou WebP/);
  });

  it('une vraie photo JPEG passe et une sauvegarde n’est faite que de ce qui est remplacé', () => {
    const f = write('ok/offre.json', JSON.stringify(offer('aulnay-ok', 'photos/cabinet.jpg')));
    write('ok/photos/cabinet.jpg', JPEG);
    const r = acceptOffers('charente-maritime', [f]);
    expect(r.report[0].valid).toBe(true);
    expect(fs.readFileSync(path.join(outDir, 'charente-maritime/photos/cabinet.jpg'))).toEqual(JPEG);
  });

  it('un lien symbolique dans data/ : la publication est refusée avant la copie, le vrai fichier garde ses lignes', async () => {
    const real = path.join(tmp, 'ailleurs.csv');
    fs.copyFileSync(path.join(dataDir, 'mauges/pharmacies.csv'), real);
    const link = path.join(dataDir, 'mauges/pharmacies.csv');
    const original = fs.readFileSync(link);
    fs.rmSync(link);
    fs.symlinkSync(real, link);
    try {
      // A zonage: the linked file is not read, only copied by the staging (where a write would go through it).
      const f = write('z.csv', 'code_insee;zone\n49023;zip\n49092;zac\n49126;hors-zonage\n49218;zip\n49244;zac\n49301;hors-zonage\n');
      await expect(publish({ territory: 'mauges', kind: 'zonage', file: f, year: 2029, profession: 'medecin-generaliste', scheme: 'ars-medecin-generaliste', failAt: 'build' })).rejects.toThrow(/un lien symbolique dans .*mauges/);
      expect(lines(real)).toBe(31);
    } finally {
      fs.rmSync(link);
      fs.writeFileSync(link, original);
    }
  });

  it('le fichier à publier lui-même ne peut pas être un lien', async () => {
    const target = write('vrai.csv', 'code_insee,finess,nom\n49023,490000001,A\n');
    const link = path.join(tmp, 'in/lien.csv');
    fs.symlinkSync(target, link);
    await expect(publish({ territory: 'mauges', kind: 'pharmacies', file: link })).rejects.toThrow(/lien symbolique/);
  });
});

describe('une publication à la fois', () => {
  const zonage = () => write('cd17.csv', fs.readFileSync(path.join(dataDir, 'charente-maritime/zonages/medecin-generaliste-2026.csv')));

  it('deux publications lancées ensemble : la seconde est refusée en nommant la première, aucune année n’est perdue', async () => {
    const a = publish({ territory: 'charente-maritime', kind: 'zonage', file: zonage(), year: 2027, profession: 'medecin-generaliste' });
    const b = publish({ territory: 'charente-maritime', kind: 'zonage', file: zonage(), year: 2028, profession: 'medecin-generaliste' });
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status).toBe('fulfilled');
    expect((ra as PromiseFulfilledResult<{ published: boolean }>).value.published).toBe(true);
    expect(rb.status).toBe('rejected');
    expect(String((rb as PromiseRejectedResult).reason.message)).toMatch(/une autre publication est en cours pour ce territoire \(« publish zonage cd17\.csv », processus \d+/);
    const years = (JSON.parse(fs.readFileSync(path.join(dataDir, 'charente-maritime/zonage.json'), 'utf8')) as { years: Array<{ year: number; scheme: string }> }).years;
    expect(years.filter((y) => y.scheme === 'cd17').map((y) => y.year)).toEqual([2025, 2026, 2027]);
    expect(fs.existsSync(path.join(dataDir, 'charente-maritime', LOCK_NAME))).toBe(false);
  });

  it('un fichier lu qui change pendant la publication (modifié à la main) la fait échouer', async () => {
    const { readState, assertUnchanged } = await import('../../scripts/lib/commit.ts');
    const f = path.join(tmp, 'lu.json');
    fs.writeFileSync(f, '{"years":[]}');
    const read = readState([f]);
    expect(() => assertUnchanged(read)).not.toThrow();
    fs.writeFileSync(f, '{"years":[1]}');
    expect(() => assertUnchanged(read)).toThrow(/lu\.json a changé pendant la publication \(modifié à la main \?\) ; relancez-la/);
  });

  it('un verrou laissé par un processus disparu est repris, avec une note', () => {
    const dir = path.join(dataDir, 'mauges');
    fs.writeFileSync(path.join(dir, LOCK_NAME), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), started: new Date().toISOString(), command: 'publish' }));
    const notes: string[] = [];
    const release = acquireLock(dir, 'test', (n) => notes.push(n));
    expect(notes[0]).toMatch(/verrou de publication abandonné repris \(le processus \d+ n'existe plus\)/);
    release();
    expect(fs.existsSync(path.join(dir, LOCK_NAME))).toBe(false);
  });
});

describe('plausibilité avant remplacement', () => {
  it('le registre des médecins publié comme « pharmacies » : refusé, le type qu’il semble avoir est nommé', async () => {
    const before = both();
    const f = write('medecins-as-pharmacies.csv', fs.readFileSync(path.join(dataDir, 'mauges/medecins.csv')));
    await expect(publish({ territory: 'mauges', kind: 'pharmacies', file: f })).rejects.toThrow('medecins-as-pharmacies.csv ressemble à un fichier « medecins »');
    expect(both()).toEqual(before);
  });

  it('une extraction RPPS de 4 lignes ne remplace pas un registre de 377 lignes sans --force ; avec, l’ancien est sauvegardé et restaurable', async () => {
    const registre = path.join(dataDir, 'charente-maritime/medecins.csv');
    const original = fs.readFileSync(registre);
    const f = write('rpps-4.txt', [RPPS_HEADER, ...['17300', '17306', '17004', '17219'].map((c, i) => rppsLine(i * 8, c, true))].join('\n') + '\n');
    const before = both();
    const r = await publish({ territory: 'charente-maritime', kind: 'medecins', file: f });
    expect(r.published).toBe(false);
    expect(r.refused).toMatch(/le fichier publié passe de 377 lignes à 3 \(374 perdues\) ; 27 dates de fin sur 27 disparaîtraient.*--force pour publier quand même/);
    expect(both()).toEqual(before);

    const forced = await publish({ territory: 'charente-maritime', kind: 'medecins', file: f, force: true });
    expect(forced.published).toBe(true);
    expect(lines(registre)).toBeLessThan(10);
    const backup = listBackups(path.join(dataDir, 'charente-maritime')).at(-1)!;
    expect(backup.files).toEqual(['medecins.csv', 'zonage.json']);
    expect(fs.readFileSync(path.join(dataDir, 'charente-maritime/.historique', backup.id, 'medecins.csv'))).toEqual(original);

    restoreBackup('charente-maritime', backup.id);
    expect(fs.readFileSync(registre)).toEqual(original);
  });

  it('republier une année déjà publiée demande --replace', async () => {
    const f = write('cd17-2026.csv', fs.readFileSync(path.join(dataDir, 'charente-maritime/zonages/medecin-generaliste-2026.csv')));
    await expect(publish({ territory: 'charente-maritime', kind: 'zonage', file: f, year: 2026, profession: 'medecin-generaliste' })).rejects.toThrow(/le zonage 2026 de « medecin-generaliste » \(cd17\) est déjà publié .* --replace pour le remplacer/);
    const r = await publish({ territory: 'charente-maritime', kind: 'zonage', file: f, year: 2026, profession: 'medecin-generaliste', replace: true });
    expect(r.published).toBe(true);
  });

  it('un zonage « infirmier » sans --scheme ne remplace pas l’année ARS nationale', async () => {
    const before = both();
    const f = write('inf.csv', 'code_insee;zone\n17300;tres-sous-dote\n');
    await expect(publish({ territory: 'charente-maritime', kind: 'zonage', file: f, year: 2025, profession: 'infirmier' })).rejects.toThrow(/n'a ici que le zonage national de l'ARS \(« ars-infirmier »\)/);
    expect(both()).toEqual(before);
  });

  it.each([[999], [9999], [1999]])('--year %i : refusé (2000–2100 sauf --any-year)', async (year) => {
    const before = both();
    const f = write('z.csv', 'code_insee;zone\n17300;zip\n');
    await expect(publish({ territory: 'charente-maritime', kind: 'zonage', file: f, year, profession: 'medecin-generaliste' })).rejects.toThrow(/année .*(invalide|hors de 2000–2100)/);
    await expect(publishArsList({ territory: 'charente-maritime', file: f, scheme: 'ars-medecin-generaliste', year, validFrom: '2026-01-01', source: 'arrêté' })).rejects.toThrow(/année .*(invalide|hors de 2000–2100)/);
    expect(both()).toEqual(before);
  });
});

describe('dates stockées', () => {
  it('un zonage.json qui déclare validFrom « 999-01-01 » est refusé à la lecture, en nommant le champ', async () => {
    const { parseZonageConfig } = await import('../../src/core/zonage/config.ts');
    const { loadArsSchemes } = await import('../../scripts/lib/inputs.ts');
    const raw = JSON.parse(fs.readFileSync(path.join(dataDir, 'charente-maritime/zonage.json'), 'utf8'));
    const withYear = (y: object) => ({ ...raw, years: [...raw.years, { ...raw.years[0], file: 'zonages/x.csv', ...y }] });
    expect(() => parseZonageConfig(withYear({ year: 999, validFrom: '999-01-01', validUntil: '999-12-31' }), 'zonage.json', loadArsSchemes())).toThrow(/année « 999 » invalide/);
    expect(() => parseZonageConfig(withYear({ year: 2030, validFrom: '999-01-01' }), 'zonage.json', loadArsSchemes())).toThrow(/année 2030 : « validFrom » « 999-01-01 » n'est pas une date AAAA-MM-JJ/);
  });
});

describe('les sorties ne remplacent jamais une entrée', () => {
  it('--rejects qui nomme le fichier lu : refusé avant de le vider', () => {
    const f = write('entree.csv', 'code_insee;zone\n17300;zip\n');
    expect(() => new RejectsFile(f, [f])).toThrow("--rejects " + f + " : c'est aussi un fichier lu par cette commande");
    expect(fs.readFileSync(f, 'utf8')).toBe('code_insee;zone\n17300;zip\n');
  });
  it('--rejects dans data/ : refusé', () => {
    expect(() => new RejectsFile(path.join(dataDir, 'mauges/rejets.csv'), [])).toThrow(/où seules les publications écrivent/);
  });
  it('le fichier des rejets n’apparaît qu’une fois complet', () => {
    const out = path.join(tmp, 'rejets.csv');
    const r = new RejectsFile(out, []);
    r.sink('f')({ line: 2, field: 'zone', message: 'm' });
    expect(fs.existsSync(out)).toBe(false);
    r.close();
    expect(fs.readFileSync(out, 'utf8')).toContain('m');
  });
});
