// Hostile files, each named after what it is, with the counts a person makes by looking at it:
// read = accepted + rejected + ignored + unread, file-level problems apart. Every file is also fed in
// small chunks (7 bytes, encoding decided on the first 64) and must give the same report.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { communeResolver, importPharmacies, importPractitioners, pharmaciesSink, practitionersSink, zonageSink, type ImportReport, type RowError, type SinkOptions } from '../../src/core/import/index.ts';
import { ignoredCount } from '../../src/core/import/report.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { loadTerritories, loadZonageConfig } from '../../scripts/lib/inputs.ts';
import { RPPS_HEADER, rppsLine } from '../../scripts/bench-import.ts';
import { cog } from './cog.ts';

const cm = loadTerritories().find((t) => t.id === 'charente-maritime')!;
const communes = territoryCommunes(cog, cm);
const resolve = communeResolver(communes);
const { schemes } = loadZonageConfig('charente-maritime');
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16 = (s: string, be: boolean, bom: boolean) => {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? '\uFEFF' : '') + s;
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[2 * i + (be ? 1 : 0)] = c & 0xff;
    out[2 * i + (be ? 0 : 1)] = c >> 8;
  }
  return out;
};
const fixture = (name: string) => new Uint8Array(fs.readFileSync(`test/fixtures/${name}`));

type Kind = 'zonage' | 'medecins' | 'pharmacies';
const sinkOf = (kind: Kind, file: string, o?: SinkOptions) =>
  kind === 'zonage'
    ? zonageSink(file, { resolve, schemes, profession: 'medecin-generaliste', communes }, o)
    : kind === 'medecins'
      ? practitionersSink(file, { resolve }, o)
      : pharmaciesSink(file, { resolve }, o);

function run(kind: Kind, bytes: Uint8Array, chunk = 0): { report: ImportReport<unknown>; all: RowError[] } {
  const all: RowError[] = [];
  const sink = sinkOf(kind, 'f', { onReject: (e) => all.push(e), ...(chunk ? { sampleBytes: 64 } : {}) });
  if (!chunk) sink.write(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) sink.write(bytes.subarray(i, i + chunk));
  return { report: sink.end(), all };
}

const rpps = (...rows: string[]) => utf8([RPPS_HEADER, ...rows].join('\n') + '\n');
const zonageOk = (n: number) => Array.from({ length: n }, (_, i) => `${communes[i].code};fragile`);

interface Case {
  name: string;
  kind: Kind;
  bytes: Uint8Array;
  read: number;
  accepted: number;
  rejected?: number[];
  ignored?: number;
  unread?: number;
  fileErrors?: RegExp;
  encoding?: string;
}

const cases: Case[] = [
  { name: 'en-tête CRLF puis lignes LF', kind: 'zonage', bytes: utf8('code_insee;zone\r\n17300;fragile\n17306;fragile\n'), read: 2, accepted: 2 },
  { name: 'en-tête CR puis lignes LF', kind: 'zonage', bytes: utf8('code_insee;zone\r17300;fragile\n17306;rouge\n'), read: 2, accepted: 1, rejected: [3] },
  { name: 'fins de ligne CR seules (ancien Mac)', kind: 'zonage', bytes: utf8('code_insee;zone\r17300;fragile\r17306;rouge\r17004;fragile'), read: 3, accepted: 2, rejected: [3] },
  { name: 'lignes LF puis CRLF puis CR mêlées', kind: 'zonage', bytes: utf8('code_insee;zone\n17300;fragile\r\n17306;fragile\r17004;rouge\n'), read: 3, accepted: 2, rejected: [4] },
  {
    name: 'guillemet jamais fermé dans un CSV qui en met : ligne rejetée, lecture reprise à la suivante',
    kind: 'zonage',
    bytes: utf8('code_insee;zone\n17306;fragile\n17300;"fragile\n17004;fragile\n17005;rouge\n'),
    read: 4, accepted: 2, rejected: [3, 5],
  },
  {
    name: 'valeur entre guillemets avec fins de ligne CR : les numéros suivants restent exacts',
    kind: 'zonage',
    bytes: utf8('code_insee;zone;commentaire\r17306;fragile;"révisé\ren conseil"\r99999;fragile;\r'),
    read: 2, accepted: 1, rejected: [4],
  },
  {
    name: 'RPPS avec guillemets isolés dans les noms (le format ne met jamais de guillemets)',
    kind: 'medecins',
    bytes: rpps(rppsLine(0, '17300', true, { nom: 'D"ARTAGNAN' }), rppsLine(7, '17306', true, { prenom: '"JO' }), rppsLine(14, '17004', true)),
    read: 3, accepted: 3,
  },
  {
    name: 'FINESS CSV sans sa ligne « finess;etalab » et un guillemet dans une raison sociale',
    kind: 'pharmacies',
    bytes: utf8(
      [
        'structureet;170000001;;PHARMACIE "DU PORT;;;;1;RUE;X;;;300;17;CHARENTE MARITIME;17000 LA ROCHELLE;;;620;Pharmacie;;;;;;;;;1998-04-01;;;',
        'structureet;170000002;;PHARMACIE B;;;;1;RUE;X;;;306;17;CHARENTE MARITIME;17200 ROYAN;;;620;Pharmacie;;;;;;;;;1998-13-01;;;',
        'structureet;170000003;;PHARMACIE C;;;;1;RUE;X;;;004;17;CHARENTE MARITIME;17123 AIX;;;620;Pharmacie;;;;;;;;;2001-01-01;;;',
      ].join('\r\n') + '\r\n',
    ),
    read: 3, accepted: 2, rejected: [2],
  },
  { name: 'fichier vide', kind: 'zonage', bytes: new Uint8Array(0), read: 0, accepted: 0, fileErrors: /fichier vide/ },
  { name: 'BOM seul', kind: 'zonage', bytes: Uint8Array.from([0xef, 0xbb, 0xbf]), read: 0, accepted: 0, fileErrors: /seulement la marque/ },
  { name: 'lignes vides seulement (pas d’en-tête)', kind: 'zonage', bytes: utf8('\n\r\n  \n'), read: 0, accepted: 0, fileErrors: /aucune ligne d'en-tête/ },
  { name: 'classeur .xlsx renommé en .csv', kind: 'zonage', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)]), read: 0, accepted: 0, fileErrors: /classeur \.xlsx/ },
  { name: 'octets aléatoires', kind: 'zonage', bytes: Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256), read: 0, accepted: 0, fileErrors: /ce n'est pas un fichier texte/ },
  { name: 'colonne obligatoire absente : les lignes comptées non lues', kind: 'zonage', bytes: utf8('code_insee;classe\n17300;fragile\n\n17306;fragile\n'), read: 2, accepted: 0, unread: 2, fileErrors: /colonne obligatoire absente : « zone »/ },
  { name: 'UTF-16 LE avec BOM (Texte Unicode d’Excel, tabulations)', kind: 'zonage', bytes: utf16('code_insee\tzone\r\n17300\tTrès fragile\r\n', false, true), read: 1, accepted: 1, encoding: 'utf-16le (BOM)' },
  { name: 'UTF-16 BE avec BOM', kind: 'zonage', bytes: utf16('code_insee;zone\n17300;Très fragile\n', true, true), read: 1, accepted: 1, encoding: 'utf-16be (BOM)' },
  { name: 'UTF-16 LE sans BOM', kind: 'zonage', bytes: utf16('code_insee;zone\n17300;Très fragile\n17306;rouge\n', false, false), read: 2, accepted: 1, rejected: [3], encoding: 'utf-16le' },
  { name: 'UTF-16 BE sans BOM', kind: 'zonage', bytes: utf16('code_insee;zone\n17300;Très fragile\n', true, false), read: 1, accepted: 1, encoding: 'utf-16be' },
  { name: 'extraction RPPS réduite à son en-tête', kind: 'medecins', bytes: rpps(), read: 0, accepted: 0 },
  { name: 'FINESS « structures » JSON (forme réelle)', kind: 'pharmacies', bytes: fixture('finess-structures-exemple.json'), read: 8, accepted: 3, ignored: 2, rejected: [6, 7, 8] },
  { name: 'FINESS « structures » JSON gzip', kind: 'pharmacies', bytes: fixture('finess-structures-exemple.json.gz'), read: 8, accepted: 3, ignored: 2, rejected: [6, 7, 8] },
  { name: 'FINESS « structures » JSON (orthographe du schéma)', kind: 'pharmacies', bytes: fixture('finess-structures-schema-exemple.json'), read: 1, accepted: 1 },
  {
    name: 'FINESS « structures » JSON gzip tronqué',
    kind: 'pharmacies',
    bytes: fixture('finess-structures-exemple.json.gz').subarray(0, 700),
    read: -1, accepted: -1, fileErrors: /la suite du fichier n'a pas été lue/,
  },
  { name: 'JSON qui n’est pas FINESS', kind: 'pharmacies', bytes: utf8('{"a": [1, 2]}'), read: 0, accepted: 0, fileErrors: /aucun tableau « pmej »/ },
];

describe('fichiers hostiles : les comptes d’une personne qui regarde le fichier', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { report: r, all } = run(c.kind, c.bytes);
    if (c.read >= 0) expect(r.read).toBe(c.read);
    if (c.accepted >= 0) expect(r.accepted).toBe(c.accepted);
    expect(r.rejected.map((e) => e.line)).toEqual(c.rejected ?? []);
    expect(r.rejectedCount).toBe((c.rejected ?? []).length);
    expect(all).toEqual(r.rejected);
    expect(ignoredCount(r)).toBe(c.ignored ?? (c.read >= 0 ? c.read - c.accepted - (c.rejected ?? []).length - (c.unread ?? 0) : ignoredCount(r)));
    expect(r.unread).toBe(c.unread ?? 0);
    expect(r.accepted + r.rejectedCount + ignoredCount(r) + r.unread).toBe(r.read);
    if (c.fileErrors) expect(r.fileErrors).toEqual([expect.stringMatching(c.fileErrors)]);
    else expect(r.fileErrors).toEqual([]);
    if (c.encoding) expect(r.encoding).toBe(c.encoding);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s : lu par morceaux de 7 octets, même rapport', (_name, c) => {
    const whole = run(c.kind, c.bytes).report;
    const chunked = run(c.kind, c.bytes, 7).report;
    if (c.name.includes('tronqué')) return void expect(chunked.fileErrors).toHaveLength(1);
    // Without the whole file in the sample, UTF-16 BOM-less detection still sees the first 64 bytes.
    expect({ ...chunked, encoding: whole.encoding }).toEqual(whole);
  });
});

describe('encodage décidé sur le premier mégaoctet', () => {
  it('un UTF-8 avec un octet invalide après le premier Mo reste UTF-8 ; seule cette ligne est signalée', () => {
    const rows = Array.from({ length: 25_000 }, () => '17300;medecin-generaliste;liberal;2020-01-01;;;Émile Dupont');
    const head = utf8(['code_insee;profession;mode;date_debut;date_fin;rpps;nom', ...rows, ''].join('\n'));
    const bad = Uint8Array.from([...utf8('17306;medecin-generaliste;liberal;2020-01-01;;;'), 0x48, 0xe9, 0x6c, 0x65, 0x6e, 0x65, 0x0a]);
    const bytes = new Uint8Array([...head, ...bad, ...utf8('17004;medecin-generaliste;liberal;2020-01-01;;;Zoé\n')]);
    expect(head.length).toBeGreaterThan(1 << 20);
    const r = importPractitioners('medecins.csv', bytes, { resolve });
    expect(r.encoding).toBe('utf-8');
    expect(r.accepted).toBe(25_002);
    const flagged = r.warnings.filter((w) => w.line !== undefined);
    expect(flagged.map((w) => w.line)).toEqual([25_002]);
    expect((r.rows as { nom: string }[]).at(-1)!.nom).toBe('Zoé');
  });

  it('un Windows-1252 dès le début est lu en Windows-1252', () => {
    const r = importPharmacies('p.csv', Uint8Array.from([...utf8('code_insee;nom\n17300;C'), 0x9c, ...utf8('ur\n')]), { resolve });
    expect(r.encoding).toBe('windows-1252');
    expect((r.rows[0] as { nom: string }).nom).toBe('Cœur');
  });
});

describe('rapport borné, liste complète à part', () => {
  it('1 500 lignes rejetées : comptes exacts, 1 000 dans le rapport, toutes dans la liste complète', () => {
    const bytes = utf8(['code_insee;zone', ...Array.from({ length: 1500 }, () => '17300;rouge'), ...zonageOk(3)].join('\n'));
    const { report, all } = run('zonage', bytes);
    expect(report.read).toBe(1503);
    expect(report.rejectedCount).toBe(1500);
    expect(report.rejected).toHaveLength(1000);
    expect(all).toHaveLength(1500);
    expect(all.at(-1)!.line).toBe(1501);
  });

  it('une valeur citée dans un message est coupée à 200 caractères', () => {
    const { report } = run('zonage', utf8(`code_insee;zone\n17300;${'x'.repeat(5000)}\n`));
    const m = report.rejected[0].message;
    expect(m).toContain(`« ${'x'.repeat(200)}… »`);
    expect(m).not.toContain('x'.repeat(201));
  });

  it('le gzip d’un FINESS « structures » est reconnu même découpé au premier octet', () => {
    const gz = zlib.gzipSync(fs.readFileSync('test/fixtures/finess-structures-exemple.json'));
    const sink = pharmaciesSink('f.json.gz', { resolve });
    for (const b of gz) sink.write(Uint8Array.of(b));
    expect(sink.end().accepted).toBe(3);
  });
});

describe('extractions et mouvements', () => {
  it('un guillemet isolé dans une extraction RPPS n’invente ni installation ni cessation', async () => {
    const { diffSnapshots } = await import('../../src/core/movements.ts');
    const codes = ['17300', '17306', '17004', '17219'];
    const rows = (quote: boolean) => Array.from({ length: 40 }, (_, i) => rppsLine(i * 7, codes[i % 4], true, quote && i === 3 ? { nom: 'O"NEIL' } : {}));
    const a = importPractitioners('a.txt', rpps(...rows(false)), { resolve });
    const b = importPractitioners('b.txt', rpps(...rows(true)), { resolve });
    expect(b.accepted).toBe(a.accepted);
    expect(a.accepted).toBe(40);
    const diff = diffSnapshots({ rows: a.rows, date: '2026-01-01', file: 'a' }, { rows: b.rows, date: '2026-07-01', file: 'b' });
    expect(diff.movements).toEqual([]);
  });
});

describe('entrée bornée', () => {
  it('une ligne de 40 Mo sans fin de ligne est refusée à sa ligne, lue par morceaux d’1 Mo, sans la garder', () => {
    const sink = sinkOf('zonage', 'une-ligne.csv');
    sink.write(utf8('code_insee;zone\n17300;fragile\n'));
    const mb = utf8('x'.repeat(1 << 20));
    for (let i = 0; i < 40; i++) sink.write(mb);
    const report = sink.end();
    expect(report.fileErrors).toHaveLength(1);
    expect(report.fileErrors[0]).toMatch(/^une-ligne\.csv, ligne 3 : ligne de plus de 1\s048\s576 caractères sans fin de ligne/);
    expect(report.accepted).toBe(1);
  });

  it('une ligne d’exactement la limite passe ; les fins de ligne CR, LF et CRLF coupées entre deux morceaux gardent leurs numéros', async () => {
    const { LineSplitter, MAX_LINE_CHARS } = await import('../../src/core/import/records.ts');
    const got: string[] = [];
    const errors: number[] = [];
    const s = new LineSplitter((t, l, e) => got.push(`${l}:${t.length > 10 ? t.length : t}:${JSON.stringify(e)}`), (l) => errors.push(l));
    for (const c of ['a\r', '\nb\rc', '\r', '', 'd\n\n', 'y'.repeat(MAX_LINE_CHARS - 1), 'y\n', 'e']) s.push(c);
    s.push('', true);
    expect(errors).toEqual([]);
    expect(got).toEqual(['1:a:"\\r\\n"', '2:b:"\\r"', '3:c:"\\r"', '4:d:"\\n"', '5::"\\n"', `6:${MAX_LINE_CHARS}:"\\n"`, '7:e:""']);
  });
});

describe('FINESS « structures » borné', () => {
  const gzRun = (json: string) => {
    const sink = pharmaciesSink('bombe.json.gz', { resolve });
    const gz = zlib.gzipSync(json);
    for (let i = 0; i < gz.length; i += 1 << 16) sink.write(gz.subarray(i, i + (1 << 16)));
    return sink.end();
  };
  // Not compressed: the value cap alone (a gzip this repetitive is refused earlier, by its ratio).
  const plainRun = (json: string) => {
    const sink = pharmaciesSink('bombe.json.gz', { resolve });
    const bytes = new TextEncoder().encode(json);
    for (let i = 0; i < bytes.length; i += 1 << 20) sink.write(bytes.subarray(i, i + (1 << 20)));
    return sink.end();
  };
  it('une chaîne de 40 Mo est refusée sans être gardée ; compressée (40 Ko), refusée plus tôt par le taux', () => {
    expect(gzRun(`{"schemaVersion":"v1.0.0","pmej":[{"denomination":"${'A'.repeat(40 << 20)}"}]}`).fileErrors[0]).toMatch(/plus de 100 fois/);
    const r = plainRun(`{"schemaVersion":"v1.0.0","pmej":[{"denomination":"${'A'.repeat(40 << 20)}"}]}`);
    expect(r.fileErrors).toHaveLength(1);
    expect(r.fileErrors[0]).toMatch(/^bombe\.json\.gz : une valeur ou un établissement de plus de 8 Mo sans fin .* après 0 établissement/);
  });
  it('une entité qui tient 300 000 établissements les lit un par un', () => {
    const ege = '{"informationsGeneralesEGE":{"numFinessEge":"170000001"},"categorieentiteGeographiqueExercice":"500"}';
    // Not gzipped: so repetitive a file would be refused as a gzip bomb (ratio over 100).
    const sink = pharmaciesSink('entite.json', { resolve });
    const json = new TextEncoder().encode(`{"schemaVersion":"v1.0.0","pmej":[{"ege":[${Array(300_000).fill(ege).join(',')}]}]}`);
    for (let i = 0; i < json.length; i += 1 << 16) sink.write(json.subarray(i, i + (1 << 16)));
    const r = sink.end();
    expect(r.fileErrors).toEqual([]);
    expect(r.read).toBe(300_000);
    expect(ignoredCount(r)).toBe(300_000);
  });
  it('une archive qui se décompresse plus de 100 fois est refusée au début', () => {
    const ege = '{"informationsGeneralesEGE":{"numFinessEge":"170000001"},"categorieentiteGeographiqueExercice":"500"}';
    const r = gzRun(`{"schemaVersion":"v1.0.0","pmej":[{"ege":[${Array(300_000).fill(ege).join(',')}]}]}`);
    expect(r.fileErrors[0]).toMatch(/archive qui se décompresse plus de 100 fois/);
    expect(r.read).toBeLessThan(100_000);
  });
  it('une liste sans fin hors des établissements est refusée', () => {
    const r = plainRun(`{"schemaVersion":"v1.0.0","pmej":[{"contact":[${Array(1_000_000).fill('{"t":"0102030405"}').join(',')}]}]}`);
    expect(r.fileErrors[0]).toMatch(/plus de 8 Mo/);
  });
});

describe('codes lus dans un fichier', () => {
  it('les codes profession « __proto__ », « constructor », « valueOf » sont des professions inconnues', () => {
    const line = (prof: string, i: number) => {
      const cells = rppsLine(i, '17300', true).split('|');
      cells[9] = prof;
      return cells.join('|');
    };
    const r = importPractitioners('rpps.txt', rpps(line('__proto__', 1), line('constructor', 2), line('valueOf', 3), line('toString', 4)), { resolve });
    expect(r.read).toBe(4);
    expect(r.accepted).toBe(0);
    expect(r.ignored).toEqual({ 'autre profession ou spécialité': 4 });
  });
});
