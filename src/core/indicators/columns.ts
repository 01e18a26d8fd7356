// The territory's indicators as columns of its zonage table and exports: APL of the latest year, GPs (RPPS) and
// pharmacies (FINESS) at their date, each header naming its year or date and its source.
import { formatDate } from '../format.ts';
import type { IndicatorColumn } from '../zonage/export.ts';
import type { Indicators } from './indicators.ts';
import type { IndicatorSource } from './schema.ts';

/** « DREES », « RPPS » from « Agence du numérique en santé (RPPS) », « FINESS » likewise. */
const shortSource = (s: IndicatorSource) => /\(([^)]+)\)\s*$/.exec(s.producer)?.[1] ?? s.producer.split(/\s+/)[0];
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function indicatorColumns(ind: Indicators): IndicatorColumn[] {
  const out: IndicatorColumn[] = [];
  const apl = ind.def('apl');
  if (apl) {
    const year = ind.aplYear;
    const src = shortSource(apl.source);
    out.push({ field: `apl_${slug(src)}_${year}`, header: `APL ${year} (${src})`, short: `APL ${year}`, value: (code) => ind.apl(code, year)?.value ?? null });
  }
  const gps = ind.def('medecins');
  if (gps?.date) {
    const src = shortSource(gps.source);
    out.push({ field: `medecins_generalistes_${slug(src)}_${gps.date}`, header: `Médecins généralistes (${src}, ${formatDate(gps.date)})`, short: `Généralistes ${src}`, value: (code) => ind.medecins(code)?.value ?? null });
  }
  const ph = ind.def('pharmacies');
  if (ph?.date) {
    const src = shortSource(ph.source);
    out.push({ field: `pharmacies_${slug(src)}_${ph.date}`, header: `Pharmacies (${src}, ${formatDate(ph.date)})`, short: `Pharmacies ${src}`, value: (code) => ind.pharmacies(code)?.value ?? null });
  }
  return out;
}
