// Publishing is atomic: a failure injected at each step leaves data/ and public/data/ byte-identical;
// what the import accepts, publishing accepts; what it refuses, nothing is written for.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptOffers, checkOffers, publish, publishArsList } from '../../scripts/publish.ts';
import { loadCog, loadTerritories } from '../../scripts/lib/inputs.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { resolvePaths, setPaths } from '../../scripts/lib/paths.ts';

/** Every file under a folder with the SHA-256 of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (f.split(path.sep).includes('.historique')) continue; // backups: checked apart
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) out[f] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

let tmp: string;
let dataDir: string;
let outDir: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-atomic-'));
  dataDir = path.join(tmp, 'territories');
  outDir = path.join(tmp, 'public');
  fs.cpSync('data/territories', dataDir, { recursive: true });
  fs.cpSync('public/data', outDir, { recursive: true });
  setPaths(resolvePaths({ ...process.env, DATA_DIR: dataDir, DATA_OUT: outDir }));
  // A temporary folder of this file's own for the publications' staging folders: the tests below check
  // that none is left behind, which another file publishing at the same time would otherwise falsify.
  fs.mkdirSync(path.join(tmp, 'os-tmp'));
  vi.stubEnv('TMPDIR', path.join(tmp, 'os-tmp'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  setPaths(undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const zonageFile = () => {
  const f = path.join(tmp, 'zonage-2027.csv');
  fs.writeFileSync(f, 'code_insee;zone\n49023;zip\n49092;zac\n49126;hors-zonage\n49218;zip\n49244;zac\n49301;hors-zonage\n');
  return f;
};
// Mauges has only the ARS layers: a zonage published there names its scheme.
const base = () => ({ territory: 'mauges', kind: 'zonage' as const, file: zonageFile(), year: 2027, profession: 'medecin-generaliste', scheme: 'ars-medecin-generaliste' });
const both = () => ({ data: snapshot(dataDir), out: snapshot(outDir) });
/** The first bytes of a JPEG: photos are checked by signature. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);

describe('publication atomique : un échec à chaque étape laisse data/ et public/data/ identiques octet pour octet', () => {
  it.each(['import', 'stage', 'write', 'build', 'write:1', 'write:2', 'write:3', 'rename:1', 'rename:2', 'rename:3'])('échec à l’étape « %s »', async (step) => {
    const before = both();
    await expect(publish({ ...base(), failAt: step })).rejects.toThrow(`échec simulé à l'étape « ${step} »`);
    expect(both()).toEqual(before);
    expect(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('publication-') && fs.existsSync(path.join(os.tmpdir(), d, 'mauges')))).toEqual([]);
  });

  it('sans échec, les trois fichiers changent ensemble (le témoin des cas ci-dessus)', async () => {
    const before = both();
    const r = await publish(base());
    expect(r.published).toBe(true);
    const after = both();
    expect(Object.keys(after.data).filter((f) => after.data[f] !== before.data[f]).sort()).toEqual(['mauges/zonage.json', 'mauges/zonages/medecin-generaliste-2027.csv']);
    expect(Object.keys(after.out).filter((f) => after.out[f] !== before.out[f])).toEqual(['mauges/zonage.json']);
  });

  it.each([
    ['un numéro FINESS lu deux fois', 'pharmacies', 'pharmacies.csv', 'code_insee,finess,nom\n49023,490000001,A\n49092,490000001,B\n', /1 ligne rejetée/],
    ['un identifiant RPPS invalide', 'medecins', 'medecins.csv', 'code_insee;profession;mode;date_debut;date_fin;rpps\n49023;medecin-generaliste;liberal;2020-01-01;;123\n49092;medecin-generaliste;liberal;2020-01-01;;10000000001\n', /1 ligne rejetée/],
    ['une colonne obligatoire absente', 'pharmacies', 'pharmacies.csv', 'insee,nom\n49023,A\n', /1 erreur de fichier/],
    ['un fichier vide', 'medecins', 'vide.csv', '', /1 erreur de fichier/],
  ] as const)('%s : refusé à l’import comme à la publication, rien n’est écrit', async (_name, kind, file, text, refused) => {
    const f = path.join(tmp, file);
    fs.writeFileSync(f, text);
    const before = both();
    const r = await publish({ territory: 'mauges', kind, file: f, keepValid: false });
    expect(r.published).toBe(false);
    expect(r.refused).toMatch(refused);
    expect(both()).toEqual(before);
  });

  it('un autre zonage que celui du territoire nommé par --scheme : refusé avant tout', async () => {
    const before = both();
    await expect(publish({ ...base(), scheme: 'cd17' })).rejects.toThrow('le zonage de « medecin-generaliste » publié ici est « ars-medecin-generaliste », pas « cd17 »');
    expect(both()).toEqual(before);
  });

  it.each([['2027-02-30'], ['2027-13-01'], ['demain']])('--valid-from %s impossible : refusé avant tout', async (d) => {
    const before = both();
    await expect(publish({ ...base(), validFrom: d })).rejects.toThrow(`date « ${d} » impossible`);
    expect(both()).toEqual(before);
  });
});

describe('offres acceptées de façon atomique ; ce que « check » accepte, « accept » l’accepte', () => {
  const offer = (id: string, extra: object = {}) => ({
    id, commune: '17024', kind: 'logement', title: 'Chambre pour un remplaçant', description: 'Chambre meublée.',
    professions: ['medecin-generaliste'], available: '2026-12-01', expires: '2027-06-30', contact: { name: 'Mairie', phone: '05 46 00 00 09' }, ...extra,
  });
  const write = (name: string, o: object) => {
    const f = path.join(tmp, 'envoi', name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, JSON.stringify(o));
    return f;
  };

  it.each(['stage', 'write', 'build', 'write:1', 'write:2', 'write:3', 'rename:1', 'rename:2', 'rename:3'])('échec à l’étape « %s » : rien ne change', (step) => {
    fs.mkdirSync(path.join(tmp, 'envoi/photos'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'envoi/photos/chambre.jpg'), JPEG);
    const f = write('a.json', offer('aulnay-chambre', { photos: [{ src: 'photos/chambre.jpg', alt: 'La chambre' }] }));
    const before = both();
    expect(() => acceptOffers('charente-maritime', [f], { failAt: step })).toThrow(`échec simulé à l'étape « ${step} »`);
    expect(both()).toEqual(before);
  });

  it('sans échec : l’offre, sa photo, offres.json et la photo publiée changent ensemble', () => {
    const f = path.join(tmp, 'envoi/a.json');
    const before = both();
    const r = acceptOffers('charente-maritime', [f]);
    expect(r.report).toEqual([{ file: 'a.json', id: 'aulnay-chambre', valid: true, problems: [] }]);
    const after = both();
    expect(Object.keys(after.data).filter((k) => after.data[k] !== before.data[k]).sort()).toEqual(['charente-maritime/offres/aulnay-chambre.json', 'charente-maritime/offres/photos/chambre.jpg']);
    expect(Object.keys(after.out).filter((k) => after.out[k] !== before.out[k]).sort()).toEqual(['charente-maritime/offres.json', 'charente-maritime/photos/chambre.jpg']);
  });

  it('deux offres du même identifiant dans un lot : toutes deux refusées, par check comme par accept', () => {
    const a = write('un.json', offer('aulnay-double'));
    const b = write('deux.json', offer('aulnay-double', { title: 'Autre' }));
    const checked = checkOffers('charente-maritime', [a, b], false).report;
    expect(checked.map((r) => r.valid)).toEqual([false, false]);
    expect(checked[0].problems).toContainEqual(expect.stringContaining('même identifiant « aulnay-double » que deux.json dans ce lot'));
    const before = both();
    expect(acceptOffers('charente-maritime', [a, b]).written).toEqual([]);
    expect(both()).toEqual(before);
  });

  it('une photo absente est refusée dès check (elle ne l’était qu’à la construction)', () => {
    const f = write('sans-photo.json', offer('aulnay-sans-photo', { photos: [{ src: 'photos/absente.jpg', alt: 'x' }] }));
    const [r] = checkOffers('charente-maritime', [f], false).report;
    expect(r.problems).toEqual([expect.stringContaining('photos/absente.jpg introuvable')]);
  });
});

describe('nouvelle liste ARS publiée de façon atomique : un échec à chaque étape ne change rien', () => {
  const by = "arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine";
  /** A CartoSanté export of the territory's real communes (built here: no source file is committed). */
  const list = (extra: string[] = []) => {
    const communes = territoryCommunes(loadCog(), loadTerritories().find((t) => t.id === 'charente-maritime')!);
    const f = path.join(tmp, 'arrete-na.csv');
    const rows = communes.map((c, i) => `${c.code};${c.nom};${['1_ZIP', '2_ZAC', '3_HZ'][i % 3]}`);
    fs.writeFileSync(f, ['CartoSanté; ;', 'Référentiel géographique : France par commune et arrondissement mun.; ;', 'Code;Libellé;Zonage médecins', ...rows, '16015;Angoulême;1_ZIP', ...extra].join('\r\n'));
    return f;
  };
  const ars = (extra?: string[]) => ({ territory: 'charente-maritime', file: list(extra), scheme: 'ars-medecin-generaliste', year: 2026, validFrom: '2026-02-03', source: by });

  it.each(['import', 'stage', 'write', 'build', 'write:1', 'write:2', 'write:3', 'rename:1', 'rename:2', 'rename:3'])('échec à l’étape « %s »', async (step) => {
    const before = both();
    await expect(publishArsList({ ...ars(), failAt: step })).rejects.toThrow(`échec simulé à l'étape « ${step} »`);
    expect(both()).toEqual(before);
    expect(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('publication-') && fs.existsSync(path.join(os.tmpdir(), d, 'charente-maritime')))).toEqual([]);
  });

  it.each([
    ['une ligne rejetée', ['17999;Nulle part;2_ZAC'], /rien n'est publié : 1 ligne rejetée \(--keep-valid/],
    ['une commune du territoire absente', ['17300;La Rochelle;1_ZIP', '17300;La Rochelle;2_ZAC'], /1 commune du territoire absente de la liste/],
  ])('%s : refusée, rien n’est écrit', async (_name, extra, refused) => {
    const before = both();
    const r = await publishArsList(ars(extra));
    expect(r.published).toBe(false);
    expect(r.refused).toMatch(refused);
    expect(both()).toEqual(before);
  });

  it('sans échec : la liste, zonage.json et le zonage.json de l’application changent ensemble (le témoin des cas ci-dessus)', async () => {
    const before = both();
    const r = await publishArsList(ars());
    expect(r).toMatchObject({ published: true, notes: [] });
    expect(r.report).toMatchObject({ read: r.report.accepted + 1, ignored: 1, rejectedCount: 0 });
    const after = both();
    expect(Object.keys(after.data).filter((f) => after.data[f] !== before.data[f]).sort()).toEqual(['charente-maritime/zonage.json', 'charente-maritime/zonages/ars-medecin-generaliste-2026.csv']);
    expect(Object.keys(after.out).filter((f) => after.out[f] !== before.out[f])).toEqual(['charente-maritime/zonage.json']);
    // Published again, refused without --replace; with it, the same list changes nothing.
    await expect(publishArsList(ars())).rejects.toThrow('une liste 2026 du zonage ars-medecin-generaliste est déjà publiée');
    await publishArsList({ ...ars(), replace: true });
    expect(both()).toEqual(after);
  });
});
