// The « Couleurs » choices made of indicators: each commune put in a class (APL with the national
// thresholds 2.5 and 4, GPs per 10,000 inhabitants, pharmacies, « pharmacie sans médecin »), with
// colours and patterns (never colour alone) and counts for the legend. Pure: the map turns it into a style.
import type { Indicators } from './indicators.ts';
import { formatNumber } from '../format.ts';

export const INDICATOR_LAYERS = [
  { id: 'apl', label: 'APL aux médecins généralistes' },
  { id: 'medecins-10000', label: 'Médecins généralistes pour 10 000 habitants' },
  { id: 'pharmacies', label: 'Pharmacies' },
  { id: 'pharmacie-sans-medecin', label: 'Pharmacie sans médecin' },
] as const;
export type IndicatorLayerId = (typeof INDICATOR_LAYERS)[number]['id'];
export const isIndicatorLayer = (id: string | undefined): id is IndicatorLayerId => INDICATOR_LAYERS.some((l) => l.id === id);

export interface LayerClass {
  id: string;
  label: string;
  color: string;
  pattern?: 'croisillons' | 'hachures' | 'points' | 'traits';
  codes: string[];
  count: number;
}

type Def = Omit<LayerClass, 'codes' | 'count'>;
const NONE: Def = { id: 'sans-valeur', label: 'sans valeur', color: '#ffffff', pattern: 'traits' };

function classify<T>(defs: Def[], items: Iterable<[string, T]>, pick: (v: T) => string): LayerClass[] {
  const byId = new Map<string, LayerClass>(defs.map((d) => [d.id, { ...d, codes: [], count: 0 }]));
  for (const [code, v] of items) {
    const k = byId.get(pick(v))!;
    k.codes.push(code);
    k.count++;
  }
  return [...byId.values()];
}

const n = (x: number) => formatNumber(x);

/** APL classes: the national frame (2.5 or less: under-served; above 4: not eligible), and below 1.5 apart. */
export function aplDefs(thresholds: readonly number[] = [2.5, 4]): Def[] {
  const [low, high] = thresholds;
  return [
    { id: 'apl-tres-faible', label: `moins de ${n(1.5)} (sous-dotation)`, color: '#54278f', pattern: 'croisillons' },
    { id: 'apl-faible', label: `de ${n(1.5)} à ${n(low)} (sous-dotation, seuil ${n(low)})`, color: '#8c6bb1', pattern: 'hachures' },
    { id: 'apl-moyenne', label: `plus de ${n(low)} à ${n(high)}`, color: '#c7e9c0' },
    { id: 'apl-elevee', label: `plus de ${n(high)} (seuil ${n(high)})`, color: '#41ab5d', pattern: 'points' },
    NONE,
  ];
}

export function aplClassId(v: number | null, thresholds: readonly number[] = [2.5, 4]): string {
  if (v === null) return NONE.id;
  if (v < 1.5) return 'apl-tres-faible';
  if (v <= thresholds[0]) return 'apl-faible';
  if (v <= thresholds[1]) return 'apl-moyenne';
  return 'apl-elevee';
}

export function aplClasses(values: Iterable<[string, number | null]>, thresholds: readonly number[] = [2.5, 4]): LayerClass[] {
  return classify(aplDefs(thresholds), values, (v) => aplClassId(v, thresholds));
}

/** GPs per 10,000 inhabitants; a flagged count (README: over 10,000 inhabitants, under 2 GPs) is a class of its own. */
export function gpDensity(gps: number, population: number | null): number | null {
  return population ? Math.round((gps / population) * 100_000) / 10 : null;
}

/** The classes of one indicator layer over the territory's communes. */
export function indicatorClasses(layer: IndicatorLayerId, ind: Indicators, communes: Array<{ code: string; population: number | null }>): LayerClass[] {
  if (layer === 'apl') return aplClasses(communes.map((c) => [c.code, ind.apl(c.code)?.value ?? null]), ind.def('apl')?.thresholds);
  if (layer === 'medecins-10000') {
    const defs: Def[] = [
      { id: 'gp-0', label: 'aucun', color: '#54278f', pattern: 'croisillons' },
      { id: 'gp-5', label: 'moins de 5', color: '#8c6bb1', pattern: 'hachures' },
      { id: 'gp-10', label: 'de 5 à moins de 10', color: '#c7e9c0' },
      { id: 'gp-plus', label: '10 ou plus', color: '#41ab5d', pattern: 'points' },
      { id: 'gp-douteux', label: 'valeur invraisemblable (signalée)', color: '#d9d9d9', pattern: 'traits' },
      NONE,
    ];
    return classify(defs, communes.map((c) => [c.code, c]), (c) => {
      const m = ind.medecins(c.code);
      if (!m) return NONE.id;
      if (!m.trusted) return 'gp-douteux';
      const d = gpDensity(m.value, c.population);
      return d === null ? NONE.id : m.value === 0 ? 'gp-0' : d < 5 ? 'gp-5' : d < 10 ? 'gp-10' : 'gp-plus';
    });
  }
  if (layer === 'pharmacies') {
    const defs: Def[] = [
      { id: 'ph-0', label: 'aucune', color: '#f7f7f7' },
      { id: 'ph-1', label: '1 pharmacie', color: '#9ecae1', pattern: 'points' },
      { id: 'ph-2', label: '2 pharmacies ou plus', color: '#2171b5', pattern: 'hachures' },
      { ...NONE, label: 'non couverte par le fichier' },
    ];
    return classify(defs, communes.map((c) => [c.code, ind.pharmacies(c.code)?.value]), (v) => (v === undefined ? NONE.id : v === 0 ? 'ph-0' : v === 1 ? 'ph-1' : 'ph-2'));
  }
  const defs: Def[] = [
    { id: 'psm-oui', label: 'pharmacie sans médecin généraliste', color: '#e0622b', pattern: 'hachures' },
    { id: 'psm-non', label: 'autres communes', color: '#f7f7f7' },
  ];
  return classify(defs, communes.map((c) => [c.code, ind.flags(c.code)]), (f) => (f.includes('pharmacie-sans-medecin') ? 'psm-oui' : 'psm-non'));
}
