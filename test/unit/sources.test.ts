import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataSources, type GeoManifest } from '../../src/core/sources.ts';
import { parseTerritory } from '../../src/core/territory.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';

const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
const manifest = read('public/geo/manifest.json') as GeoManifest;

describe('sources et dates de la page « Méthode et sources »', () => {
  it('Charente-Maritime : le plan, chaque zonage annuel, les registres, les contours et le COG, chacun daté', () => {
    const bundle = read('public/data/charente-maritime/zonage.json') as ZonageBundle;
    const territory = parseTerritory(read('data/territories/charente-maritime/territory.json'), 'territory.json');
    const rows = dataSources(bundle, territory.plans, manifest, '2026-11-23');
    expect(rows.map((r) => [r.what, r.date])).toEqual([
      [territory.plans[0].title, 'en vigueur depuis le 1er août 2025'],
      ['Zonage départemental 2025 — médecin généraliste', 'valable du 1er août 2025 au 31 décembre 2025'],
      ['Zonage départemental 2026 — médecin généraliste', 'valable du 1er janvier 2026 au 31 décembre 2026'],
      // The ARS GP zonage of Nouvelle-Aquitaine was replaced by the arrêté published on 3 February 2026.
      [
        'Zonage ARS des médecins généralistes 2025 — médecin généraliste',
        "remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée",
      ],
      ...['infirmiers 2025 — infirmier', 'chirurgiens-dentistes 2025 — chirurgien-dentiste', 'masseurs-kinésithérapeutes 2025 — masseur-kinésithérapeute', 'sages-femmes 2025 — sage-femme', 'orthophonistes 2025 — orthophoniste'].map((w) => [
        `Zonage ARS des ${w}`,
        'dernier zonage connu (en vigueur au 12 septembre 2025) ; un arrêté plus récent peut exister',
      ]),
      ['Professionnels de santé (registre)', expect.stringMatching(/^dernière date connue : \d/)],
      ['Pharmacies', expect.stringMatching(/^dernière date connue : \d|^date non renseignée$/)],
      ['Installations et cessations déclarées', expect.stringMatching(/^dernière date connue : \d/)],
      ['Contours des communes', 'édition 2018'],
      ['Référentiel des communes (codes, noms, populations, EPCI)', 'COG 2026'],
    ]);
    expect(rows.find((r) => r.what.startsWith('Zonage départemental 2026'))).toMatchObject({ example: true, source: expect.stringContaining('Exemple') });
  });

  it("une date après aujourd'hui n'est pas « connue » ; sans dates : « date non renseignée »", () => {
    const bundle = {
      territory: 't', schemes: [], rules: [], zonages: [],
      practitioners: { file: 'm.csv', example: false, source: 'RPPS', rows: [{ commune: '1', profession: 'p', mode: 'liberal', start: '2026-01-05', end: '2030-01-01' }] },
      pharmacies: { file: 'p.csv', example: false, source: 'FINESS', rows: [{ commune: '1', opened: null, closed: null }] },
      movements: { declared: null, rows: [], duplicates: 0, notes: [] },
    } as unknown as ZonageBundle;
    expect(dataSources(bundle, [], null, '2026-11-23').map((r) => r.date)).toEqual(['dernière date connue : 5 janvier 2026', 'date non renseignée']);
  });
});
