// The indicator counts as the pharmacy rule reads them (fiche 1): GPs (RPPS) and pharmacies (FINESS
// compilation) per commune at their date, in place of a fictitious individual list.
import type { OfferCount, OfferCounts } from '../zonage/model.ts';
import { formatDate } from '../format.ts';
import type { TerritoryIndicatorsFile } from './schema.ts';

export function offerCounts(file: TerritoryIndicatorsFile, want: { gps: boolean; pharmacies: boolean }): OfferCounts {
  const def = (id: 'medecins' | 'pharmacies') => file.indicators.find((d) => d.id === id);
  const out: OfferCounts = {};
  const med = def('medecins');
  if (want.gps && med) {
    const values: Record<string, number> = {};
    const flagged: string[] = [];
    for (const [code, c] of Object.entries(file.communes)) {
      if (!c.medecins) continue;
      if (c.medecins.generalistes) values[code] = c.medecins.generalistes;
      if (c.flags.includes('medecins-invraisemblable')) flagged.push(code);
    }
    const date = med.date ?? med.source.date;
    out.gps = count(`RPPS du ${formatDate(date)}`, date, med.source, values, flagged);
  }
  const ph = def('pharmacies');
  // Only where the pharmacy file covers every commune of the territory (a missing département is not « none »).
  if (want.pharmacies && ph && Object.values(file.communes).every((c) => c.pharmacies !== null)) {
    const values: Record<string, number> = {};
    for (const [code, c] of Object.entries(file.communes)) if (c.pharmacies) values[code] = c.pharmacies;
    const date = ph.date ?? ph.source.date;
    out.pharmacies = count(`FINESS du ${formatDate(date)}, compilation tierce`, date, ph.source, values, []);
  }
  return out;
}

function count(label: string, date: string, s: { producer: string; dataset: string; file: string }, values: Record<string, number>, flagged: string[]): OfferCount {
  return { date, label, source: `${s.producer} — ${s.dataset} (${s.file})`, values, ...(flagged.length ? { flagged } : {}) };
}
