// The territory's indicators beside its zonage (issue 28): APL, GPs (RPPS) and pharmacies (FINESS) in the table's
// exports, each header naming its source and year or date, each value the indicator file's own.
import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Indicators } from '../../src/core/indicators/indicators.ts';
import { indicatorColumns } from '../../src/core/indicators/columns.ts';
import type { TerritoryIndicatorsFile } from '../../src/core/indicators/schema.ts';
import { zonageView, type ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { zonageCsv, zonageGeojson, zonageRows } from '../../src/core/zonage/export.ts';

const file = JSON.parse(fs.readFileSync('public/data/indicators/charente-maritime.json', 'utf8')) as TerritoryIndicatorsFile;
const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
const def = (id: string) => file.indicators.find((d) => d.id === id)!;
const year = file.medians.year;

describe('indicateurs dans le tableau du zonage et ses exports', () => {
  const columns = indicatorColumns(new Indicators(file));
  const view = zonageView(bundle, 'medecin-generaliste', 2026, '2026-11-23', 'cd17')!;
  const codes = Object.keys(file.communes).slice(0, 5);
  const rows = zonageRows(view, codes.map((code) => ({ code, nom: code }) as never), columns);

  it('les en-têtes nomment la source et l’année ou la date', () => {
    expect(columns.map((c) => c.field)).toEqual([`apl_drees_${year}`, `medecins_generalistes_rpps_${def('medecins').date}`, `pharmacies_finess_${def('pharmacies').date}`]);
    expect(columns.map((c) => c.header)).toEqual([`APL ${year} (DREES)`, 'Médecins généralistes (RPPS, 7 avril 2026)', 'Pharmacies (FINESS, 27 septembre 2026)']);
  });

  it('CSV : une colonne par indicateur, la valeur du fichier, vide sans valeur', () => {
    const [header, ...lines] = Papa.parse<string[]>(zonageCsv(view, rows).replace(/^\uFEFF/, '').trim(), { delimiter: ';' }).data;
    const at = (field: string) => header.indexOf(field);
    for (const [i, code] of codes.entries()) {
      const c = file.communes[code];
      expect(lines[i][at('code_insee')]).toBe(code);
      expect(lines[i][at(`apl_drees_${year}`)]).toBe(String(c.apl[String(year)]?.value ?? ''));
      expect(lines[i][at(`medecins_generalistes_rpps_${def('medecins').date}`)]).toBe(String(c.medecins?.generalistes ?? ''));
      expect(lines[i][at(`pharmacies_finess_${def('pharmacies').date}`)]).toBe(String(c.pharmacies ?? ''));
    }
    // The zonage's own columns are still there, before the indicators.
    expect(at('pharmacies')).toBeLessThan(at(`apl_drees_${year}`));
  });

  it('GeoJSON : les indicateurs parmi les propriétés, à plat', () => {
    const geo = zonageGeojson(view, rows, new Map(rows.map((r) => [r.code, { type: 'Feature', properties: { code: r.code, nom: r.nom }, geometry: { type: 'MultiPolygon', coordinates: [] } }])));
    const p = geo.features[0].properties!;
    expect(p.extra).toBeUndefined();
    expect(p[`apl_drees_${year}`]).toBe(file.communes[codes[0]].apl[String(year)]?.value ?? null);
    expect(p[`pharmacies_finess_${def('pharmacies').date}`]).toBe(file.communes[codes[0]].pharmacies);
  });

  it('sans fichier d’indicateurs : les colonnes du zonage seules', () => {
    const [header] = Papa.parse<string[]>(zonageCsv(view, zonageRows(view, codes.map((code) => ({ code, nom: code }) as never))).replace(/^\uFEFF/, '').trim(), { delimiter: ';' }).data;
    expect(header.some((h) => h.startsWith('apl_'))).toBe(false);
  });
});
