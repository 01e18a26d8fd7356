// The commune table of a zonage view, and its CSV and GeoJSON exports: exactly the rows shown.
import { spreadsheetCsv } from '../spreadsheet-csv.ts';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Commune } from '../communes.ts';
import type { ZonageView } from './bundle.ts';
import { classById } from './model.ts';

import { EXAMPLE_LABEL } from '../labels.ts';

export { EXAMPLE_LABEL };

export interface ZonageRow {
  code: string;
  nom: string;
  base: string | null;
  effective: string | null;
  reason: string;
  gps: number;
  pharmacies: number;
}

export function zonageRows(view: ZonageView, communes: Iterable<Commune>): ZonageRow[] {
  return [...communes].map((c) => {
    const e = view.classes.get(c.code);
    return {
      code: c.code,
      nom: c.nom,
      base: e?.base ?? null,
      effective: e?.effective ?? null,
      reason: e ? e.reasons.join(' ; ') : 'non classée dans ce zonage',
      gps: e?.gps ?? 0,
      pharmacies: e?.pharmacies ?? 0,
    };
  });
}

/** What every exported row says of the zonage it comes from: which one, whose, its source and date, whether
 * it is in force at the date read, and the « Exemple » label on fictitious data only. */
export function zonageProvenance(view: ZonageView) {
  return {
    zonage: `${view.scheme.label} ${view.zonage.year}`,
    autorite: view.scheme.authority,
    annee: view.zonage.year,
    situation_au: view.date,
    statut_zonage: view.status.text,
    en_vigueur: view.status.inForce ? 'oui' : 'non',
    source: view.zonage.source,
    date_zonage: view.zonage.validUntil,
    exemple: view.example ? EXAMPLE_LABEL : '',
  };
}

/** CSV for spreadsheets: UTF-8 with BOM, semicolons, French headers, class ids and labels. */
export function zonageCsv(view: ZonageView, rows: ZonageRow[]): string {
  const label = (id: string | null) => (id ? classById(view.scheme, id).label : '');
  const provenance = zonageProvenance(view);
  const data = rows.map((r) => ({
    code_insee: r.code,
    commune: r.nom,
    zone_base: r.base ?? '',
    zone_effective: r.effective ?? '',
    libelle_zone_effective: label(r.effective),
    raison: r.reason,
    medecins_generalistes: r.gps,
    pharmacies: r.pharmacies,
    ...provenance,
  }));
  // Formulae neutralised in text cells (a commune or source text starting with = + - @); counts stay numbers.
  return spreadsheetCsv(data);
}

export function zonageGeojson(
  view: ZonageView,
  rows: ZonageRow[],
  shapes: Map<string, Feature<MultiPolygon, { code: string; nom: string }>>,
): FeatureCollection {
  const provenance = zonageProvenance(view);
  return {
    type: 'FeatureCollection',
    features: rows.flatMap((r) => {
      const shape = shapes.get(r.code);
      if (!shape) return [];
      return [{
        type: 'Feature' as const,
        geometry: shape.geometry,
        properties: { ...r, ...provenance },
      }];
    }),
  };
}
