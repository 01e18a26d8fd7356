// What the table's exports and the views' notices say of the data they use: source, date, status, and
// « Exemple » on fictitious data only (the built bundles of both territories, as the app reads them).
import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fictitiousNotice, territoryNotice } from '../../src/core/datasets.ts';
import { zonageView, type ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { zonageCsv, zonageGeojson, zonageRows } from '../../src/core/zonage/export.ts';
import { EXAMPLE_LABEL } from '../../src/core/labels.ts';

const bundle = (t: string): ZonageBundle => JSON.parse(fs.readFileSync(`public/data/${t}/zonage.json`, 'utf8'));
const TODAY = '2026-11-23';

describe('exports du tableau : provenance du zonage', () => {
  it.each([
    ['mauges', 'medecin-generaliste', 'ars-medecin-generaliste', 'ARS Pays de la Loire', 'oui', '', /^dernier zonage connu/],
    ['charente-maritime', 'medecin-generaliste', 'cd17', 'Département de la Charente-Maritime', 'oui', EXAMPLE_LABEL, /^valable du/],
    ['charente-maritime', 'medecin-generaliste', 'ars-medecin-generaliste', 'ARS Nouvelle-Aquitaine', 'non', '', /^remplacé le 3 février 2026/],
  ])('%s, %s, %s', (t, profession, scheme, authority, inForce, example, status) => {
    const b = bundle(t);
    const year = scheme === 'cd17' ? 2026 : 2025;
    const view = zonageView(b, profession, year, TODAY, scheme)!;
    const rows = zonageRows(view, Object.keys(b.zonages[0].classes).slice(0, 3).map((code) => ({ code, nom: code }) as never));
    const [header, row] = Papa.parse<string[]>(zonageCsv(view, rows).replace(/^\uFEFF/, '').trim(), { delimiter: ';' }).data;
    const cell = (k: string) => row[header.indexOf(k)];
    expect(cell('autorite')).toBe(authority);
    expect(cell('en_vigueur')).toBe(inForce);
    expect(cell('exemple')).toBe(example);
    expect(cell('statut_zonage')).toMatch(status);
    expect(cell('source')).toBe(b.zonages.find((z) => z.scheme === scheme && z.year === year)!.source);
    const geo = zonageGeojson(view, rows, new Map(rows.map((r) => [r.code, { type: 'Feature', properties: { code: r.code, nom: r.nom }, geometry: { type: 'MultiPolygon', coordinates: [] } }])));
    expect(geo.features[0].properties).toMatchObject({ autorite: authority, en_vigueur: inForce, exemple: example });
  });
});

describe('avis « données fictives » de chaque vue', () => {
  it.each([
    ['mauges', 'Données fictives ici : professionnels de santé, pharmacies, mouvements déclarés, offres des communes (exemples).'],
    ['charente-maritime', 'Données fictives ici : zonage départemental des médecins généralistes (2025, 2026), professionnels de santé, pharmacies, mouvements déclarés, offres des communes (exemples).'],
  ])('%s', (t, text) => {
    const offers = JSON.parse(fs.readFileSync(`public/data/${t}/offres.json`, 'utf8')).offers;
    expect(territoryNotice(bundle(t), offers)).toBe(text);
  });
  it('aucune donnée fictive : aucun avis', () => {
    expect(fictitiousNotice([{ label: 'Zonage ARS 2025', example: false, source: 'ARS' }])).toBeUndefined();
  });
});
