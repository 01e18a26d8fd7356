// Print-quality SVG of the annual zonage map (fiche 1: « une carte annuelle définissant les
// différentes zones prioritaires d'intervention »): title, legend with counts, source and date.
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { formatDate, formatInteger } from './format.ts';
import type { ZonageView } from './zonage-bundle.ts';
import { EXAMPLE_LABEL } from './labels.ts';

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PATTERNS: Record<string, string> = {
  hachures: '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  croisillons: '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2 M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  traits: '<path d="M0,2 h8 M0,6 h8" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  verticales: '<path d="M2,0 v8 M6,0 v8" stroke="#2d190f" stroke-opacity="0.6" stroke-width="1"/>',
  points: '<circle cx="2" cy="2" r="1" fill="#2d190f" fill-opacity="0.7"/><circle cx="6" cy="6" r="1" fill="#2d190f" fill-opacity="0.7"/>',
};

export interface SvgInput {
  view: ZonageView;
  title: string;
  communes: FeatureCollection<MultiPolygon, { code: string; nom: string }>;
  outline: FeatureCollection<MultiPolygon>;
  points: Map<string, [number, number]>;
  attribution: string;
  /** A4 portrait at 96 dpi by default. */
  width?: number;
  height?: number;
}

export function zonageSvg({ view, title, communes, outline, points, attribution, width = 794, height = 1123 }: SvgInput): string {
  const legendTop = height - 250;
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitExtent([[30, 110], [width - 30, legendTop - 20]], outline);
  const path = geoPath(projection);
  const colour = new Map(view.scheme.classes.map((k) => [k.id, k]));
  const shape = (f: Feature<MultiPolygon, { code: string }>) => {
    const k = colour.get(view.classes.get(f.properties.code)?.effective ?? '');
    const d = path(f) ?? '';
    const fill = `<path d="${d}" fill="${k?.color ?? '#ffffff'}" stroke="#6f7c85" stroke-width="0.4"/>`;
    return k?.pattern ? `${fill}<path d="${d}" fill="url(#motif-${k.pattern})" stroke="none"/>` : fill;
  };
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
    return `<rect x="40" y="${y - 13}" width="28" height="16" fill="${k.color}" stroke="#6f7c85"/>${pattern}<text x="78" y="${y}">${escape(k.label)} : ${formatInteger(count)} commune${count > 1 ? 's' : ''}</text>`;
  });
  const ruleY = legendTop + 40 + view.scheme.classes.length * 24;
  const rule = view.ruled.length
    ? `<circle cx="54" cy="${ruleY - 5}" r="5" fill="#fff" stroke="#1f3b57" stroke-width="2"/><text x="78" y="${ruleY}">dont ${formatInteger(view.ruled.length)} rendue(s) fragile(s) par la règle « pharmacie sans médecin » (fiche 1)</text>`
    : '';
  const source = [
    `Situation au ${formatDate(view.date)} — zonage ${view.status.text}.`,
    `Source : ${view.example ? EXAMPLE_LABEL : view.zonage.source}. ${attribution}.`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13" fill="#1d2730">`,
    `<defs>${view.scheme.classes
      .filter((k) => k.pattern)
      .map((k) => `<pattern id="motif-${k.pattern}" width="8" height="8" patternUnits="userSpaceOnUse">${PATTERNS[k.pattern!]}</pattern>`)
      .join('')}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="30" y="50" font-size="26" font-weight="bold">${escape(title)}</text>`,
    `<text x="30" y="78" font-size="14" fill="#52606b">${escape(view.scheme.authority)} — ${escape(view.scheme.label)}</text>`,
    view.example ? `<text x="${width - 30}" y="50" text-anchor="end" font-size="16" font-weight="bold" fill="#8a5a00">${EXAMPLE_LABEL}</text>` : '',
    `<g>${communes.features.map(shape).join('')}</g>`,
    `<g fill="none" stroke="#1f3b57" stroke-width="1.6">${outline.features.map((f) => `<path d="${path(f) ?? ''}"/>`).join('')}</g>`,
    `<g>${ruled.join('')}</g>`,
    `<text x="30" y="${legendTop + 12}" font-size="15" font-weight="bold">Légende</text>`,
    ...rows,
    rule,
    ...source.map((t, i) => `<text x="30" y="${height - 40 + i * 18}" font-size="11" fill="#52606b">${escape(t)}</text>`),
    '</svg>',
  ].join('\n');
}
