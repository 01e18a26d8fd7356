// A newer ARS list published for one territory: every row accepted, rejected or ignored (and counted),
// in each format, read in chunks and batches with the file's own line numbers; the list kept reads back
// the same; the year it replaces says by what once it is published; the CLI end to end in a copy of data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cliWith } from './cli-run.ts';
import { CommuneIndex } from '../../src/core/ars/commune-index.ts';
import { arreteListSink, detectArreteFormat, type ArreteFormat } from '../../src/core/ars/arrete-list.ts';
import { territoryArsList } from '../../src/core/ars/territory-list.ts';
import { arsClasses, classReader } from '../../src/core/ars/schemes.ts';
import type { CogCommune } from '../../src/core/communes.ts';
import { parseZonageConfig, type ZonageYear } from '../../src/core/zonage/config.ts';
import { NOT_IMPORTED, zonageStatus } from '../../src/core/zonage/status.ts';
import { loadArsSchemes } from '../../scripts/lib/inputs.ts';

const cog = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
const index = new CommuneIndex(cog);
const ars = loadArsSchemes();
const current = cog.filter((c) => c.type === 'commune-actuelle');
/** The territory: Charente-Maritime, its real communes. */
const ours = current.filter((c) => c.departement === '17');
const codes = new Set(ours.map((c) => c.code));
const outside = current.filter((c) => c.departement === '16').slice(0, 3);

const CODES = ['1_ZIP', '2_ZAC', '3_HZ'];
const ID = { '1_ZIP': 'zip', '2_ZAC': 'zac', '3_HZ': 'hors-zonage' } as Record<string, string>;
const classOf = (i: number) => CODES[i % 3];
const LA_ROCHELLE = ours.findIndex((c) => c.code === '17300');
const other = CODES[(LA_ROCHELLE + 1) % 3];

type Row = { code: string; nom: string; cp: string; cls: string };
const rowsOf = (cs: CogCommune[]): Row[] => cs.map((c, i) => ({ code: c.code, nom: c.nom, cp: c.codesPostaux![0], cls: classOf(i) }));
const csvCell = (v: string) => (/[,"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A list as each source writes it: CartoSanté (BOM, CRLF, no final newline), the GPs' file (postal code without its leading zero), the project CSV. */
function listText(format: ArreteFormat, rows: Row[], extra: string[] = []): string {
  if (format === 'cartosante') {
    return '\ufeffCartoSanté; ;\r\nRéférentiel géographique : France par commune et arrondissement mun.; ;\r\nCode;Libellé;Zonage médecins\r\n' + [...rows.map((r) => `${r.code};${r.nom};${r.cls}`), ...extra].join('\r\n');
  }
  if (format === 'nom-code-postal') return ['Code_postal,Nom_commune,Zonage', ...rows.map((r) => `${r.cp.replace(/^0/, '')},${csvCell(r.nom)},${r.cls}`), ...extra].join('\n') + '\n';
  return ['code_insee,zone', ...rows.map((r) => `${r.code},${ID[r.cls]}`), ...extra].join('\n') + '\n';
}

/** Read as the CLI does: in chunks that cut lines anywhere. */
function read(text: string, format?: ArreteFormat, name = 'liste.csv') {
  const sink = arreteListSink(name, { index, ars, profession: 'medecin-generaliste', communes: codes, format });
  for (let i = 0; i < text.length; i += 7777) sink.write(text.slice(i, i + 7777));
  const report = sink.end();
  expect(report.read).toBe(report.accepted + report.rejectedCount + report.ignored);
  return report;
}

const FORMATS: ArreteFormat[] = ['cartosante', 'nom-code-postal', 'projet'];
const complete = [...rowsOf(ours), ...rowsOf(outside)];

describe('liste ARS : chaque format reconnu, chaque ligne comptée', () => {
  it.each([
    ['CartoSanté; ;', 'cartosante'],
    ['\ufeffCartoSanté;;', 'cartosante'],
    ['Code_postal,Nom_commune,Zonage', 'nom-code-postal'],
    ['CP;Commune;Classement', 'nom-code-postal'],
    ['code_insee,zone', 'projet'],
    ['Code INSEE;Zone;Commentaire', 'projet'],
    ['Code;Libellé;Zonage médecins', undefined],
    ['', undefined],
  ])('« %s » → %s', async (line, format) => {
    expect(detectArreteFormat(line)).toBe(format);
  });

  it.each(FORMATS)('%s : les communes du territoire acceptées, celles d’ailleurs ignorées, aucune absente', async (format) => {
    const r = read(listText(format, complete));
    expect(r).toMatchObject({ format, read: ours.length + 3, accepted: ours.length, rejectedCount: 0, ignored: 3, fileErrors: [], missing: [] });
    expect(r.classes.get('17300')).toBe(ID[classOf(LA_ROCHELLE)]);
    expect(r.classes.size).toBe(ours.length);
  });

  const hostile: Record<ArreteFormat, Array<[string, string[], { rejected: Array<{ field: string; message: RegExp }>; ignored: number; missing?: string[] }]>> = {
    cartosante: [
      ['classe inconnue', ['17300;La Rochelle;9_Inconnue'], { rejected: [{ field: 'Zonage', message: /^liste\.csv, ligne \d+, champ « Zonage » : classe « 9_Inconnue » inconnue ; classes admises : 1_ZIP/ }], ignored: 3 }],
      ['commune inconnue', ['17999;Nulle part;2_ZAC'], { rejected: [{ field: 'Code', message: /champ « Code » : code « 17999 » \(Nulle part\) absent de la liste officielle/ }], ignored: 3 }],
      ['même commune, autre classe', [`17300;La Rochelle;${other}`], { rejected: [{ field: 'Zonage', message: /La Rochelle \(17300\) classée .* classements contradictoires, aucun n'est retenu/ }, { field: 'Zonage', message: /classements contradictoires/ }], ignored: 3, missing: ['17300'] }],
      ['commune hors du territoire', ['16015;Angoulême;1_ZIP'], { rejected: [], ignored: 4 }],
      ['hors du territoire et classe inconnue', ["16015;Angoulême;n'importe"], { rejected: [], ignored: 4 }],
    ],
    'nom-code-postal': [
      ['classe inconnue', ['17000,La Rochelle,9_Inconnue'], { rejected: [{ field: 'zonage', message: /champ « zonage » : classe « 9_Inconnue » inconnue/ }], ignored: 3 }],
      ['commune inconnue', ['17000,Nulle Part,2_ZAC'], { rejected: [{ field: 'nom', message: /aucune commune, actuelle, déléguée ou ancienne, ne s'appelle « Nulle Part »/ }], ignored: 3 }],
      ['nom de plusieurs communes, code postal d’aucune', ['99999,Aulnay,2_ZAC'], { rejected: [{ field: 'code postal', message: /aucune commune « Aulnay » n'a le code postal 99999\. Candidats : Aulnay \(10017.*Aulnay \(17024/ }], ignored: 3 }],
      ['même commune, autre classe', [`17000,La Rochelle,${other}`], { rejected: [{ field: 'zonage', message: /classements contradictoires/ }, { field: 'zonage', message: /classements contradictoires/ }], ignored: 3, missing: ['17300'] }],
      ['commune hors du territoire', ['16000,Angoulême,1_ZIP'], { rejected: [], ignored: 4 }],
    ],
    projet: [
      ['classe inconnue', ['17300,rouge'], { rejected: [{ field: 'zone', message: /champ « zone » : classe « rouge » inconnue/ }], ignored: 3 }],
      ['commune inconnue', ['17999,zac'], { rejected: [{ field: 'code_insee', message: /code « 17999 » absent de la liste officielle/ }], ignored: 3 }],
      ['même commune, autre classe', [`17300,${ID[other]}`], { rejected: [{ field: 'zone', message: /classements contradictoires/ }, { field: 'zone', message: /classements contradictoires/ }], ignored: 3, missing: ['17300'] }],
      ['commune hors du territoire', ['16015,zip'], { rejected: [], ignored: 4 }],
    ],
  };
  describe.each(FORMATS)('%s : lignes hostiles', (format) => {
    it.each(hostile[format])('%s', async (_name, extra, expected) => {
      const r = read(listText(format, complete, extra));
      expect(r.rejected.map((e) => e.field)).toEqual(expected.rejected.map((e) => e.field));
      expected.rejected.forEach((e, i) => expect(r.rejected[i].message).toMatch(e.message));
      expect(r.rejectedCount).toBe(expected.rejected.length);
      expect(r.ignored).toBe(expected.ignored);
      expect(r.missing).toEqual(expected.missing ?? []);
      // Lines are the file's own: the added row is the last one.
      const last = listText(format, complete, extra).replace(/\n$/, '').split('\n').length;
      if (expected.rejected.length) expect(r.rejected.at(-1)!.line).toBe(last);
      if (expected.missing) expect(r.warnings.join('\n')).toContain("1 commune du territoire absente de la liste : 17300 La Rochelle. Elle n'est pas classée par défaut.");
    });
  });

  it.each([
    ['fichier vide', '', undefined, /liste\.csv : fichier vide\./],
    ['en-tête inconnu', 'Insee;Libellé\n17300;La Rochelle\n', undefined, /ligne 1 : format non reconnu/],
    ['CartoSanté annoncé, autre en-tête', 'code_insee,zone\n17300,zip\n', 'cartosante', /ligne 1 : en-tête CartoSanté attendu/],
    ['nom et code postal annoncés, autre en-tête', 'code_insee,zone\n17300,zip\n', 'nom-code-postal', /ligne 1 : colonnes « code postal », « nom de la commune » introuvables/],
    ['CSV du projet annoncé, autre en-tête', 'Code_postal,Nom_commune,Zonage\n17000,La Rochelle,2_ZAC\n', 'projet', /colonnes « code_insee » et « zone » attendues/],
    ['en-tête CartoSanté incomplet', 'CartoSanté; ;\n', undefined, /en-tête incomplet/],
  ] as const)('%s : erreur de fichier, aucune ligne lue', async (_name, text, format, message) => {
    const r = read(text, format);
    expect(r.fileErrors).toEqual([expect.stringMatching(message)]);
    expect(r).toMatchObject({ read: 0, accepted: 0, content: '' });
  });

  it('une liste régionale en plusieurs lots : les numéros de ligne restent ceux du fichier', async () => {
    const far = rowsOf(current.filter((c) => !codes.has(c.code)).slice(0, 12_000));
    const text = listText('cartosante', [...far, ...rowsOf(ours)], ['17999;Nulle part;2_ZAC']);
    const r = read(text);
    expect(r).toMatchObject({ read: 12_000 + ours.length + 1, accepted: ours.length, rejectedCount: 1, ignored: 12_000 });
    expect(r.rejected[0].line).toBe(3 + 12_000 + ours.length + 1);
    expect(r.rejected[0].message).toMatch(new RegExp(`^liste\\.csv, ligne ${3 + 12_000 + ours.length + 1}, champ « Code »`));
  });
});

describe('liste ARS gardée : normalisée, relue à l’identique par la construction', () => {
  it.each(FORMATS)('%s : la liste gardée ne contient que le territoire et se relit pareil', async (format) => {
    const r = read(listText(format, complete, format === 'cartosante' ? ['17306;=1+1;1_ZIP'] : []));
    const again = read(r.content, format);
    expect(again).toMatchObject({ rejectedCount: 0, ignored: 0, accepted: r.accepted, fileErrors: [] });
    expect(again.classes).toEqual(r.classes);
    expect(r.content.endsWith('\n')).toBe(true);
    expect(r.content).not.toContain('\r');
    if (format !== 'projet') {
      // What the build reads (territory-list.ts): the same classes.
      const built = territoryArsList('liste.csv', r.content, format, { index, classOf: classReader(ars, 'medecin-generaliste'), known: arsClasses(ars, 'medecin-generaliste').filter((k) => k.code).map((k) => k.code!), communes: codes });
      expect(built.problems).toEqual([]);
      expect(new Map(Object.entries(built.classes))).toEqual(r.classes);
    }
  });

  it('CartoSanté : l’en-tête d’origine, les codes de classe, une formule neutralisée', async () => {
    const r = read(listText('cartosante', complete, ['17306;=1+1;ZIP']));
    const lines = r.content.split('\n');
    expect(lines.slice(0, 3)).toEqual(['CartoSanté; ;', 'Référentiel géographique : France par commune et arrondissement mun.; ;', 'Code;Libellé;Zonage médecins']);
    expect(lines).toContain("17306;'=1+1;1_ZIP");
    expect(lines.filter((l) => l.startsWith('16'))).toEqual([]);
  });

  it('nom et code postal : en-tête du projet, code postal à 5 chiffres', async () => {
    const r = read(listText('nom-code-postal', complete));
    expect(r.content.split('\n')[0]).toBe('code_postal;nom_commune;zonage');
    expect(r.content).toContain(`\n17000;La Rochelle;${classOf(LA_ROCHELLE)}\n`);
  });
});

describe('l’année remplacée dit par quoi une fois la nouvelle liste publiée', () => {
  const by = "arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine";
  const old: ZonageYear = { year: 2025, scheme: 'ars-medecin-generaliste', profession: 'medecin-generaliste', ars: 'medecin-generaliste', validFrom: '2025-05-09', validUntil: '2025-05-09', lastKnown: true, replaced: { from: '2026-02-03', by }, example: false, source: 'export' };
  const list = (validFrom: string, scheme = 'ars-medecin-generaliste'): ZonageYear => ({ year: 2026, scheme, profession: 'medecin-generaliste', file: 'zonages/x.csv', format: scheme === 'cd17' ? undefined : 'cartosante', validFrom, validUntil: validFrom, lastKnown: true, example: false, source: by });
  const own = { id: 'cd17', label: 'Zonage départemental', authority: 'Département', professions: ['medecin-generaliste'], classes: [{ id: 'fragile', label: 'Fragile', color: '#e0622b' }] };
  const file = { file: 'x.csv', example: true, source: 'exemple' };
  const statusOf = (years: ZonageYear[], date: string) => {
    const config = parseZonageConfig(JSON.parse(JSON.stringify({ schemes: [own], rules: [], years, practitioners: file, pharmacies: file })), 'zonage.json', ars);
    return zonageStatus(config.years.find((y) => y.year === 2025)!, date).text;
  };
  const notImported = `remplacé le 3 février 2026 (publication de l'${by}) ; ${NOT_IMPORTED}`;
  it.each([
    ['sans nouvelle liste', [old], '2026-03-01', notImported],
    ['liste publiée à la date du remplacement', [old, list('2026-02-03')], '2026-03-01', `remplacé le 3 février 2026 par l'${by}`],
    ['avant la date du remplacement', [old, list('2026-02-03')], '2026-01-15', 'dernier zonage connu (en vigueur au 9 mai 2025) ; un arrêté plus récent peut exister'],
    ['liste applicable plus tard : entre les deux, pas encore importée', [old, list('2026-04-01')], '2026-03-01', notImported],
    ['liste applicable plus tard : ensuite, remplacée', [old, list('2026-04-01')], '2026-05-01', `remplacé le 3 février 2026 par l'${by}`],
    ['une année d’un autre zonage ne compte pas', [old, list('2026-02-03', 'cd17')], '2026-03-01', notImported],
    ['export sans note, suivi d’une liste : remplacé par elle à sa date', [{ ...old, replaced: undefined }, list('2026-02-03')], '2026-03-01', `remplacé le 3 février 2026 par l'${by}`],
    ['export sans note, suivi d’une liste : avant sa date, dernier connu', [{ ...old, replaced: undefined }, list('2026-02-03')], '2026-01-15', 'dernier zonage connu (en vigueur au 9 mai 2025) ; un arrêté plus récent peut exister'],
    ['export sans note et sans suite : dernier connu', [{ ...old, replaced: undefined }], '2026-03-01', 'dernier zonage connu (en vigueur au 9 mai 2025) ; un arrêté plus récent peut exister'],
    ['« listFrom » écrit à la main est ignoré', [{ ...old, replaced: { from: '2026-02-03', by, listFrom: '2026-02-03' } }], '2026-03-01', notImported],
  ] as const)('%s', async (_name, years, date, text) => {
    expect(statusOf([...years], date)).toBe(text);
  });
});

describe('CLI publish zonage --scheme ars-… : une nouvelle liste ARS, de bout en bout dans une copie des données', () => {
  const run = cliWith;
  const by = "arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine";

  it('publiée à partir du 3 février 2026 : les nouvelles classes ensuite, l’export avant ; l’ancienne année dit par quoi elle est remplacée', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-list-'));
    fs.cpSync('data/territories', path.join(tmp, 'territories'), { recursive: true });
    fs.cpSync('public/data', path.join(tmp, 'public'), { recursive: true });
    const env = { DATA_DIR: path.join(tmp, 'territories'), DATA_OUT: path.join(tmp, 'public') };
    const file = path.join(tmp, 'arrete-na-2026.csv');
    fs.writeFileSync(file, listText('nom-code-postal', complete, ['17000,La Rochelle,9_Inconnue']));
    const args = ['publish', 'zonage', file, '--territory', 'charente-maritime', '--scheme', 'ars-medecin-generaliste', '--year', '2026', '--valid-from', '2026-02-03', '--source', by];

    const refused = await run(env, ...args);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ published: false, files: [], format: 'nom-code-postal', read: ours.length + 4, accepted: ours.length, rejectedCount: 1, ignored: 3 });
    expect(refused.err).toContain(`arrete-na-2026.csv (nom-code-postal) : ${ours.length + 4} lignes lues = ${ours.length} acceptées + 1 rejetée + 3 hors du territoire (ignorées).`);
    expect(refused.err).toContain("rien n'est publié : 1 ligne rejetée (--keep-valid publie les lignes valides seules).");

    const r = await run(env, ...args, '--keep-valid');
    expect(r.code).toBe(1); // published, a row was rejected: the exit code says so
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ published: true, accepted: ours.length, missing: [] });
    expect(out.files.map((f: string) => path.relative(tmp, path.resolve(f))).sort()).toEqual([
      'public/charente-maritime/zonage.json',
      'territories/charente-maritime/zonage.json',
      'territories/charente-maritime/zonages/ars-medecin-generaliste-2026.csv',
    ]);
    const config = JSON.parse(fs.readFileSync(path.join(tmp, 'territories/charente-maritime/zonage.json'), 'utf8')) as { years: ZonageYear[] };
    const ofLayer = config.years.filter((y) => y.scheme === 'ars-medecin-generaliste');
    expect(ofLayer.map((y) => y.year)).toEqual([2025, 2026]);
    expect(ofLayer[1]).toEqual({ year: 2026, scheme: 'ars-medecin-generaliste', profession: 'medecin-generaliste', file: 'zonages/ars-medecin-generaliste-2026.csv', format: 'nom-code-postal', authority: 'ARS Nouvelle-Aquitaine', validFrom: '2026-02-03', validUntil: '2026-02-03', lastKnown: true, example: false, source: by });
    // The replaced year keeps its data and its note as written.
    expect(ofLayer[0]).toMatchObject({ ars: 'medecin-generaliste', replaced: { from: '2026-02-03', by } });
    expect(ofLayer[0].replaced).not.toHaveProperty('listFrom');

    const zonage = async (date: string) => JSON.parse((await run(env, 'zonage', '--territory', 'charente-maritime', '--scheme', 'ars-medecin-generaliste', '--date', date)).out) as Array<{ code: string; base: string; reasons: string[]; source: string }>;
    const after = await zonage('2026-03-01');
    const rochelle = after.find((c) => c.code === '17300')!;
    expect(rochelle).toMatchObject({ base: ID[classOf(LA_ROCHELLE)], source: by });
    expect(rochelle.reasons[0]).toBe('Zonage ARS des médecins généralistes 2026 : dernier zonage connu (en vigueur au 3 février 2026) ; un arrêté plus récent peut exister.');
    expect(after.filter((c) => c.base === null)).toEqual([]);
    const before = await zonage('2026-01-15');
    expect(before.find((c) => c.code === '17300')!.source).toMatch(/^ARS Nouvelle-Aquitaine — export CartoSanté/);
    expect(before.find((c) => c.code === '17300')!.reasons[0]).toMatch(/^Zonage ARS des médecins généralistes 2025 : dernier zonage connu \(en vigueur au 9 mai 2025\)/);

    const list = JSON.parse((await run(env, 'zonages', '--territory', 'charente-maritime', '--date', '2026-03-01')).out) as Array<{ scheme: string; year: number; status: string }>;
    expect(list.filter((z) => z.scheme === 'ars-medecin-generaliste').map((z) => [z.year, z.status])).toEqual([
      [2025, `remplacé le 3 février 2026 par l'${by}`],
      [2026, 'dernier zonage connu (en vigueur au 3 février 2026) ; un arrêté plus récent peut exister'],
    ]);
    const bundle = JSON.parse(fs.readFileSync(path.join(tmp, 'public/charente-maritime/zonage.json'), 'utf8')) as { zonages: Array<ZonageYear & { classes: Record<string, string> }> };
    const published = bundle.zonages.find((z) => z.scheme === 'ars-medecin-generaliste' && z.year === 2026)!;
    expect(Object.keys(published.classes)).toHaveLength(ours.length);
    expect(bundle.zonages.find((z) => z.scheme === 'ars-medecin-generaliste' && z.year === 2025)!.replaced).toEqual({ from: '2026-02-03', by, listFrom: '2026-02-03' });
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  it.each([
    ['sans --valid-from', ['--year', '2026', '--source', by], /option --valid-from AAAA-MM-JJ obligatoire/],
    ['sans --source', ['--year', '2026', '--valid-from', '2026-02-03'], /option --source obligatoire/],
    ['sur l’année de l’export national', ['--year', '2025', '--valid-from', '2026-02-03', '--source', by], /l'année 2025 du zonage ars-medecin-generaliste est l'export national/],
    ['format inconnu', ['--year', '2026', '--valid-from', '2026-02-03', '--source', by, '--format', 'xls'], /format « xls » inconnu/],
    ['zonage d’une autre profession', ['--year', '2026', '--valid-from', '2026-02-03', '--source', by, '--profession', 'infirmier'], /le zonage ARS de « infirmier » est « ars-infirmier », pas « ars-medecin-generaliste »/],
  ])('%s : refusé avant toute lecture', async (_name, extra, message) => {
    const r = await run({}, 'publish', 'zonage', 'package.json', '--territory', 'charente-maritime', '--scheme', 'ars-medecin-generaliste', ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  }, 30_000);
});
