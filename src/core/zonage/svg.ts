// Print-quality SVG of the annual zonage map (fiche 1: « une carte annuelle définissant les
// différentes zones prioritaires d'intervention »): title with the profession, place names, scale bar,
// north arrow, legend with counts, source and date. Each commune is a group with its code as `id` and its
// name in a `<title>`, so the file can be annotated in Inkscape or Illustrator.
import { geoConicConformal, geoDistance, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { formatDate, formatInteger, plural } from '../format.ts';
import type { ZonageView } from './bundle.ts';
import { EXAMPLE_LABEL, PREVIEW_LABEL } from '../labels.ts';
import { professionLabel } from '../professions.ts';

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PATTERNS: Record<string, string> = {
  hachures: '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  croisillons: '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2 M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  traits: '<path d="M0,2 h8 M0,6 h8" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  verticales: '<path d="M2,0 v8 M6,0 v8" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  points: '<circle cx="2" cy="2" r="1" fill="#2d190f" fill-opacity="0.7"/><circle cx="6" cy="6" r="1" fill="#2d190f" fill-opacity="0.7"/>',
};

export interface Place {
  code: string;
  nom: string;
  population: number | null;
  /** [longitude, latitude] of a point inside the commune. */
  point: [number, number];
}

export interface SvgInput {
  view: ZonageView;
  /** By default the scheme, the year and the profession (see exportTitle). */
  title?: string;
  /** Communes that may be named on the map: the most populated first, as many as fit. */
  places?: Place[];
  communes: FeatureCollection<MultiPolygon, { code: string; nom: string }>;
  outline: FeatureCollection<MultiPolygon>;
  points: Map<string, [number, number]>;
  attribution: string;
  /**
   * Drawn from data previewed in « Gestion », not published: a banner under the title and the mark across
   * the map, so that a printed or exported preview is never taken for the published map.
   */
  preview?: boolean;
  /** A4 portrait at 96 dpi by default. */
  width?: number;
  height?: number;
}

/** « Médecin généraliste » → « médecins généralistes » (every word of the labels takes an s). */
const pluralLabel = (id: string) => professionLabel(id).toLowerCase().replace(/([a-zéè])(?=[\s-]|$)/g, '$1s');

/** « Zonage départemental 2026 — médecins généralistes »; the profession once when the scheme names it. */
export function exportTitle(view: Pick<ZonageView, 'scheme' | 'zonage'>): string {
  const who = pluralLabel(view.zonage.profession);
  const label = `${view.scheme.label} ${view.zonage.year}`;
  return view.scheme.label.toLowerCase().includes(who) ? label : `${label} — ${who}`;
}

/** A round length (1, 2, 2.5 or 5 × 10ⁿ km) close to `km`, not above it. */
function roundKm(km: number): number {
  const p = 10 ** Math.floor(Math.log10(km));
  return [5, 2.5, 2, 1].map((f) => f * p).find((v) => v <= km) ?? p;
}

const LABEL_SIZE = 12;
/** Rough text width for collision tests: Helvetica averages about 0.55 em per character. */
const textWidth = (t: string, size: number) => t.length * size * 0.55;

export function zonageSvg({ view, title = exportTitle(view), places = [], communes, outline, points, attribution, preview = false, width = 794, height = 1123 }: SvgInput): string {
  const legendTop = height - 250;
  // Lines under the subtitle: the preview's banner first, then the example label.
  const marks = [
    ...(preview ? [(y: number) => `<g id="apercu-bandeau"><rect x="24" y="${y - 19}" width="${Math.round(textWidth(PREVIEW_LABEL, 17) + 20)}" height="26" fill="#9e1b0f"/><text x="34" y="${y}" font-size="17" font-weight="bold" fill="#ffffff">${PREVIEW_LABEL}</text></g>`] : []),
    ...(view.example ? [(y: number) => `<text x="30" y="${y}" font-size="16" font-weight="bold" fill="#8a5a00">${EXAMPLE_LABEL}</text>`] : []),
  ].map((line, i) => line(106 + i * 28));
  const mapBox: [[number, number], [number, number]] = [[30, marks.length ? 106 + (marks.length - 1) * 28 + 24 : 110], [width - 30, legendTop - 20]];
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitExtent(mapBox, outline);
  const path = geoPath(projection);
  const colour = new Map(view.scheme.classes.map((k) => [k.id, k]));
  const shape = (f: Feature<MultiPolygon, { code: string; nom: string }>) => {
    const { code, nom } = f.properties;
    const k = colour.get(view.classes.get(code)?.effective ?? '');
    const d = path(f) ?? '';
    const fill = `<path d="${d}" fill="${k?.color ?? '#ffffff'}" stroke="#6f7c85" stroke-width="0.4"/>`;
    const hatch = k?.pattern ? `<path d="${d}" fill="url(#motif-${k.pattern})" stroke="none"/>` : '';
    const tip = `${nom} (${code})${k ? ` — ${k.label}` : ''}`;
    return `<g id="commune-${escape(code)}" data-code="${escape(code)}" data-nom="${escape(nom)}"><title>${escape(tip)}</title>${fill}${hatch}</g>`;
  };
  // Place names: a white halo drawn as a copy under the text (paint-order is not read by every editor). The most populated communes first; a name that would overlap one already placed is left out.
  const placed: Array<[number, number, number, number]> = [];
  const names: string[] = [];
  for (const p of places.toSorted((a, b) => (b.population ?? 0) - (a.population ?? 0))) {
    if (names.length >= 14) break;
    const xy = projection(p.point);
    if (!xy) continue;
    const big = names.length < 3;
    const size = big ? LABEL_SIZE + 2 : LABEL_SIZE;
    const w = textWidth(p.nom, size);
    const box: [number, number, number, number] = [xy[0] - w / 2 - 3, xy[1] - size - 6, xy[0] + w / 2 + 3, xy[1] + 4];
    if (box[0] < mapBox[0][0] || box[2] > mapBox[1][0]) continue;
    if (placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
    placed.push(box);
    names.push(
      `<circle cx="${xy[0].toFixed(1)}" cy="${xy[1].toFixed(1)}" r="2.2" fill="#1d2730" stroke="#fff" stroke-width="1"/>` +
        [' stroke="#fff" stroke-width="3.5" stroke-linejoin="round"', '']
          .map((halo) => `<text x="${xy[0].toFixed(1)}" y="${(xy[1] - 6).toFixed(1)}" text-anchor="middle" font-size="${size}"${big ? ' font-weight="bold"' : ''}${halo}>${escape(p.nom)}</text>`)
          .join(''),
    );
  }
  // Scale bar, measured at the bottom of the map (a conformal projection's scale varies slightly with latitude).
  const barY = mapBox[1][1] - 8;
  const a = projection.invert!([mapBox[0][0], barY])!;
  const b = projection.invert!([mapBox[0][0] + 100, barY])!;
  const kmPer100 = geoDistance(a, b) * 6371.0088;
  const km = roundKm(kmPer100 * 1.2);
  const barWidth = (km / kmPer100) * 100;
  const scale = [
    `<g id="echelle" font-size="11">`,
    `<rect x="30" y="${barY - 4}" width="${(barWidth / 2).toFixed(1)}" height="5" fill="#1d2730"/>`,
    `<rect x="${(30 + barWidth / 2).toFixed(1)}" y="${barY - 4}" width="${(barWidth / 2).toFixed(1)}" height="5" fill="#fff" stroke="#1d2730" stroke-width="1"/>`,
    `<text x="30" y="${barY - 8}">0</text>`,
    `<text x="${(30 + barWidth).toFixed(1)}" y="${barY - 8}" text-anchor="middle">${formatInteger(km)} km</text>`,
    '</g>',
  ].join('');
  const nx = width - 50;
  const ny = mapBox[0][1] + 10;
  const north = `<g id="nord" aria-label="Nord"><path d="M${nx},${ny} l-9,26 l9,-7 l9,7 z" fill="#1d2730"/><text x="${nx}" y="${ny + 42}" text-anchor="middle" font-size="14" font-weight="bold">N</text></g>`;
  const ruled = view.ruled
    .map((code) => points.get(code))
    .filter((p): p is [number, number] => !!p)
    .map((p) => projection(p))
    .filter((p): p is [number, number] => !!p)
    .map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="#fff" stroke="#1f3b57" stroke-width="1.8"/>`);
  const rows = view.scheme.classes.map((k, i) => {
    const y = legendTop + 40 + i * 24;
    const count = view.counts.find((c) => c.id === k.id)?.count ?? 0;
    const pattern = k.pattern ? `<rect x="40" y="${y - 13}" width="28" height="16" fill="url(#motif-${k.pattern})"/>` : '';
    return `<rect x="40" y="${y - 13}" width="28" height="16" fill="${k.color}" stroke="#6f7c85"/>${pattern}<text x="78" y="${y}">${escape(k.label)} : ${formatInteger(count)} ${plural(count, 'commune', 'communes')}</text>`;
  });
  // Communes the zonage's file does not name (an import covering part of the territory): drawn white, said.
  const absent = communes.features.filter((f) => !view.classes.has(f.properties.code)).length;
  if (absent) {
    const y = legendTop + 40 + rows.length * 24;
    rows.push(`<rect x="40" y="${y - 13}" width="28" height="16" fill="#ffffff" stroke="#6f7c85"/><text x="78" y="${y}">Absentes de ce zonage : ${formatInteger(absent)} ${plural(absent, 'commune', 'communes')}</text>`);
  }
  const ruleY = legendTop + 40 + rows.length * 24;
  const rule = view.ruled.length
    ? `<circle cx="54" cy="${ruleY - 5}" r="5" fill="#fff" stroke="#1f3b57" stroke-width="2"/><text x="78" y="${ruleY}">dont ${formatInteger(view.ruled.length)} ${plural(view.ruled.length, 'rendue fragile', 'rendues fragiles')} par la règle « pharmacie sans médecin » (fiche 1)</text>`
    : '';
  const source = [
    `Zonage ${view.status.text}.`,
    `Source : ${view.example ? EXAMPLE_LABEL : view.zonage.source}. ${attribution}.`,
    ...(preview ? [`${PREVIEW_LABEL} : données importées dans « Gestion », vérifiées sur le poste, pas encore publiées sur le site.`] : []),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13" fill="#1d2730">`,
    `<defs>${view.scheme.classes
      .filter((k) => k.pattern)
      .map((k) => `<pattern id="motif-${k.pattern}" width="8" height="8" patternUnits="userSpaceOnUse">${PATTERNS[k.pattern!]}</pattern>`)
      .join('')}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="30" y="50" font-size="26" font-weight="bold">${escape(title)}</text>`,
    `<text x="30" y="78" font-size="14" fill="#52606b">${escape(view.scheme.authority)} — situation au ${formatDate(view.date)}</text>`,
    ...marks,
    `<g id="communes">${communes.features.map(shape).join('')}</g>`,
    `<g fill="none" stroke="#1f3b57" stroke-width="1.6">${outline.features.map((f) => `<path d="${path(f) ?? ''}"/>`).join('')}</g>`,
    `<g>${ruled.join('')}</g>`,
    `<g id="lieux" fill="#1d2730">${names.join('')}</g>`,
    scale,
    north,
    // Across the map, above the communes and names: drawn last among the map's layers so no fill hides it.
    preview
      ? `<text id="apercu" x="${(width / 2).toFixed(0)}" y="${((mapBox[0][1] + mapBox[1][1]) / 2).toFixed(0)}" text-anchor="middle" dominant-baseline="middle" font-size="64" font-weight="bold" fill="#9e1b0f" fill-opacity="0.28" stroke="#ffffff" stroke-opacity="0.5" stroke-width="1" transform="rotate(-35 ${(width / 2).toFixed(0)} ${((mapBox[0][1] + mapBox[1][1]) / 2).toFixed(0)})">${PREVIEW_LABEL}</text>`
      : '',
    `<text x="30" y="${legendTop + 12}" font-size="15" font-weight="bold">Légende</text>`,
    ...rows,
    rule,
    ...source.map((t, i) => `<text x="30" y="${height - 22 - source.length * 18 + i * 18 + 18}" font-size="11" fill="#52606b">${escape(t)}</text>`),
    '</svg>',
  ].join('\n');
}
