import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { communeResolver, decode, importPharmacies, importPractitioners, importZonage, parseDate } from '../../src/core/import/index.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { loadTerritories, loadZonageConfig } from '../../scripts/lib/inputs.ts';
import { cog } from './cog.ts';

const cm = loadTerritories().find((t) => t.id === 'charente-maritime')!;
const communes = territoryCommunes(cog, cm);
const resolve = communeResolver(communes);
const { schemes } = loadZonageConfig('charente-maritime');
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of a Latin-1 text (the accented letters we use are in both). */
const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
const zonage = (bytes: Uint8Array, file = 'zonage.csv') => importZonage(file, bytes, { resolve, schemes, profession: 'medecin-generaliste', communes });

describe('lecture des fichiers : encodage et séparateur', () => {
  it.each([
    ['UTF-8', utf8('code_insee;zone\n17300;Très fragile\n'), 'utf-8'],
    ['UTF-8 avec BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('code_insee;zone\n17300;Très fragile\n')]), 'utf-8 (BOM)'],
    ['Windows-1252 (Excel)', cp1252('code_insee;zone\n17300;Très fragile\n'), 'windows-1252'],
  ])('%s : « Très fragile » est lu et reconnu', (_name, bytes, encoding) => {
    const r = zonage(bytes);
    expect(r.encoding).toBe(encoding);
    expect(r.rows).toEqual([{ code: '17300', zone: 'tres-fragile', profession: 'medecin-generaliste' }]);
  });

  it.each([
    [';', 'code_insee;zone\n17300;fragile\n'],
    [',', 'code_insee,zone\n17300,fragile\n'],
    ['\t', 'code_insee\tzone\n17300\tfragile\n'],
    ['|', 'code_insee|zone\n17300|fragile\n'],
  ])('séparateur %j détecté', (sep, text) => {
    const r = zonage(utf8(text));
    expect(r.separator).toBe(sep);
    expect(r.accepted).toBe(1);
  });

  it('en-têtes libres (« Code INSEE », « Zone »), guillemets, lignes vides, CRLF, colonnes en plus', () => {
    const text = '"Code INSEE";"Commune";"Zone "\r\n"17300";"La Rochelle";"Non prioritaire"\r\n\r\n"17306";"Royan, ville";"intermédiaire"\r\n';
    const r = zonage(utf8(text));
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((x) => [x.code, x.zone])).toEqual([
      ['17300', 'non-prioritaire'],
      ['17306', 'intermediaire'],
    ]);
    expect(r.read).toBe(2);
  });
});

describe('lignes fautives : rejetées avec fichier, ligne, champ et message ; les autres gardées', () => {
  const text = [
    'code_insee,zone',
    '17300,fragile', // 2 ok
    '99999,fragile', // 3 unknown
    '17300,fragile', // 4 identical duplicate
    '17300,intermediaire', // 5 conflicting duplicate
    '17189,tres-fragile', // 6 former code of 17219
    '17306,rouge', // 7 unknown class
    'abc,fragile', // 8 not a code
    '17004', // 9 truncated row
  ].join('\n');
  const r = zonage(utf8(text), 'zonage-2026.csv');

  it('compte : lues = acceptées + rejetées', () => {
    expect(r.read).toBe(8);
    expect(r.accepted).toBe(2);
    expect(r.rejected).toHaveLength(6);
    expect(r.accepted + r.rejected.length).toBe(r.read);
  });

  it.each([
    [3, 'code_insee', 'zonage-2026.csv, ligne 3, colonne « code_insee » : code INSEE 99999 inconnu dans ce territoire.'],
    [4, 'code_insee', 'doublon de la ligne 2'],
    [5, 'zone', 'déjà classée « fragile » ligne 2 : classement contradictoire « intermediaire » rejeté'],
    [7, 'zone', 'classe « rouge » inconnue ; classes admises : tres-fragile (Très fragile)'],
    [8, 'code_insee', "« abc » n'est pas un code INSEE"],
    [9, 'zone', 'ligne incomplète (1 champ sur 2) : fichier tronqué ou séparateur différent ?'],
  ])('ligne %i, champ %s', (line, field, message) => {
    const e = r.rejected.find((x) => x.line === line)!;
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
  });

  it("un ancien code est rattaché à la commune actuelle, avec un avertissement", () => {
    expect(r.rows).toContainEqual({ code: '17219', zone: 'tres-fragile', profession: 'medecin-generaliste' });
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('ancien code 17189 (Hiers-Brouage) rattaché à la commune actuelle 17219 Marennes-Hiers-Brouage'));
  });

  it('un zonage incomplet est signalé, jamais complété par défaut', () => {
    expect(r.missing).toHaveLength(communes.length - 2);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining(`zonage incomplet, ${communes.length - 2} communes du territoire sans classement`));
  });

  it('un séparateur inattendu laisse les colonnes introuvables : message clair, aucune ligne perdue en silence', () => {
    const bad = zonage(utf8('code_insee zone\n17300 fragile\n17306 fragile\n'));
    expect(bad.accepted).toBe(0);
    expect(bad.read).toBe(2);
    expect(bad.unread).toBe(2);
    expect(bad.rejected).toEqual([]);
    expect(bad.fileErrors[0]).toContain('colonnes obligatoires absentes : « code_insee », « zone » (colonnes lues : « code_insee zone »');
    expect(bad.missing).toEqual([]);
  });
});

describe('professionnels et pharmacies', () => {
  it('professionnels : profession par identifiant ou libellé, dates ISO ou françaises, erreurs nommées', () => {
    const text = [
      'Code INSEE;Profession;Mode;Date début;Date fin;RPPS;Nom',
      '17300;Médecin généraliste;libéral;01/03/2020;;10001234567;Dr A',
      '17300;medecin-generaliste;salarie;2019-01-01;2026-03-02;;',
      '17300;plombier;liberal;2020-01-01;;;',
      '17300;medecin-generaliste;liberal;31/02/2020;;;',
      '17300;medecin-generaliste;liberal;2020-01-01;2019-01-01;;',
      '17300;medecin-generaliste;mixte;2020-01-01;;;',
    ].join('\n');
    const r = importPractitioners('medecins.csv', utf8(text), { resolve });
    expect(r.rows).toEqual([
      { commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: '2020-03-01', end: null, rpps: '10001234567', nom: 'Dr A' },
      { commune: '17300', profession: 'medecin-generaliste', mode: 'salarie', start: '2019-01-01', end: '2026-03-02' },
    ]);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([
      [4, 'profession'],
      [5, 'date_debut'],
      [6, 'date_fin'],
      [7, 'mode'],
    ]);
  });

  it('pharmacies : un FINESS lu deux fois est rejeté la seconde fois', () => {
    const r = importPharmacies('pharmacies.csv', utf8('code_insee,finess,nom\n17300,170000001,A\n17306,170000001,B\n17306,,C\n'), { resolve });
    expect(r.accepted).toBe(2);
    expect(r.rejected[0]).toMatchObject({ line: 3, field: 'finess' });
  });

  it('dates', () => {
    expect(parseDate('2026-02-29')).toBeUndefined();
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
    expect(parseDate('')).toBeNull();
  });

  it('décodage : un octet invalide en UTF-8 bascule en Windows-1252', () => {
    expect(decode(Uint8Array.from([0x43, 0x9c, 0x75, 0x72])).text).toBe('Cœur');
  });
});

describe('extractions nationales', () => {
  const fixture = (name: string) => new Uint8Array(fs.readFileSync(`test/fixtures/${name}`));

  it('RPPS (PS_LibreAcces_Personne_activite) : médecins généralistes et autres professions du territoire', () => {
    const r = importPractitioners('PS_LibreAcces.txt', fixture('PS_LibreAcces_Personne_activite_exemple.txt'), { resolve });
    expect(r.format).toBe('rpps');
    expect(r.separator).toBe('|');
    expect(r.rows).toEqual([
      { commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: null, end: null, rpps: '10000000001', nom: 'ALICE FICTIF' },
      { commune: '17306', profession: 'medecin-generaliste', mode: 'salarie', start: null, end: null, rpps: '10000000002', nom: 'BRUNO FICTIF' },
      { commune: '17300', profession: 'chirurgien-dentiste', mode: 'liberal', start: null, end: null, rpps: '10000000004', nom: 'DAVID FICTIF' },
      { commune: '17219', profession: 'medecin-generaliste', mode: 'liberal', start: null, end: null, rpps: '10000000006', nom: 'FRANÇOIS FICTIF' },
    ]);
    expect(r.ignored).toEqual({
      'autre profession ou spécialité': 1,
      'hors territoire': 1,
      'seconde activité dans la même commune': 1,
      'mode bénévole ou non renseigné': 1,
    });
    expect(r.rejected).toEqual([expect.objectContaining({ line: 10 })]);
    expect(r.read).toBe(r.accepted + r.rejected.length + 4);
    expect(r.warnings[0].message).toContain('ancien code 17189 (Hiers-Brouage)');
  });

  it("FINESS (stock etalab) : pharmacies d'officine du territoire, en Windows-1252", () => {
    const r = importPharmacies('finess.csv', fixture('etalab-cs1100507-stock-exemple.csv'), { resolve });
    expect(r.format).toBe('finess');
    expect(r.encoding).toBe('windows-1252');
    expect(r.rows).toEqual([
      { commune: '17300', opened: '1998-04-01', closed: null, finess: '170000001', nom: 'PHARMACIE DU PORT (EXEMPLE FICTIF)' },
      { commune: '17004', opened: '2010-06-15', closed: null, finess: '170000021', nom: "PHARMACIE DE L'ÎLE D'AIX (EXEMPLE FICTIF)" },
    ]);
    expect(r.rejected).toEqual([expect.objectContaining({ line: 6, field: 'dateouv' })]);
    expect(r.ignored).toEqual({ "autre catégorie que pharmacie d'officine (620)": 1, 'hors territoire': 1, 'enregistrement « geolocalisation »': 2 });
    expect(r.read).toBe(7);
  });
});

describe('fichiers normalisés', () => {
  it("un import normalisé se relit à l'identique (zonage, professionnels, pharmacies)", async () => {
    const { zonageFile, practitionersFile, pharmaciesFile } = await import('../../src/core/import/normalized.ts');
    const z = zonage(cp1252('Code INSEE;Zone\n17300;Très fragile\n17189;intermédiaire\n'));
    const again = zonage(utf8(zonageFile(z.rows)));
    expect(again.rows).toEqual(z.rows);
    expect(zonageFile(z.rows)).toBe('code_insee,zone\n17300,tres-fragile\n17219,intermediaire\n');
    const p = importPractitioners('p', fs.readFileSync('test/fixtures/PS_LibreAcces_Personne_activite_exemple.txt'), { resolve });
    expect(importPractitioners('p2', utf8(practitionersFile(p.rows)), { resolve }).rows).toEqual(p.rows);
    const ph = importPharmacies('f', fs.readFileSync('test/fixtures/etalab-cs1100507-stock-exemple.csv'), { resolve });
    expect(importPharmacies('f2', utf8(pharmaciesFile(ph.rows)), { resolve }).rows).toEqual(ph.rows);
  });
});

describe('fichiers hostiles', () => {
  it("un fichier binaire (classeur .xlsx) : message clair, rien d'autre", () => {
    const bytes = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256);
    const r = zonage(bytes, 'zonage.xlsx');
    expect(r.fileErrors).toEqual([expect.stringContaining("ce n'est pas un fichier texte CSV")]);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(0);
  });

  it("un guillemet jamais fermé : la ligne est rejetée en le disant, la lecture reprend à la ligne suivante", () => {
    const r = zonage(utf8('code_insee;zone\n17306;fragile\n17300;"fragile\n17004;fragile\n'));
    expect(r.rows.map((x) => x.code)).toEqual(['17306', '17004']);
    expect(r.rejected).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('guillemet ouvert et jamais fermé') })]);
  });

  it('un guillemet jamais fermé nomme sa colonne avec sa ligne', () => {
    const r = zonage(utf8('code_insee;zone\n17306;fragile\n17300;"fragile\n'));
    expect(r.rejected).toEqual([{ line: 3, field: 'zone', message: 'zonage.csv, ligne 3, colonne « zone » : guillemet ouvert et jamais fermé ; la ligne est rejetée et la lecture reprend à la ligne suivante. Corrigez ce guillemet.' }]);
  });

  it.each([
    ['17300;fragile\n17306;intermediaire\n', '« 17300, fragile »', '« ; »', 2],
    ['2A004,fragile\n', '« 2A004, fragile »', '« , »', 1],
  ])("sans ligne d'en-tête (%s) : l'en-tête manque, la première ligne est comptée comme une ligne de données", (text, shown, sep, read) => {
    const r = zonage(utf8(text));
    expect(r.fileErrors).toEqual([
      `zonage.csv, ligne 1 : la ligne d'en-tête manque (première ligne lue : ${shown}, qui ressemble à des données). Ajoutez en première ligne le nom des colonnes, séparés par ${sep} : « code_insee », « zone » (facultatives : « profession »). Aucune ligne n'a pu être lue.`,
    ]);
    expect({ read: r.read, unread: r.unread, accepted: r.accepted }).toEqual({ read, unread: read, accepted: 0 });
  });

  it("des noms de colonnes inconnus restent « colonnes obligatoires absentes » (ce n'est pas une ligne de données)", () => {
    const r = zonage(utf8('insee;classe\n17300;fragile\n'));
    expect(r.fileErrors[0]).toContain('colonnes obligatoires absentes');
    expect(r.read).toBe(1);
  });

  it('une valeur entre guillemets sur plusieurs lignes ne décale pas les numéros des lignes suivantes', () => {
    // Line 2 holds a comment typed with Alt+Entrée in a spreadsheet: it spans lines 2–4 (CRLF inside).
    const r = zonage(utf8('code_insee;zone;commentaire\r\n17306;fragile;"révisé\r\nen conseil\r\ndu 3 mars"\r\n99999;fragile;\r\n\r\n17300;rouge;\r\n'));
    expect(r.rows.map((x) => x.code)).toEqual(['17306']);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([
      [5, 'code_insee'],
      [7, 'zone'],
    ]);
  });

  it("un fichier réduit à l'en-tête : averti, aucune ligne", () => {
    const r = zonage(utf8('code_insee,zone\n'));
    expect(r.read).toBe(0);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining("aucune ligne de données après la ligne d'en-tête"));
  });
});
