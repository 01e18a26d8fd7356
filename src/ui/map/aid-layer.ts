// The « aides » map layer: communes coloured by what one aid gives there to its beneficiary
// (fiche 8: 30 000 € / 10 000 € / non disponible), computed by the same engine as the commune page.
import type { ExpressionSpecification } from 'maplibre-gl';
import { euros } from '../../core/aids/wording.ts';
import { evaluateAid } from '../../core/aids/evaluate.ts';
import type { ZoneResolver } from '../../core/zonage/resolver.ts';
import type { ResolvedAid } from '../../core/aids/model.ts';
import type { Commune } from '../../core/communes.ts';
import type { ZonageStyle } from './zonage-style.ts';

export interface AidLegendEntry {
  value: number;
  label: string;
  color: string;
  pattern?: 'croisillons' | 'hachures' | 'points';
  count: number;
}

export interface AidLayer {
  aid: ResolvedAid;
  date: string;
  style: ZonageStyle;
  entries: AidLegendEntry[];
  /** Commune code → value, for tests and the table. */
  values: Map<string, number>;
}

// Dark to light blues, distinct from the zonage's reds and readable with common colour-vision deficiencies.
const PALETTE = ['#08306b', '#2171b5', '#6baed6', '#c6dbef'];
const PATTERNS = ['croisillons', 'hachures', 'points'] as const;
const NONE = '#f2f2f2';

/** Aids worth a map: financial, and varying from commune to commune (zone or commune condition). */

export function aidLayer(aid: ResolvedAid, communes: Commune[], zones: ZoneResolver, date: string): AidLayer {
  const profile = { beneficiary: aid.beneficiaries[0] };
  const values = new Map<string, number>();
  for (const c of communes) {
    const r = evaluateAid(aid, { date, commune: { code: c.code, nom: c.nom, population: c.population }, zone: zones(c.code) }, profile);
    values.set(c.code, r.eligible === 'no' ? 0 : (r.amount ?? r.ceiling ?? 0));
  }
  const distinct = [...new Set(values.values())].filter((v) => v > 0).sort((a, b) => b - a);
  const entries: AidLegendEntry[] = distinct.map((value, i) => ({
    value,
    label: `${aid.amount.type === 'shareOfCost' || aid.amount.type === 'perKm' ? "jusqu'à " : ''}${euros(value)}`,
    color: PALETTE[Math.min(i, PALETTE.length - 1)],
    pattern: PATTERNS[i],
    count: [...values.values()].filter((v) => v === value).length,
  }));
  entries.push({ value: 0, label: 'non disponible', color: NONE, count: [...values.values()].filter((v) => v === 0).length });
  const byValue = new Map(entries.map((e) => [e.value, e]));
  const fill: Array<string> = [];
  const pattern: Array<string> = [];
  for (const [code, v] of values) {
    fill.push(code, byValue.get(v)!.color);
    pattern.push(code, byValue.get(v)!.pattern ? `motif-${byValue.get(v)!.pattern}` : '');
  }
  const match = (pairs: string[], otherwise: string) => (pairs.length ? ['match', ['get', 'code'], ...pairs, otherwise] : ['literal', otherwise]) as ExpressionSpecification;
  return {
    aid,
    date,
    values,
    entries,
    style: { fill: match(fill, NONE), pattern: match(pattern, ''), ruled: { type: 'FeatureCollection', features: [] } },
  };
}
