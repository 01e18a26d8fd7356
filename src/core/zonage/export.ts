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
  /** The indicators beside the zonage, by their field (IndicatorColumn); null where the file has no value. */
  extra?: Record<string, number | null>;
}

/** An indicator shown beside the zonage (APL, GPs, pharmacies), its header naming its year or date and source. */
export interface IndicatorColumn {
  /** The CSV and GeoJSON field: the indicator, its source, its year or date (« apl_drees_2023 »). */
  field: string;
  /** The table's header (« APL 2023 (DREES) »). */
  header: string;
  /** Its short label on a phone's card. */
  short: string;
  value: (code: string) => number | null;
}

export function zonageRows(view: ZonageView, communes: Iterable<Commune>, indicators: IndicatorColumn[] = []): ZonageRow[] {
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
      ...(indicators.length ? { extra: Object.fromEntries(indicators.map((i) => [i.field, i.value(c.code)])) } : {}),
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
    // Indicators: the field names their source and year or date; an empty cell where the file has no value.
    ...Object.fromEntries(Object.entries(r.extra ?? {}).map(([k, v]) => [k, v ?? ''])),
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
        properties: { ...withoutExtra(r), ...r.extra, ...provenance },
      }];
    }),
  };
}

function withoutExtra(r: ZonageRow): Omit<ZonageRow, 'extra'> {
  const { extra: _, ...rest } = r;
  return rest;
}
