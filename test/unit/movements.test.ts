// Fiche 1 : « avoir une connaissance plus fine et pratiquement en temps réel des cessations d'activités et
// des installations pour orienter les aides ». Movements from two extractions, from the register and from
// a declared file; merged without counting one twice.
import { describe, expect, it } from 'vitest';
import { applyMovements, diffSnapshots, mergeMovements, registerMovements, type Movement } from '../../src/core/movements.ts';
import { communeResolver, importMovements, importPractitioners } from '../../src/core/import/index.ts';
import type { Practitioner } from '../../src/core/zonage/model.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { loadTerritories } from '../../scripts/lib/inputs.ts';
import { cog } from './cog.ts';

const resolve = communeResolver(territoryCommunes(cog, loadTerritories().find((t) => t.id === 'charente-maritime')!));

const P = (rpps: string, commune: string, mode: Practitioner['mode'] = 'liberal', profession = 'medecin-generaliste'): Practitioner => ({ commune, profession, mode, start: null, end: null, rpps });
const snap = (rows: Practitioner[], date: string, file: string) => ({ rows, date, file });
const brief = (m: Movement) => `${m.type} ${m.rpps ?? '-'} ${m.commune} ${m.mode} ${m.cause} ${m.date}`;

describe('comparaison de deux extractions', () => {
  it.each([
    ['nouveau praticien', [], [P('10000000001', '17300')], ['installation 10000000001 17300 liberal arrivee 2026-07-01']],
    ['praticien disparu', [P('10000000001', '17300')], [], ['cessation 10000000001 17300 liberal depart 2026-06-30']],
    [
      'changement de commune : une cessation et une installation',
      [P('10000000001', '17300')],
      [P('10000000001', '17028')],
      ['installation 10000000001 17028 liberal changement-commune 2026-07-01', 'cessation 10000000001 17300 liberal changement-commune 2026-06-30'],
    ],
    [
      'changement de mode (libéral → salarié)',
      [P('10000000001', '17300')],
      [P('10000000001', '17300', 'salarie')],
      ['cessation 10000000001 17300 liberal changement-mode 2026-06-30', 'installation 10000000001 17300 salarie changement-mode 2026-07-01'],
    ],
    ['inchangé', [P('10000000001', '17300')], [P('10000000001', '17300')], []],
    ['même identifiant, autre profession : deux personnes distinctes', [P('10000000001', '17300')], [P('10000000001', '17300'), P('10000000001', '17300', 'liberal', 'chirurgien-dentiste')], ['installation 10000000001 17300 liberal arrivee 2026-07-01']],
    [
      'second site ajouté : installation dans la nouvelle commune seulement',
      [P('10000000001', '17300')],
      [P('10000000001', '17300'), P('10000000001', '17028')],
      ['installation 10000000001 17028 liberal arrivee 2026-07-01'],
    ],
  ] as const)('%s', (_name, before, after, expected) => {
    const d = diffSnapshots(snap([...before], '2026-01-01', 'a.csv'), snap([...after], '2026-07-01', 'b.csv'));
    expect(d.movements.map(brief).sort()).toEqual([...expected].sort());
    expect(d.movements.every((m) => m.after === '2026-01-01' && m.source === 'extractions')).toBe(true);
  });

  it('identifiant présent deux fois dans la même commune : compté une fois, signalé', () => {
    const d = diffSnapshots(snap([P('10000000001', '17300'), P('10000000001', '17300')], '2026-01-01', 'a.csv'), snap([], '2026-07-01', 'b.csv'));
    expect(d.movements).toHaveLength(1);
    expect(d.warnings).toEqual(['a.csv : identifiant présent deux fois dans la même commune, compté une fois : 10000000001 (17300).']);
  });

  it('lignes sans identifiant : non comparées, et dites', () => {
    const anonymous: Practitioner = { commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: null, end: null };
    const d = diffSnapshots(snap([anonymous], '2026-01-01', 'a.csv'), snap([], '2026-07-01', 'b.csv'));
    expect(d.movements).toEqual([]);
    expect(d.warnings[0]).toBe('a.csv : 1 ligne sans identifiant RPPS, non comparée (aucun mouvement ne peut en être déduit).');
  });

  it('extractions dans le mauvais ordre : signalé', () => {
    expect(diffSnapshots(snap([], '2026-07-01', 'a.csv'), snap([], '2026-01-01', 'b.csv')).warnings[0]).toContain('doit être postérieure');
  });

  it("commune fusionnée entre les deux extractions : l'ancien code est rattaché à l'import, ce n'est pas un déménagement", () => {
    const header = 'code_insee,profession,mode,date_debut,date_fin,rpps,nom\n';
    // 17189 Hiers-Brouage, merged into Marennes-Hiers-Brouage (17219) in 2019.
    const old = importPractitioners('2018.csv', new TextEncoder().encode(`${header}17189,medecin-generaliste,liberal,,,10000000001,\n`), { resolve });
    const now = importPractitioners('2026.csv', new TextEncoder().encode(`${header}17219,medecin-generaliste,liberal,,,10000000001,\n`), { resolve });
    expect(old.warnings[0].message).toContain('ancien code 17189');
    expect(diffSnapshots(snap(old.rows, '2018-06-01', '2018.csv'), snap(now.rows, '2026-06-01', '2026.csv')).movements).toEqual([]);
  });
});

describe('mouvements déclarés, fusionnés avec les mouvements déduits', () => {
  const declared = (m: Partial<Movement>): Movement => ({ type: 'cessation', date: '2026-03-02', commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', cause: 'depart', source: 'declaration', line: 2, ...m });
  const from = snap([P('10000000001', '17300'), P('10000000002', '17300')], '2026-01-01', 'a.csv');
  const to = snap([P('10000000002', '17300'), P('10000000003', '17028')], '2026-07-01', 'b.csv');
  const derived = diffSnapshots(from, to).movements;

  it('une cessation déclarée dans la fenêtre des extractions remplace la cessation déduite (date exacte), comptée une fois', () => {
    const r = mergeMovements([declared({ rpps: '10000000001' })], derived, { from, to });
    expect(r.duplicates).toBe(1);
    expect(r.movements.filter((m) => m.type === 'cessation')).toEqual([declared({ rpps: '10000000001' })]);
    expect(r.movements).toHaveLength(2);
    expect(r.conflicts).toEqual([]);
  });

  it('une déclaration hors de la fenêtre est un autre mouvement', () => {
    const r = mergeMovements([declared({ rpps: '10000000001', date: '2025-11-02' })], derived, { from, to });
    expect(r.duplicates).toBe(0);
    expect(r.movements).toHaveLength(3);
  });

  it("contradictions signalées : cessation d'un praticien encore présent, installation d'un absent", () => {
    const r = mergeMovements(
      [declared({ rpps: '10000000002', line: 4 }), declared({ type: 'installation', rpps: '10000000009', commune: '17028', date: '2026-05-01', line: 5 })],
      derived,
      { from, to },
    );
    expect(r.conflicts).toEqual([
      'Mouvement déclaré (ligne 4) : cessation de 10000000002 à 17300 le 2026-03-02, mais ce praticien figure encore dans b.csv (2026-07-01).',
      'Mouvement déclaré (ligne 5) : installation de 10000000009 à 17028 le 2026-05-01, mais ce praticien est absent de b.csv (2026-07-01).',
    ]);
    expect(r.movements).toHaveLength(4);
  });

  it('sans identifiant, un mouvement déclaré et un mouvement du registre à la même date, même mode et même nom sont le même', () => {
    const register: Practitioner[] = [{ commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', start: '2001-01-01', end: '2026-03-02', nom: 'Dr A' }];
    const r = mergeMovements([declared({ nom: 'Dr A' })], registerMovements(register));
    expect(r.duplicates).toBe(1);
    expect(r.movements.map((m) => `${m.type} ${m.date} ${m.source}`)).toEqual(['installation 2001-01-01 registre', 'cessation 2026-03-02 declaration']);
  });
});

describe('registre et mouvements déclarés', () => {
  const register: Practitioner[] = [{ ...P('10000000001', '17300'), start: '2010-01-01' }];
  it("une cessation déclarée clôt l'exercice ; une installation ajoute un praticien, sauf s'il y est déjà", () => {
    const out = applyMovements(register, [
      { type: 'cessation', date: '2026-03-02', commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', rpps: '10000000001', cause: 'depart', source: 'declaration' },
      { type: 'installation', date: '2026-04-01', commune: '17028', profession: 'medecin-generaliste', mode: 'salarie', cause: 'arrivee', source: 'declaration' },
      { type: 'installation', date: '2026-04-01', commune: '17300', profession: 'medecin-generaliste', mode: 'liberal', rpps: '10000000001', cause: 'arrivee', source: 'declaration' },
    ]);
    expect(out.practitioners.map((p) => `${p.commune} ${p.start} ${p.end}`)).toEqual(['17300 2010-01-01 2026-03-02', '17028 2026-04-01 null', '17300 2026-04-01 null']);
    expect(out.problems).toEqual([]);
    expect(register[0].end).toBeNull(); // the input is not modified
  });
  it('une cessation sans praticien correspondant est signalée, pas inventée', () => {
    const out = applyMovements(register, [{ type: 'cessation', date: '2026-03-02', commune: '17028', profession: 'medecin-generaliste', mode: 'liberal', cause: 'depart', source: 'declaration', line: 7 }]);
    expect(out.practitioners).toHaveLength(1);
    expect(out.problems[0]).toContain('Mouvement déclaré (ligne 7) : cessation à 17028 le 2026-03-02 sans praticien correspondant');
  });
});

describe('import du fichier de mouvements déclarés', () => {
  const file = (body: string) => new TextEncoder().encode(`date;type;code_insee;profession;mode;rpps;nom\n${body}`);
  it('lignes valides gardées, chaque erreur nommée (ligne, colonne), doublon refusé ; lues = acceptées + rejetées', () => {
    const r = importMovements(
      'mouvements.csv',
      file(
        [
          '02/03/2026;cessation;17300;Médecin généraliste;libéral;10000000001;',
          '2026-04-01;installation;17028;medecin-generaliste;salarie;;Dr B',
          '2026-04-01;installation;17028;medecin-generaliste;salarie;;Dr B',
          '2026-02-30;installation;17028;medecin-generaliste;liberal;;',
          '2026-04-01;depart;17028;medecin-generaliste;liberal;;',
          '2026-04-01;cessation;99999;medecin-generaliste;liberal;;',
          ';cessation;17300;medecin-generaliste;liberal;;',
        ].join('\n'),
      ),
      { resolve },
    );
    expect(r.read).toBe(7);
    expect(r.accepted).toBe(2);
    expect(r.rejected.map((e) => [e.line, e.field])).toEqual([[4, 'date'], [5, 'date'], [6, 'type'], [7, 'code_insee'], [8, 'date']]);
    expect(r.rejected[0].message).toBe('mouvements.csv, ligne 4, colonne « date » : mouvement identique à celui de la ligne 3 : compté une seule fois.');
    expect(r.rows[0]).toMatchObject({ type: 'cessation', date: '2026-03-02', commune: '17300', mode: 'liberal', rpps: '10000000001', source: 'declaration', line: 2 });
  });
});
