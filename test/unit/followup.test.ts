// The plan's follow-up, table-driven: the register's import and checks, each fiche's « indicateur de
// suivi » (quoted from the plan), the envelope arithmetic (« porté cette Autorisation d'Engagement à
// 3 047 100 € »), deadlines and the public aggregates with small counts hidden.
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { buildAidCatalogue } from '../../scripts/build-aids.ts';
import { buildZonageBundle } from '../../scripts/build-zonage.ts';
import { loadCog, loadTerritories } from '../../scripts/lib/inputs.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { communeResolver } from '../../src/core/import/fields.ts';
import { zoneResolver } from '../../src/core/zonage/resolver.ts';
import type { Dossier } from '../../src/core/followup/model.ts';
import { parseFollowup, type Followup, type Indicator } from '../../src/core/followup/schema.ts';
import { importRegister, xlsxRegisterBytes, parseEuros } from '../../src/core/followup/register-import.ts';
import { addFindings, checkDossiers } from '../../src/core/followup/checks.ts';
import { indicatorValues, ficheSummaries } from '../../src/core/followup/indicators.ts';
import { envelopeAt, envelopeOf } from '../../src/core/followup/envelope.ts';
import { deadlinesOf } from '../../src/core/followup/deadlines.ts';
import { publicFollowup, publicCsv, shown } from '../../src/core/followup/aggregates.ts';
import fs from 'node:fs';

const { catalogue } = buildAidCatalogue('charente-maritime');
const aids = catalogue.aids;
const territory = loadTerritories().find((t) => t.id === 'charente-maritime')!;
const communes = territoryCommunes(loadCog(), territory);
const byCode = new Map(communes.map((c) => [c.code, c]));
const followup = parseFollowup(JSON.parse(fs.readFileSync('data/territories/charente-maritime/suivi/plan.json', 'utf8')), 'plan.json', aids.map((a) => a.id)).followup!;
const { bundle } = buildZonageBundle('charente-maritime');
const engine = { bundle, commune: (code: string) => { const c = byCode.get(code)!; return c && { code: c.code, nom: c.nom, population: c.population }; } };
const zoneOf = zoneResolver(bundle, '2026-03-01');
const communeIn = (cls: string) => communes.find((c) => zoneOf(c.code)('medecin-generaliste')?.effective === cls)!.code;

const HEADER = 'dossier;aide;beneficiaire_type;beneficiaire;code_insee;date_reception;date_evenement;date_decision;date_convention;date_versement;fin_engagement;montant_demande;montant_accorde;montant_verse;unites;statut;engagement;notes';
/** A register line from named cells (the others empty). */
const line = (cells: Record<string, string | number>) => HEADER.split(';').map((k) => cells[k] ?? '').join(';');
const ctx = (extra = {}) => ({ aids, resolve: communeResolver(communes), ...extra });
const run = (lines: string[], name = 'registre.csv') => importRegister(name, new TextEncoder().encode([HEADER, ...lines].join('\n')), ctx({ finish: (r: Parameters<typeof addFindings>[0]) => addFindings(r, checkDossiers(r.rows, { aids, followup, engine })) }));

let n = 0;
function dossier(p: Partial<Dossier>): Dossier {
  return { line: ++n + 1, id: `D${n}`, aid: 'cd17-fiche-08', beneficiaryKind: 'medecin', beneficiary: `Personne ${n}`, commune: '17300', received: '2025-09-01', event: null, decided: null, convention: null, paid: null, commitmentEnd: null, requested: null, granted: null, paidAmount: null, units: null, status: 'recu', commitment: '', notes: '', ...p };
}

describe('lecture du registre (même rapport que les autres imports)', () => {
  const fragile = communeIn('fragile');
  it.each([
    ['ligne correcte', `A1;fiche 8;medecin;Nom Un;${fragile};2026-01-10;2025-12-20;2026-02-01;2026-02-10;2026-03-01;2030-12-19;10000;10000;10000;;versé;5 ans;`, 1, 0, ''],
    ['aide inconnue', `A1;fiche 99;medecin;Nom;${fragile};2026-01-10;;;;;;;;;;reçu;;`, 0, 1, 'colonne « aide » : aide « fiche 99 » inconnue'],
    ['date illisible', `A1;fiche 8;medecin;Nom;${fragile};31/02/2026;;;;;;;;;;reçu;;`, 0, 1, 'colonne « date_reception » : date « 31/02/2026 » illisible'],
    ['dates dans le désordre', line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Nom', code_insee: fragile, date_reception: '2026-03-10', date_decision: '2026-02-01', montant_accorde: 10000, statut: 'accordé' }), 0, 1, 'colonne « date_decision » : 2026-02-01 précède date_reception'],
    ['montant illisible', line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Nom', code_insee: fragile, date_reception: '2026-01-10', date_decision: '2026-02-01', montant_demande: 'dix mille', montant_accorde: 10000, statut: 'accordé' }), 0, 1, 'colonne « montant_demande » : montant « dix mille » illisible'],
    ['statut inconnu', `A1;fiche 8;medecin;Nom;${fragile};2026-01-10;;;;;;;;;;peut-être;;`, 0, 1, 'colonne « statut » : statut « peut-être » inconnu'],
    ['commune hors territoire', `A1;fiche 8;medecin;Nom;16015;2026-01-10;;;;;;;;;;reçu;;`, 0, 1, 'colonne « code_insee » : code INSEE « 16015 » inconnu'],
    ['accordé sans montant', line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Nom', code_insee: fragile, date_reception: '2026-01-10', date_decision: '2026-02-01', statut: 'accordé' }), 0, 1, 'colonne « montant_accorde » : montant accordé vide'],
  ])('%s', (_name, line, accepted, rejected, message) => {
    const r = run([line]);
    expect([r.read, r.accepted, r.rejectedCount]).toEqual([1, accepted, rejected]);
    expect(r.read).toBe(r.accepted + r.rejectedCount + Object.values(r.ignored).reduce((a, b) => a + b, 0) + r.unread);
    if (message) expect(r.rejected[0].message).toContain(`registre.csv, ligne 2, ${message}`);
  });

  it('un numéro de dossier en double est rejeté, la première ligne gardée', () => {
    const r = run([`A1;fiche 3;medecin;Nom;${fragile};2026-01-10;;;;;;;;;;reçu;;`, `A1;fiche 3;medecin;Autre;${fragile};2026-01-11;;;;;;;;;;reçu;;`]);
    expect([r.accepted, r.rejectedCount]).toEqual([1, 1]);
    expect(r.rejected[0].message).toContain('ligne 3, colonne « dossier »');
  });

  it('montants à la française', () => {
    expect([parseEuros('30 000'), parseEuros('2 500,50 €'), parseEuros(''), parseEuros('1.2.3')]).toEqual([30000, 2500.5, null, undefined]);
  });

  it('un classeur XLSX donne le même rapport que son CSV, lignes comprises', () => {
    const rows = [HEADER.split(';'), ['A1', 'fiche 8', 'medecin', 'Nom', fragile, '2026-01-10', '', '', '', '', '', '', '', '', '', 'reçu', '', ''], [], ['A2', 'fiche 99', 'medecin', 'Nom', fragile, '2026-01-10', '', '', '', '', '', '', '', '', '', 'reçu', '', '']];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Dossiers');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const r = importRegister('registre.xlsx', xlsxRegisterBytes(bytes, XLSX), ctx());
    expect([r.read, r.accepted, r.rejectedCount]).toEqual([2, 1, 1]);
    expect(r.rejected[0].line).toBe(4);
  });
});

describe("contrôles à l'import (avertissements nommés)", () => {
  const fragile = communeIn('fragile');
  it.each([
    // « Fragile 10 000€ - Très fragile : 30 000€ » (fiche 8)
    ['montant au-dessus du moteur', line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Nom', code_insee: fragile, date_reception: '2026-01-10', date_evenement: '2025-12-20', date_decision: '2026-02-01', montant_demande: 30000, montant_accorde: 30000, statut: 'accordé' }), 'colonne « montant_accorde » : montant accordé 30\u202f000 € supérieur à ce que le moteur calcule'],
    // « applicables aux dossiers reçus à compter du 1er août 2025 »
    ['reçu avant les fiches', line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Nom', code_insee: fragile, date_reception: '2025-06-10', date_evenement: '2025-06-01', date_decision: '2025-07-01', montant_demande: 10000, montant_accorde: 10000, statut: 'accordé' }), 'colonne « date_reception » : reçu le 10 juin 2025, avant le 1er août 2025'],
    // « La demande d'aide à l'installation doit être faite dans un délai de 3 mois après la date du premier jour d'exercice »
    ['demande en retard', line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Nom', code_insee: fragile, date_reception: '2026-06-10', date_evenement: '2026-01-05', montant_demande: 10000, statut: 'reçu' }), 'après le 5 avril 2026 : fiche 8 la veut au plus tard 3 mois après'],
    // Fiche 5 : « LA FICHE ACTION N°17 DEVIENT LA FICHE ACTION N°5 QUI A ETE SUPPRIMEE »
    ['fiche supprimée', `A1;fiche 5;interne;Nom;${fragile};2026-01-10;;;;;;;;;;reçu;;`, 'colonne « aide »'],
  ])('%s', (_name, line, message) => {
    const r = run([line]);
    expect(r.accepted).toBe(1);
    expect(r.warnings.map((w) => w.message).join('\n')).toContain(message);
  });

  it('pas deux aides à l’installation au même médecin (once)', () => {
    const r = run([line({ dossier: 'A1', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'Élise Test', code_insee: fragile, date_reception: '2026-01-10', date_evenement: '2025-12-20', date_decision: '2026-02-01', montant_accorde: 10000, statut: 'accordé' }), line({ dossier: 'A2', aide: 'fiche 8', beneficiaire_type: 'medecin', beneficiaire: 'elise test', code_insee: fragile, date_reception: '2026-05-10', date_evenement: '2026-04-20', date_decision: '2026-06-01', montant_accorde: 10000, statut: 'accordé' })]);
    expect(r.warnings.find((w) => w.line === 3)?.message).toContain('même bénéficiaire que le dossier A1 (ligne 2)');
  });

  it("le registre d'exemple est lu sans rejet", () => {
    const r = run(fs.readFileSync('data/territories/charente-maritime/suivi/dossiers-exemple.csv', 'utf8').replace(/^\uFEFF/, '').split('\n').slice(1).filter(Boolean));
    expect(r.rejectedCount).toBe(0);
    expect(r.accepted).toBeGreaterThanOrEqual(60);
    expect(new Set(r.rows.map((d) => d.aid)).size).toBeGreaterThanOrEqual(10);
    expect(r.rows.filter((d) => d.received >= '2025-01-01' && d.received <= '2026-12-31').length).toBeGreaterThanOrEqual(60);
  });
});

describe('indicateurs de suivi', () => {
  const base: Array<[string, Indicator['counting'], Partial<Dossier>[], Record<string, number>]> = [
    // fiche 10 : « Nombre de Maisons de Santé Pluri Professionnelles financées »
    ['dossiers accordés par année de décision', { method: 'dossiers', statuses: ['accorde', 'verse', 'clos'], date: 'decided' }, [{ status: 'accorde', decided: '2025-10-01' }, { status: 'verse', decided: '2026-02-01' }, { status: 'refuse', decided: '2026-03-01' }, { status: 'recu' }], { '2025': 1, '2026': 1 }],
    // fiche 8 : « Nombre de bénéficiaires de l'aide » — une personne comptée une fois
    ['bénéficiaires distincts', { method: 'beneficiaires', statuses: ['accorde', 'verse'], date: 'decided' }, [{ status: 'accorde', decided: '2026-01-01', beneficiary: 'Jean Dupont' }, { status: 'verse', decided: '2026-05-01', beneficiary: 'jean dupont' }, { status: 'verse', decided: '2026-05-01', beneficiary: 'Autre' }], { '2026': 2 }],
    // fiche 6 : « Nombre de docteurs Juniors accueillis »
    ['unités', { method: 'unites', statuses: ['accorde', 'verse'], date: 'decided' }, [{ status: 'accorde', decided: '2026-01-01', units: 2 }, { status: 'verse', decided: '2026-05-01', units: 1 }], { '2026': 3 }],
    // fiche 11 : « Nombre de subventions versées »
    ['versés par année de versement', { method: 'dossiers', statuses: ['verse', 'clos'], date: 'paid' }, [{ status: 'verse', decided: '2025-11-01', paid: '2026-01-15' }, { status: 'accorde', decided: '2025-11-01' }], { '2026': 1 }],
    // fiche 2 : « Nombre de consultations du site » — saisi
    ['saisi', { method: 'saisi', values: { '2025': 4180 }, why: 'audience du site' }, [{ status: 'verse', decided: '2025-11-01' }], { '2025': 4180 }],
  ];
  it.each(base)('%s', (_name, counting, rows, expected) => {
    expect(indicatorValues({ id: 'x', label: 'x', counting }, rows.map(dossier))).toEqual(expected);
  });

  it('chaque fiche du plan (sauf la 5, supprimée) a son indicateur cité', () => {
    const plan = fs.readFileSync('../shared/sources/plan-sante-charente-maritime-2025.txt', 'utf8');
    for (const a of aids.filter((x) => !x.withdrawn)) {
      const f = followup.fiches[a.id];
      expect(f, a.id).toBeDefined();
      for (const i of f.indicators) expect(plan.replace(/<\/?p>/g, ''), `${a.id} ${i.quote}`).toContain(i.quote!.replace(/<\/?p>/g, ''));
    }
  });

  it('par fiche : dossiers par statut, accordé et versé', () => {
    const [f] = ficheSummaries([dossier({ aid: 'cd17-fiche-10', status: 'verse', granted: 75000, decided: '2026-01-01', paid: '2026-03-01', paidAmount: 75000 }), dossier({ aid: 'cd17-fiche-10', status: 'recu', requested: 60000 }), dossier({ aid: 'cd17-fiche-10', status: 'refuse', granted: 5 })], followup, ['cd17-fiche-10']);
    expect([f.dossiers, f.byStatus.verse, f.byStatus.recu, f.byStatus.refuse, f.granted, f.paid, f.pending]).toEqual([3, 1, 1, 1, 75000, 75000, 60000]);
    expect(f.indicators[0].values).toEqual({ '2026': 1 });
  });
});

describe("enveloppe : « porté cette Autorisation d'Engagement à 3 047 100 € »", () => {
  it.each([
    ['2021-01-01', 1_000_000],
    ['2024-06-01', 1_000_000],
    ['2025-04-10', 3_047_100],
    ['2026-12-01', 3_047_100],
  ])('AE au %s : %d €', (date, total) => expect(envelopeAt(followup, date)?.total).toBe(total));

  it.each([
    ['engagé, versé, reste', [{ status: 'verse', granted: 30000, paidAmount: 30000, decided: '2026-01-10', paid: '2026-02-01' }, { status: 'accorde', granted: 10000, decided: '2026-03-01' }, { status: 'refuse', granted: 999 }], { granted: 40000, paid: 30000, remaining: 3_007_100, projected: 40000 }, 0],
    ['projection des dossiers en cours', [{ status: 'accorde', granted: 3_000_000, decided: '2026-01-10' }, { status: 'recu', requested: 100_000 }], { granted: 3_000_000, paid: 0, remaining: 47_100, projected: 3_100_000 }, 1],
    ['dépassement : le dossier qui passe le total est nommé', [{ id: 'GROS', status: 'accorde', granted: 3_000_000, decided: '2026-01-10' }, { id: 'PASSE', status: 'accorde', granted: 50_000, decided: '2026-02-10' }], { granted: 3_050_000, paid: 0, remaining: -2900, projected: 3_050_000 }, 1],
  ])('%s', (_name, rows, expected, warnings) => {
    const e = envelopeOf(followup, (rows as Partial<Dossier>[]).map(dossier), '2026-06-01');
    expect({ granted: e.granted, paid: e.paid, remaining: e.remaining, projected: e.projected }).toEqual(expected);
    expect(e.warnings).toHaveLength(warnings);
    if (_name.startsWith('dépassement')) expect(e.warnings[0]).toContain('depuis le dossier PASSE');
  });

  it('par année : accordé à la décision, versé au versement, cumul', () => {
    const e = envelopeOf(followup, [dossier({ status: 'verse', granted: 10000, decided: '2025-12-01', paid: '2026-01-05', paidAmount: 10000 }), dossier({ status: 'accorde', granted: 30000, decided: '2026-02-01' })], '2026-06-01');
    expect(e.byYear).toEqual([{ year: '2025', granted: 10000, paid: 0, cumulativeGranted: 10000 }, { year: '2026', granted: 30000, paid: 10000, cumulativeGranted: 40000 }]);
  });
});

describe('échéances', () => {
  it('engagement finissant dans les 6 mois, convention à renouveler, demande en retard', () => {
    const rows = [
      dossier({ id: 'FIN', status: 'verse', granted: 10000, commitmentEnd: '2027-03-01' }),
      dossier({ id: 'LOIN', status: 'verse', granted: 10000, commitmentEnd: '2031-03-01' }),
      dossier({ id: 'CS', aid: 'cd17-fiche-09', status: 'verse', granted: 105000, convention: '2026-02-15' }),
      dossier({ id: 'TARD', status: 'recu', received: '2026-06-10', event: '2026-01-05' }),
    ];
    const d = deadlinesOf(rows, aids, followup, '2026-12-01');
    expect(d.commitmentsEnding.map((x) => x.dossier)).toEqual(['FIN']);
    expect(d.renewals.map((x) => [x.dossier, x.date])).toEqual([['CS', '2027-02-15']]);
    expect(d.lateRequests.map((x) => x.dossier)).toEqual(['TARD']);
  });
});

describe('agrégats publics', () => {
  it.each([[0, 0], [1, null], [2, null], [3, 3], [40, 40]])('compte %d → %s', (count, expected) => expect(shown(count)).toBe(expected));

  it('ni nom, ni note, ni numéro de dossier ; une commune à 1 ou 2 aides masquée', () => {
    const rows = [
      dossier({ id: 'SECRET-1', beneficiary: 'Nom Très Privé', notes: 'note privée', commune: '17300', status: 'accorde', granted: 10000, decided: '2026-01-01' }),
      ...[1, 2, 3].map((i) => dossier({ beneficiary: `Autre ${i}`, commune: '17306', status: 'accorde', granted: 10000, decided: '2026-01-01' })),
    ];
    const env = envelopeOf(followup, rows, '2026-06-01');
    const p = publicFollowup({ territory: 'charente-maritime', plan: followup.plan, example: true, asOf: '2026-06-01', sha256: 'x', dossiers: rows, envelope: env, fiches: ficheSummaries(rows, followup, ['cd17-fiche-08']) });
    const text = JSON.stringify(p) + publicCsv(p, { aid: (id) => id, commune: (c) => c });
    for (const secret of ['Nom Très Privé', 'note privée', 'SECRET-1', 'Autre 1']) expect(text).not.toContain(secret);
    expect(p.communes.find((c) => c.code === '17300')).toEqual({ code: '17300', grants: null, granted: null, byAid: { 'cd17-fiche-08': null } });
    expect(p.communes.find((c) => c.code === '17306')?.granted).toBe(30000);
    expect(publicCsv(p, { aid: (id) => id, commune: (c) => c })).toContain('moins de 3');
  });

  it('plan.json invalide : fichier et champ nommés', () => {
    const bad = JSON.parse(JSON.stringify(followup)) as Followup & { envelope: { steps: Array<{ date: string }> } };
    bad.envelope.steps[1].date = '2022-13-01';
    expect(parseFollowup(bad, 'plan.json', aids.map((a) => a.id)).problems[0]).toMatch(/^plan\.json, champ « envelope\.steps\.1\.date » : date AAAA-MM-JJ attendue/);
  });
});
