// The draft over a proposal: manual classes need a reason from the list and a comment before adoption;
// counts and population per class, the transition matrix, entering and leaving lists, warnings; the pack
// (CSV with formulae neutralised, XLSX read back) and the zonage file of the adopted year.
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import * as docx from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  adoptionBlockers, annexDocument, classCounts, draftRows, emptyDraft, entersAndLeaves, packCsv, packWorkbook, parseDraft, parseMethod, propose, transitionMatrix, zonageCsv,
  RevisionError, type IndicatorReader, type Method, type XlsxWriterLike,
} from '../../src/core/revision/index.ts';

const CLASSES = ['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire'];
const FILE = 'data/territories/charente-maritime/revision.json';
const method: Method = parseMethod(JSON.parse(fs.readFileSync(FILE, 'utf8')), FILE, CLASSES);

// code, name, population, apl, apl change since 2019, ars, GPs, pharmacies, last year
const FIXTURE: Array<[string, string, number, number | null, number, string, number, number, string]> = [
  ['17001', 'Aaa', 1000, 2.0, -0.4, 'zip', 1, 1, 'tres-fragile'], // stays très fragile
  ['17002', 'Bbb', 2000, 3.0, 0.1, 'hors-zonage', 2, 1, 'tres-fragile'], // très fragile → fragile
  ['17003', 'Ccc', 500, 4.5, -0.3, 'hors-zonage', 3, 1, 'fragile'], // fragile → non prioritaire, APL fell
  ['17004', 'Ddd', 300, 4.5, 0.2, 'hors-zonage', 0, 1, 'non-prioritaire'], // pharmacy rule → fragile
  ['17005', '=Eee', 700, null, 0, 'hors-zonage', 1, 0, 'intermediaire'], // à préciser
  ['17006', 'Fff', 4000, 4.2, 0, 'zip', 5, 2, 'fragile'], // ZIP → fragile by rule
];
const read: IndicatorReader = (code, indicator, since) => {
  const f = FIXTURE.find((x) => x[0] === code)!;
  const v = { apl: f[3], 'apl-evolution': f[4], 'classe-ars': f[5], medecins: f[6], pharmacies: f[7] }[indicator as string];
  return v === undefined ? undefined : { indicator, label: indicator, value: v, source: 'fixture', year: 2023, ...(since ? { since } : {}) };
};
const communes = FIXTURE.map(([code, nom, population]) => ({ code, nom, population, epci: { code: '200041523', nom: 'CC Essai' } }));
const last = new Map(FIXTURE.map((f) => [f[0], f[8]]));
const proposals = propose(method, {}, communes, read, last, (id) => id);
const xlsx = XLSX as unknown as XlsxWriterLike;

describe('brouillon : classe finale, changements, blocages', () => {
  it('sans classe manuelle : la proposition, et « à préciser » bloque', () => {
    const rows = draftRows(proposals, emptyDraft(method, 'essai', 2027), method, CLASSES);
    expect(rows.map((r) => r.final)).toEqual(['tres-fragile', 'fragile', 'non-prioritaire', 'fragile', 'a-preciser', 'fragile']);
    expect(rows.map((r) => r.changed)).toEqual([false, true, true, true, true, false]);
    expect(adoptionBlockers(rows, method)).toEqual(['=Eee (17005) : classe à préciser, à fixer à la main avec un motif']);
  });

  it.each([
    [{ class: 'intermediaire' }, ['=Eee (17005) : classe manuelle, motif manquant']],
    [{ class: 'intermediaire', reason: 'autre' }, ['=Eee (17005) : classe manuelle, commentaire manquant']],
    [{ class: 'intermediaire', reason: 'pas dans la liste', comment: 'x' }, ['=Eee (17005) : classe manuelle, motif manquant']],
    [{ class: 'intermediaire', reason: 'départ connu', comment: '  ' }, ['=Eee (17005) : classe manuelle, commentaire manquant']],
    [{ class: 'intermediaire', reason: 'départ connu', comment: 'Le Dr X part en mars.' }, []],
  ])('classe manuelle %j', (override, blockers) => {
    const d = { ...emptyDraft(method, 'essai', 2027), overrides: { '17005': override } };
    const rows = draftRows(proposals, d, method, CLASSES);
    expect(rows[4].final).toBe('intermediaire');
    expect(adoptionBlockers(rows, method)).toEqual(blockers);
  });
});

const argued = { ...emptyDraft(method, 'essai', 2027), overrides: { '17005': { class: 'intermediaire', reason: 'départ connu', comment: 'Le Dr X part en mars.' } } };
const rows = draftRows(proposals, argued, method, CLASSES, { neighbours: new Map([['17001', ['17003']], ['17003', ['17001']]]) });

describe('avertissements', () => {
  it.each([
    ['17001', ['voisine à deux classes d\'écart : Ccc']],
    ['17003', ['quitte une classe prioritaire alors que son APL a baissé (-0,30 depuis 2019)', 'voisine à deux classes d\'écart : Aaa']],
    ['17004', []],
    ['17006', []],
  ])('%s', (code, warnings) => {
    expect(rows.find((r) => r.code === code)!.warnings).toEqual(warnings);
  });
  it('ZIP de l’ARS proposée non prioritaire', () => {
    const d = { ...argued, overrides: { ...argued.overrides, '17006': { class: 'non-prioritaire', reason: 'autre', comment: 'essai' } } };
    expect(draftRows(proposals, d, method, CLASSES).find((r) => r.code === '17006')!.warnings).toEqual(["zone d'intervention prioritaire de l'ARS proposée non prioritaire"]);
  });
});

describe('comptes et comparaison avec l’an dernier', () => {
  it('communes et population par classe', () => {
    expect(classCounts(rows, CLASSES, 'a-preciser')).toEqual([
      { id: 'tres-fragile', communes: 1, population: 1000, lastCommunes: 2, lastPopulation: 3000 },
      { id: 'fragile', communes: 3, population: 6300, lastCommunes: 2, lastPopulation: 4500 },
      { id: 'intermediaire', communes: 1, population: 700, lastCommunes: 1, lastPopulation: 700 },
      { id: 'non-prioritaire', communes: 1, population: 500, lastCommunes: 1, lastPopulation: 300 },
    ]);
  });
  it('matrice de transition', () => {
    expect(transitionMatrix(rows, (r) => r.lastYear)).toEqual([
      { from: 'fragile', to: 'fragile', communes: 1, population: 4000 },
      { from: 'fragile', to: 'non-prioritaire', communes: 1, population: 500 },
      { from: 'intermediaire', to: 'intermediaire', communes: 1, population: 700 },
      { from: 'non-prioritaire', to: 'fragile', communes: 1, population: 300 },
      { from: 'tres-fragile', to: 'fragile', communes: 1, population: 2000 },
      { from: 'tres-fragile', to: 'tres-fragile', communes: 1, population: 1000 },
    ]);
  });
  it('entrées et sorties par classe, avec leur raison', () => {
    const fragile = entersAndLeaves(rows, CLASSES).find((x) => x.id === 'fragile')!;
    expect(fragile.entering.map((m) => [m.code, m.from])).toEqual([['17002', 'tres-fragile'], ['17004', 'non-prioritaire']]);
    expect(fragile.entering[1].why).toMatch(/pharmacie sans médecin généraliste en exercice \(fiche 1/);
    expect(fragile.leaving.map((m) => [m.code, m.to])).toEqual([['17003', 'non-prioritaire']]);
  });
});

describe('dossier de la commission et fichier du zonage adopté', () => {
  const pack = { method, rows, classIds: CLASSES, label: (id: string) => id, year: 2027, draftName: 'essai', adopted: false };
  it('CSV : projet, formules neutralisées, une ligne par commune', () => {
    const csv = packCsv(pack);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^"PROJET — brouillon « essai », non adopté ; méthode : Méthode proposée par l'observatoire, une interprétation/);
    expect(lines).toHaveLength(2 + FIXTURE.length);
    expect(lines[1].split(';').slice(0, 5)).toEqual(['code_insee', 'commune', 'epci', 'population', 'apl']);
    expect(lines.find((l) => l.startsWith('17005'))).toMatch(/^17005;'=Eee;/);
    expect(lines.find((l) => l.startsWith('17001'))).toMatch(/^17001;Aaa;CC Essai;1000;2;2023;/);
  });
  it('XLSX relu : synthèse et communes', () => {
    const book = XLSX.read(packWorkbook(xlsx, pack), { type: 'array' });
    expect(book.SheetNames).toEqual(['Synthèse', 'Communes']);
    const summary = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Synthèse'], { header: 1 });
    expect(summary[0]).toEqual(['Zonage départemental 2027 — PROJET (brouillon « essai »)']);
    expect(summary).toContainEqual(['fragile', 3, 6300, 2, 4500]);
    expect(summary).toContainEqual(['non-prioritaire', 'fragile', 1, 300]);
    const table = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Communes']);
    expect(table).toHaveLength(FIXTURE.length);
    expect(table[4]).toMatchObject({ code_insee: '17005', commune: "'=Eee", classe_finale: 'intermediaire', motif: 'départ connu', commentaire: 'Le Dr X part en mars.' });
  });
  it('annexe Word relue : projet, effectifs, communes par classe avec le motif, méthode, sources', async () => {
    const bytes = await docx.Packer.toBuffer(annexDocument(docx, { method, rows, classIds: CLASSES, label: (id) => id, year: 2027, adopted: false }));
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('Annexe — zonage départemental 2027|PROJET — liste non adoptée');
    expect(text).toContain('fragile|3|6\u202f300|2|4\u202f500');
    expect(text).toContain('intermediaire (1 commune)|=Eee (17005) — classe manuelle : départ connu');
    expect(text).toContain("Méthode proposée par l&apos;observatoire, une interprétation");
    expect(text).toContain('|fixture');
  });

  it('fichier du zonage : code_insee,zone trié', () => {
    expect(zonageCsv(rows)).toBe('code_insee,zone\n17001,tres-fragile\n17002,fragile\n17003,non-prioritaire\n17004,fragile\n17005,intermediaire\n17006,fragile\n');
  });
});

describe('brouillon relu depuis un fichier', () => {
  const codes = new Set(FIXTURE.map((f) => f[0]));
  it('accepté', () => expect(parseDraft(argued, 'b.json', method, codes, CLASSES)).toEqual(argued));
  it.each([
    [{ method: { id: 'cd17-apl', version: 0 } }, /champ « method » : brouillon fait avec la méthode cd17-apl v0/],
    [{ overrides: { '17999': { class: 'fragile' } } }, /commune 17999, champ « overrides\.17999 » : commune inconnue/],
    [{ overrides: { '17001': { class: 'rouge' } } }, /commune 17001, champ « overrides\.17001\.class » : classe « rouge » inconnue/],
    [{ parameters: { seuil: 1 } }, /parameters\.seuil/],
    [{ format: 'autre' }, /champ « format »/],
  ])('%j refusé', (patch, message) => {
    expect(() => parseDraft({ ...argued, ...patch }, 'b.json', method, codes, CLASSES)).toThrow(RevisionError);
    expect(() => parseDraft({ ...argued, ...patch }, 'b.json', method, codes, CLASSES)).toThrow(message);
  });
});
