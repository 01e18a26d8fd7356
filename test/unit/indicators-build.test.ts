// npm run build:indicators on the real files of ../shared/data/indicateurs, checked against their README.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { buildIndicators } from '../../scripts/build-indicators.ts';
import { Indicators, NationalAplFileSchema, TerritoryIndicatorsFileSchema, readDoctorCounts, readPharmacyCounts, readAplHistory, type TerritoryIndicatorsFile } from '../../src/core/indicators/index.ts';

const outA = fs.mkdtempSync(path.join(os.tmpdir(), 'ind-a-'));
const outB = fs.mkdtempSync(path.join(os.tmpdir(), 'ind-b-'));
const a = buildIndicators({ out: outA });
buildIndicators({ out: outB });
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(outA, f), 'utf8'));
const cm = new Indicators(v.parse(TerritoryIndicatorsFileSchema, read('charente-maritime.json')) as TerritoryIndicatorsFile);
const mauges = new Indicators(read('mauges.json') as TerritoryIndicatorsFile);

describe('build:indicators sur les fichiers réels', () => {
  it('deux constructions identiques octet pour octet', () => {
    const files = fs.readdirSync(outA).sort();
    expect(files).toEqual(['apl-france.json', 'charente-maritime.json', 'charente.json', 'manifest.json', 'mauges.json']);
    for (const f of files) expect(fs.readFileSync(path.join(outB, f)).equals(fs.readFileSync(path.join(outA, f)))).toBe(true);
  });

  it('rien de perdu en silence : lues = sous un code actuel + rattachées + rejetées, pour chaque fichier', () => {
    for (const f of a.manifest.files) expect(f.read).toBe(f.used + f.attached + f.rejected.length);
    expect(a.manifest.files.map((f) => f.sha256)).toHaveLength(4);
  });

  it('README : « 113 codes of APL 2023 are no longer current communes in COG 2026 »', () => {
    const s = a.manifest.files[0].sheets!.find((x) => x.year === 2023)!;
    expect(s.attached).toBe(113);
    expect(s.headerLine).toBe(9);
  });

  it('README : « The pharmacy file also writes Orée d’Anjou as 49069 » — rattachée à 49126 avec un avertissement', () => {
    const ph = a.manifest.files[3];
    expect(ph.warnings.map((w) => w.message)).toEqual(["ancien code 49069 rattaché à la commune actuelle 49126 (Orée d'Anjou)"]);
    expect(mauges.pharmacies('49126')!.value).toBeGreaterThan(0);
    expect(mauges.apl('49126')!.formerCode).toBe('49069');
  });

  it('README : Orée d’Anjou (49126, ~16 700 habitants) « shows 1 GP there » — signalé, pas retenu', () => {
    const m = mauges.medecins('49126')!;
    expect(m.value).toBe(1);
    expect(m.trusted).toBe(false);
    expect(mauges.flags('49126')).toContain('medecins-invraisemblable');
  });

  it('README : en Charente-Maritime, 120 communes avec pharmacie, 141 avec au moins un généraliste, 6 avec pharmacie sans médecin', () => {
    const codes = Object.keys(cm.file.communes);
    expect(codes.filter((c) => (cm.pharmacies(c)?.value ?? 0) > 0)).toHaveLength(120);
    expect(codes.filter((c) => (cm.medecins(c)?.value ?? 0) > 0)).toHaveLength(141);
    expect(codes.filter((c) => cm.flags(c).includes('pharmacie-sans-medecin')).sort()).toEqual(['17100', '17221', '17270', '17286', '17303', '17474']);
  });

  it('une valeur avec sa source, son année et ses limites ; médianes département et France', () => {
    const apl = cm.apl('17300')!;
    expect(apl.year).toBe(2023);
    expect(apl.source.producer).toBe('DREES');
    expect(apl.limits.join(' ')).toContain('2,5');
    expect(apl.under65).not.toBeNull();
    expect(cm.medecins('17300')!.date).toBe('2026-04-07');
    const m = cm.medians('17');
    expect(m.departement).toBeGreaterThan(0);
    expect(m.france).toBeGreaterThan(0);
    expect(cm.aplHistory('17300')!.value.map(([y]) => y)).toEqual([2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023]);
  });

  it('table nationale : toutes les communes actuelles, valeurs ×1000, dérivées listées', () => {
    const n = v.parse(NationalAplFileSchema, read('apl-france.json'));
    expect(n.codes.length).toBe(n.values.length);
    expect(n.codes.length).toBe(a.manifest.national.communes);
    expect(n.derived).toContain('75056');
    const i = n.codes.indexOf('17300');
    expect(n.values[i]! / 1000).toBeCloseTo(cm.apl('17300')!.value!, 3);
  });
});

describe('lecteurs CSV : ligne, champ, message', () => {
  it.each([
    ['medecins', 'code_insee,nom,medecins_generalistes,medecins_total\n17300,La Rochelle,3,2\n', 'medecins_generalistes', '3 généralistes pour 2 médecins'],
    ['medecins', 'code_insee,nom,medecins_generalistes,medecins_total\n17300,"La Rochelle, ville",x,2\n', 'medecins_generalistes', '« x » n\'est pas un nombre'],
    ['pharmacies', 'code_insee,nb_officines\n17300,-1\n', 'nb_officines', '« -1 »'],
    ['pharmacies', 'code_insee,nb_officines\n173,1\n', 'code_insee', 'invalide'],
    ['historique', 'code_insee,apl_2022,apl_2023\n17300,abc,\n', 'apl_2022', 'APL'],
  ])('%s : %j rejeté sur « %s »', (kind, text, field, message) => {
    const r = kind === 'medecins' ? readDoctorCounts('f.csv', text) : kind === 'pharmacies' ? readPharmacyCounts('f.csv', text) : readAplHistory('f.csv', text);
    expect(r.rows).toHaveLength(0);
    expect(r.rejected).toEqual([{ file: 'f.csv', line: 2, field, message: expect.stringContaining(message) }]);
  });

  it('colonne absente : erreur nommant le fichier et la colonne', () => {
    expect(() => readPharmacyCounts('officines.csv', 'code,nb\n')).toThrow('officines.csv, ligne 1 : colonne « code_insee » absente');
  });
});
