// The real indicators behind the engine's small interface: the built indicator file of the territory
// (DREES APL, RPPS GP counts, pharmacy counts), the ARS class from the zonage bundle, the COG population.
// A GP count flagged implausible is not trusted: it reads as missing, so the commune is « à préciser ».
import { Indicators } from '../indicators/indicators.ts';
import type { IndicatorSource, TerritoryIndicatorsFile } from '../indicators/schema.ts';
import type { ZonageBundle, BundleZonage } from '../zonage/bundle.ts';
import { arsSchemeId } from '../ars/schemes.ts';
import { parisToday } from '../dates.ts';
import type { IndicatorReader, Reading, RevisionCommune } from './engine.ts';
import type { Method, RevisionIndicator } from './schema.ts';

const LABELS: Record<RevisionIndicator, string> = {
  apl: 'APL',
  'apl-moins-65': 'APL (médecins de moins de 65 ans)',
  'apl-evolution': "Évolution de l'APL",
  'medecins-pour-10000': 'Médecins généralistes pour 10 000 habitants',
  medecins: 'Médecins généralistes',
  pharmacies: 'Pharmacies',
  'classe-ars': 'Zonage ARS',
  population: 'Population',
};

export const indicatorLabel = (id: RevisionIndicator) => LABELS[id];

const sourceText = (s: IndicatorSource) => `${s.producer}, ${s.dataset} (${s.date})`;

const latest = (b: ZonageBundle, scheme: string, profession: string): BundleZonage | undefined =>
  b.zonages.filter((z) => z.scheme === scheme && z.profession === profession).sort((a, c) => c.year - a.year || (c.validFrom < a.validFrom ? -1 : 1))[0];

export interface RevisionContext {
  /** Last year's zonage of the method's scheme (the base of the draft). */
  last: BundleZonage | undefined;
  /** The ARS zonage of the profession, the latest known. */
  ars: BundleZonage | undefined;
  /** The year the draft prepares. */
  year: number;
}

export function revisionContext(b: ZonageBundle, method: Method): RevisionContext {
  const last = latest(b, method.scheme, method.profession);
  return { last, ars: latest(b, arsSchemeId(method.profession), method.profession), year: (last?.year ?? Number(parisToday().slice(0, 4))) + 1 };
}

/** The reader over the territory's built files. */
export function indicatorReader(file: TerritoryIndicatorsFile, communes: RevisionCommune[], ctx: RevisionContext): IndicatorReader {
  const ind = new Indicators(file);
  const population = new Map(communes.map((c) => [c.code, c.population]));
  const cog = 'INSEE, Code officiel géographique (population municipale)';
  const r = (indicator: RevisionIndicator, value: number | string | null, source: string, when: { year?: number; date?: string; since?: number } = {}): Reading => ({ indicator, label: LABELS[indicator], value, source, ...when });
  const gps = (code: string) => {
    const m = ind.medecins(code);
    return m && { value: m.trusted ? m.value : null, source: `${sourceText(m.source)}${m.trusted ? '' : ' — nombre jugé invraisemblable, non retenu'}`, date: m.source.date };
  };
  // Readings do not change while the page is open: a threshold change re-reads none of them.
  const memo = new Map<string, Reading | undefined>();
  return (code, indicator, since) => {
    const key = `${code}|${indicator}|${since ?? ''}`;
    if (memo.has(key)) return memo.get(key);
    const r = readOne(code, indicator, since);
    memo.set(key, r);
    return r;
  };

  function readOne(code: string, indicator: RevisionIndicator, since: number | undefined): Reading | undefined {
    switch (indicator) {
      case 'apl':
      case 'apl-moins-65': {
        const a = ind.apl(code);
        if (!a) return undefined;
        const value = indicator === 'apl' ? a.value : a.under65;
        return r(indicator, value, `${sourceText(a.source)}${a.derived ? ` — calculée sur les anciennes communes ${a.from.join(', ')}` : ''}`, { year: a.year });
      }
      case 'apl-evolution': {
        const h = ind.aplHistory(code);
        if (!h || since === undefined) return undefined;
        const last = h.value[h.value.length - 1];
        const from = h.value.find(([y]) => y === since);
        const value = last && from ? Math.round((last[1] - from[1]) * 100) / 100 : null;
        return r(indicator, value, sourceText(h.source), { year: last?.[0], since });
      }
      case 'medecins': {
        const g = gps(code);
        return g && r(indicator, g.value, g.source, { date: g.date });
      }
      case 'medecins-pour-10000': {
        const g = gps(code);
        const p = population.get(code);
        if (!g) return undefined;
        return r(indicator, g.value !== null && p ? Math.round((g.value / p) * 100000) / 10 : null, `${g.source} ; ${cog}`, { date: g.date });
      }
      case 'pharmacies': {
        const p = ind.pharmacies(code);
        return p && r(indicator, p.value, sourceText(p.source), { date: p.source.date });
      }
      case 'classe-ars': {
        const c = ctx.ars?.classes[code];
        return ctx.ars ? r(indicator, c ?? null, ctx.ars.source, { date: ctx.ars.validFrom }) : undefined;
      }
      case 'population': {
        const p = population.get(code);
        return r(indicator, p ?? null, cog);
      }
    }
  }
}
