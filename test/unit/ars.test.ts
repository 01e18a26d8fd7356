// The real ARS zonages (../shared/data/ars-zonages): importers, national class tables, dates.
// Cases quote rows of the shared files; counts are checked against counts taken straight from each file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CogCommune } from '../../src/core/communes.ts';
import { CommuneIndex, nameKey } from '../../src/core/ars/commune-index.ts';
import { importCartoSante } from '../../src/core/ars/cartosante.ts';
import { importNamePostal } from '../../src/core/ars/name-postal.ts';
import { classTable } from '../../src/core/ars/class-table.ts';
import { arsClasses, classReader } from '../../src/core/ars/schemes.ts';
import { readTable, type ArsTableFile } from '../../src/core/ars/table-file.ts';
import { buildArs, arsSrc } from '../../scripts/build-ars.ts';
import { ROOT, loadArsSchemes } from '../../scripts/lib/inputs.ts';
import { buildZonageBundle } from '../../scripts/build-zonage.ts';
import { paths, withPaths } from '../../scripts/lib/paths.ts';
import { communeZonages, noZonageText, schemesOf, zonageInForce, zonageView } from '../../src/core/zonage/bundle.ts';
import { fictitiousDatasets } from '../../src/core/datasets.ts';
import { zonageStatus } from '../../src/core/zonage/status.ts';
import { zoneResolver } from '../../src/core/zonage/resolver.ts';

const require = createRequire(import.meta.url);
const index = new CommuneIndex(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
const schemes = loadArsSchemes();
const opts = (profession: string) => ({ index, classOf: classReader(schemes, profession), known: arsClasses(schemes, profession).filter((k) => k.code).map((k) => k.code!) });
const HEAD = 'CartoSanté; ; \nRéférentiel géographique : France par commune et arrondissement mun.; ; \nCode;Libellé;Zonage chirurgien-dentiste\n';
const cartosante = (rows: string) => importCartoSante('dentistes.csv', '\ufeff' + HEAD + rows, opts('chirurgien-dentiste'));
const gp = (rows: string) => importNamePostal('zonmed.csv', 'Code_postal,Nom_commune,Zonage\r\n' + rows, opts('medecin-generaliste'));
const table = (r: { rows: Parameters<typeof classTable>[0] }) => classTable(r.rows);

describe('export CartoSanté', () => {
  it.each([
    // [row of cartosante-chirurgiens-dentistes.csv or cartosante-masseurs-kinesitherapeutes.csv, commune, class]
    ['49218;Montrevault-sur-Èvre;3_intermediaire', '49218', 'intermediaire'],
    ['49092;Chemillé-en-Anjou;1_Tres_sous_dotee', '49092', 'tres-sous-dotee'],
    ['75101;Paris 1er Arrondissement;5b_Non_prioritaire', '75056', 'non-prioritaire'],
    ['97701;Saint-Barthélemy;N/A - résultat non disponible', '97701', 'sans-classe'],
  ])('%s → %s %s', (row, commune, cls) => {
    const r = cartosante(row);
    expect(r.rejected).toEqual([]);
    expect(table(r).classes.get(commune)).toBe(cls);
  });

  it('ancien code : rattaché à la commune actuelle, avec un avertissement (Orée d\'Anjou écrite 49069)', () => {
    const r = cartosante("49069;Orée d'Anjou;3_intermediaire");
    expect(table(r).classes.get('49126')).toBe('intermediaire');
    expect(r.warnings[0].message).toBe("dentistes.csv, ligne 4 : ancien code 49069 (Orée d'Anjou) rattaché à la commune actuelle 49126 Orée d'Anjou.");
  });

  it('parties de classes différentes : « selon la partie », listées, aucune choisie', () => {
    const r = cartosante('75101;Paris 1er Arrondissement;5b_Non_prioritaire\n75119;Paris 19e Arrondissement;1_Tres_sous_dotee');
    const t = table(r);
    expect(t.classes.get('75056')).toBe('parties');
    expect(t.parts.get('75056')).toEqual([
      { code: '75101', nom: 'Paris 1er Arrondissement', class: 'non-prioritaire' },
      { code: '75119', nom: 'Paris 19e Arrondissement', class: 'tres-sous-dotee' },
    ]);
  });

  it('la dernière ligne sans fin de ligne compte ; une classe ou un code inconnus sont rejetés avec ligne et champ', () => {
    const r = cartosante('49218;Montrevault-sur-Èvre;3_intermediaire\r\n49301;Sèvremoine;ZIP\r\n99999;Nulle part;3_intermediaire\r\n49092;Chemillé-en-Anjou;1_Tres_sous_dotee');
    expect(r).toMatchObject({ read: 4, accepted: 2, rejectedCount: 2, unread: 0 });
    expect(r.rows.map((e) => e.commune)).toEqual(['49218', '49092']);
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [5, 'Zonage'],
      [6, 'Code'],
    ]);
    expect(r.rejected[0].message).toContain('classe « ZIP » inconnue ; classes admises : 1_Tres_sous_dotee, 2_Sous_dotee');
  });

  it('en-tête absent : refusé à la ligne 1', () => {
    const r = importCartoSante('x.csv', 'Code;Libellé;Zonage\n49218;Montrevault-sur-Èvre;3_intermediaire', opts('chirurgien-dentiste'));
    expect(r.fileErrors).toEqual([expect.stringMatching(/^x\.csv, ligne 1 : en-tête CartoSanté attendu/)]);
    expect(r).toMatchObject({ accepted: 0, rejectedCount: 0, rows: [] });
  });
});

describe('liste par nom et code postal', () => {
  it.each([
    // zonmed-medecins-generalistes.csv rows, then the same commune typed by hand
    ['49110,Montrevault-sur-Èvre,1_ZIP', '49218', 'zip'],
    ["1400,L'Abergement-Clémenciat,2_ZAC", '01001', 'zac'],
    ['01400,L ABERGEMENT CLEMENCIAT,ZAC', '01001', 'zac'],
    ['85290,St Laurent sur Sevre,HZ', '85238', 'hors-zonage'],
    ['49600,Beaupréau,zone d’intervention prioritaire (ZIP)', '49023', 'zip'], // delegated commune of Beaupréau-en-Mauges
    ['13001,Marseille 1er Arrondissement,3_HZ', '13055', 'hors-zonage'],
    ['97425,Les Avirons,N/A - résultat non disponible', '97401', 'sans-classe'],
  ])('%s → %s %s', (row, commune, cls) => {
    const r = gp(row);
    expect(r.rejected).toEqual([]);
    expect(table(r).classes.get(commune)).toBe(cls);
  });

  it('nom insensible à la casse, aux accents, tirets, apostrophes et St/Ste', () => {
    expect(nameKey("Sainte-Foy-l'Argentière")).toBe(nameKey('STE FOY L ARGENTIERE'));
    expect(nameKey('Saint-Étienne')).toBe(nameKey('st etienne'));
  });

  it('lignes répétées concordantes comptées une fois ; discordantes : conflit nommé, classes listées', () => {
    const repeated = table(gp("49270,Orée d'Anjou,2_ZAC\r\n49270,Orée d'Anjou,2_ZAC\r\n49530,Orée d'Anjou,2_ZAC"));
    expect(repeated.classes.get('49126')).toBe('zac');
    expect(repeated.repeated).toBe(2);
    const conflict = table(gp("49270,Orée d'Anjou,2_ZAC\r\n49530,Orée d'Anjou,1_ZIP"));
    expect(conflict.classes.get('49126')).toBe('parties');
    expect(conflict.conflicts).toEqual(["Orée d'Anjou (49126) : classements contradictoires « zac » ligne 2, « zip » ligne 3 ; aucun n'est retenu seul."]);
  });

  it('noms anciens : une commune renommée ou fusionnée depuis, nommée par les exports CartoSanté', () => {
    const own = new CommuneIndex(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]);
    const row = '71500,Louhans,2_ZAC'; // zonmed-medecins-generalistes.csv, line 31215
    expect(importNamePostal('zonmed.csv', 'Code_postal,Nom_commune,Zonage\n' + row, { ...opts('medecin-generaliste'), index: own }).rejected).toHaveLength(1);
    own.addFormerNames([{ code: '71263', nom: 'Louhans' }]); // cartosante-infirmiers.csv: « 71263;Louhans;3_intermediaire »
    const r = importNamePostal('zonmed.csv', 'Code_postal,Nom_commune,Zonage\n' + row, { ...opts('medecin-generaliste'), index: own });
    expect(r.rows).toMatchObject([{ commune: '71263', class: 'zac' }]);
  });

  it.each([
    // rows of zonmed-medecins-generalistes.csv that only the former names of the CartoSanté exports resolve
    ['1049', '2000,Pargny-Filain,1_ZIP', 'nom', "aucune commune, actuelle, déléguée ou ancienne, ne s'appelle « Pargny-Filain » (code postal 02000)."],
    ['1977', '5190,Rousset,1_ZIP', 'code postal', "aucune commune « Rousset » n'a le code postal 05190. Candidats : Rousset (13087, codes postaux 13790)."],
    ['20216', '50310,Saint-Cyr,2_ZAC', 'code postal', "aucune commune « Saint-Cyr » n'a le code postal 50310. Candidats : Saint-Cyr (07227"],
  ])('ligne %s (%s) : rejetée, champ « %s », candidats', (_line, row, field, message) => {
    const r = gp(row);
    expect(r.rows).toEqual([]);
    expect(r.rejected[0]).toMatchObject({ line: 2, field });
    expect(r.rejected[0].message).toContain(message);
  });

  it('colonnes introuvables : refusé à la ligne 1', () => {
    const r = importNamePostal('x.csv', 'a,b\n1,2', opts('medecin-generaliste'));
    expect(r.fileErrors).toEqual([expect.stringMatching(/^x\.csv, ligne 1 : colonnes « code postal », « nom de la commune », « zonage » introuvables/)]);
    // The row after the refused header is counted, left unread.
    expect(r).toMatchObject({ read: 1, unread: 1, accepted: 0, rejectedCount: 0 });
  });
});

describe('npm run build:ars', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-'));
  const { manifest, written } = buildArs({ out });
  const committed = path.join(ROOT, 'public/data/ars');

  it('reproductible octet pour octet : identique aux tables livrées', () => {
    for (const f of written) expect(fs.readFileSync(f).equals(fs.readFileSync(path.join(committed, path.basename(f)))), path.basename(f)).toBe(true);
  });

  it.each(loadArsSchemes().professions.map((p) => [p.profession, p.file]))('%s : lignes par classe = comptage direct de %s ; communes par classe = table', (profession, file) => {
    const m = manifest.find((x) => x.profession === profession)!;
    const text = fs.readFileSync(path.join(arsSrc(), file), 'utf8');
    const [sep, skip] = file.startsWith('cartosante') ? [';', 3] : [',', 1];
    const direct: Record<string, number> = {};
    const rows = text.replace(/^\ufeff/, '').split(/\r?\n/).slice(skip).filter((l) => l !== '');
    for (const l of rows) direct[l.split(sep)[2]] = (direct[l.split(sep)[2]] ?? 0) + 1;
    expect(m.rowsPerClass).toEqual(direct);
    expect(m.rows).toBe(rows.length);
    const t = JSON.parse(fs.readFileSync(path.join(out, `${profession}.json`), 'utf8')) as ArsTableFile;
    const fromTable = Object.fromEntries(Object.entries(t.classes).map(([id, codes]) => [id, codes.split(' ').length]));
    expect(Object.fromEntries(Object.entries(m.communesPerClass).filter(([, n]) => n > 0))).toEqual(fromTable);
    expect(m.communes).toBe(Object.values(fromTable).reduce((a, b) => a + b, 0));
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('médecins : toutes les lignes résolues (noms anciens des exports CartoSanté compris) ; Paris, Lyon, Marseille selon l\'arrondissement', () => {
    const m = manifest.find((x) => x.profession === 'medecin-generaliste')!;
    expect(m.unresolved).toEqual([]);
    expect(m.communes).toBe(34870);
    expect(m.partsCommunes).toEqual(['13055', '69123', '75056']);
    const mauges = readTable(JSON.parse(fs.readFileSync(path.join(out, 'medecin-generaliste.json'), 'utf8')), new Set(['49218', '49126']));
    expect(mauges.classes).toEqual({ '49126': 'zac', '49218': 'zip' });
  });
});

describe('dates des zonages ARS', () => {
  const cm = buildZonageBundle('charente-maritime').bundle;
  const mauges = buildZonageBundle('mauges').bundle;
  const gpArs = cm.zonages.find((z) => z.scheme === 'ars-medecin-generaliste')!;

  it.each([
    ['2025-05-01', 'a-venir', 'connu à partir du 9 mai 2025'],
    ['2025-05-09', 'en-vigueur', 'en vigueur au 9 mai 2025'],
    ['2026-02-02', 'dernier-connu', 'dernier zonage connu (en vigueur au 9 mai 2025) ; un arrêté plus récent peut exister'],
    ['2026-02-03', 'remplace', "remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée"],
  ])('Charente-Maritime, médecins, ARS au %s : %s', (date, state, text) => {
    expect(zonageStatus(gpArs, date)).toMatchObject({ state, text });
  });

  it('Charente-Maritime : le zonage départemental d\'abord, la couche ARS au choix ; aucun zonage ARS médecins en vigueur après le remplacement', () => {
    expect(schemesOf(cm, 'medecin-generaliste').map((s) => s.id)).toEqual(['cd17', 'ars-medecin-generaliste']);
    expect(schemesOf(cm, 'infirmier').map((s) => s.id)).toEqual(['ars-infirmier']);
    expect(zonageInForce(cm, 'medecin-generaliste', '2026-06-01')!.scheme).toBe('cd17');
    expect(zonageInForce(cm, 'medecin-generaliste', '2026-06-01', 'ars-medecin-generaliste')).toBeUndefined();
    expect(noZonageText(cm, 'medecin-generaliste', '2026-06-01', 'ars-medecin-generaliste')).toContain("aucun zonage en vigueur au 1er juin 2026 : zonage ARS des médecins généralistes 2025 remplacé le 3 février 2026");
    expect(noZonageText(cm, 'medecin-generaliste', '2027-01-05')).toBe("aucun zonage en vigueur au 5 janvier 2027 ; le dernier était valable jusqu'au 31 décembre 2026");
    expect(zoneResolver(cm, '2026-06-01')('17300')('medecin-generaliste')!.zonage).toBe('zonage départemental 2026, exemple — données fictives');
    // Before the départemental zonage begins, the aids find none: the ARS layer does not stand in for it.
    expect(zoneResolver(cm, '2025-06-01')('17300')('medecin-generaliste')).toBeUndefined();
  });

  it('Charente : le remplacement vient de la table nationale, sans « replaced » écrit dans son zonage.json ; les autres professions restent le dernier zonage connu', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/territories/charente/zonage.json'), 'utf8')) as { years: Array<{ replaced?: unknown }> };
    expect(config.years.some((y) => y.replaced)).toBe(false);
    const charente = buildZonageBundle('charente').bundle;
    const status = (profession: string) => zonageStatus(charente.zonages.find((z) => z.profession === profession)!, '2026-11-23');
    expect(status('medecin-generaliste')).toMatchObject({ state: 'remplace', text: zonageStatus(gpArs, '2026-11-23').text });
    expect(status('chirurgien-dentiste').state).toBe('dernier-connu');
    expect(zonageStatus(charente.zonages.find((z) => z.profession === 'medecin-generaliste')!, '2026-01-15').state).toBe('dernier-connu');
    expect(communeZonages(charente, '16015', '2026-11-23').find((z) => z.profession === 'medecin-generaliste')!.status.state).toBe('remplace');
    // The Mauges (Pays de la Loire) keep theirs.
    expect(mauges.zonages.every((z) => !z.replaced)).toBe(true);
  });

  it('Mauges : zonages réels (non exemple), dernier connu ; les données fictives restantes sont nommées', () => {
    const view = zonageView(mauges, 'medecin-generaliste', 2025, '2026-11-23')!;
    expect(view.example).toBe(false);
    expect(view.classes.get('49218')!.base).toBe('zip'); // « 49110,Montrevault-sur-Èvre,1_ZIP »
    expect(view.status.state).toBe('dernier-connu');
    expect(zoneResolver(mauges, '2026-11-23')('49092')('chirurgien-dentiste')!.zonage).toBe(
      'zonage ARS des chirurgiens-dentistes 2025, dernier zonage connu ; un arrêté plus récent peut exister',
    );
    expect(fictitiousDatasets(mauges).map((d) => d.label)).toEqual(['Professionnels de santé', 'Pharmacies', 'Mouvements déclarés']);
    expect(communeZonages(mauges, '49126', '2026-11-23').map((z) => [z.profession, z.class, z.example])).toEqual([
      ['medecin-generaliste', 'zac', false],
      ['chirurgien-dentiste', 'intermediaire', false],
      ['masseur-kinesitherapeute', 'intermediaire', false],
    ]);
  });
});

describe('une liste ARS plus récente, importée par le chargé de mission', () => {
  it('s\'applique au territoire à partir de sa date ; une ligne non résolue du département est un problème, d\'ailleurs un avertissement', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-list-'));
    fs.cpSync(path.join(ROOT, 'data/territories'), tmp, { recursive: true });
    const dir = path.join(tmp, 'charente-maritime');
    // As an ARS annex list typed by hand: names and postal codes, a row of another département, one typo.
    fs.writeFileSync(
      path.join(dir, 'zonages/ars-medecins-2026.csv'),
      'Code postal;Commune;Zonage\n17000;LA ROCHELLE;ZAC\n17400;St Jean d Angely;ZIP\n16000;Angoulême;ZIP\n16000;Angoulemme;ZIP\n17400;Saint-Jean-d-Angelyy;ZIP\n',
    );
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'zonage.json'), 'utf8'));
    config.years.push({ year: 2026, scheme: 'ars-medecin-generaliste', profession: 'medecin-generaliste', file: 'zonages/ars-medecins-2026.csv', format: 'nom-code-postal', authority: 'ARS Nouvelle-Aquitaine', validFrom: '2026-02-03', validUntil: '2026-02-03', lastKnown: true, example: false, source: 'ARS Nouvelle-Aquitaine, arrêté du 30 décembre 2025' });
    fs.writeFileSync(path.join(dir, 'zonage.json'), JSON.stringify(config));
    // The scripts read their folders once (scripts/lib/paths.ts): this copy is put in effect for the call.
    const { bundle, problems, warnings } = withPaths({ ...paths(), dataDir: tmp }, () => buildZonageBundle('charente-maritime'));
    {
      expect(problems).toEqual([expect.stringContaining("ligne 6, champ « nom » : aucune commune, actuelle, déléguée ou ancienne, ne s'appelle « Saint-Jean-d-Angelyy »")]);
      expect(warnings).toContain(`${path.relative(process.cwd(), path.join(dir, 'zonages/ars-medecins-2026.csv'))} : 1 ligne hors des départements du territoire non résolue, sans effet ici.`);
      expect(warnings.some((w) => w.includes('460 communes du territoire absentes de la liste'))).toBe(true);
      const z = zonageInForce(bundle, 'medecin-generaliste', '2026-06-01', 'ars-medecin-generaliste')!;
      expect(z.year).toBe(2026);
      expect(z.classes).toEqual({ '17300': 'zac', '17347': 'zip' });
      expect(zonageInForce(bundle, 'medecin-generaliste', '2026-01-15', 'ars-medecin-generaliste')!.year).toBe(2025);
    }
  });

  it('en Charente, la liste importée à partir du remplacement l\'emporte : ni grisée ni dite remplacée', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-list-'));
    fs.cpSync(path.join(ROOT, 'data/territories'), tmp, { recursive: true });
    const dir = path.join(tmp, 'charente');
    fs.mkdirSync(path.join(dir, 'zonages'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'zonages/ars-medecins-2026.csv'), 'Code postal;Commune;Zonage\n16000;Angoulême;ZIP\n');
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'zonage.json'), 'utf8'));
    config.years.push({ year: 2026, scheme: 'ars-medecin-generaliste', profession: 'medecin-generaliste', file: 'zonages/ars-medecins-2026.csv', format: 'nom-code-postal', authority: 'ARS Nouvelle-Aquitaine', validFrom: '2026-02-03', validUntil: '2026-02-03', lastKnown: true, example: false, source: 'ARS Nouvelle-Aquitaine, arrêté du 30 décembre 2025' });
    fs.writeFileSync(path.join(dir, 'zonage.json'), JSON.stringify(config));
    const { bundle, problems } = withPaths({ ...paths(), dataDir: tmp }, () => buildZonageBundle('charente'));
    {
      expect(problems).toEqual([]);
      const z = zonageInForce(bundle, 'medecin-generaliste', '2026-11-23', 'ars-medecin-generaliste')!;
      expect(z.year).toBe(2026);
      expect(z.replaced).toBeUndefined();
      expect(zonageStatus(z, '2026-11-23').state).toBe('dernier-connu');
      expect(communeZonages(bundle, '16015', '2026-11-23').filter((c) => c.profession === 'medecin-generaliste').map((c) => [c.year, c.class, c.status.state])).toEqual([
        [2025, 'zac', 'remplace'],
        [2026, 'zip', 'dernier-connu'],
      ]);
    }
  });
});
