// Every dataset a territory's views rest on, and the notice naming those that are fictitious (« Données
// fictives ici : … »), shown wherever they are.
import type { DataFile } from './zonage/config.ts';
import type { ZonageBundle } from './zonage/bundle.ts';
import { professionLabel } from './professions.ts';
import { lowerFirst } from './text.ts';

export interface Dataset {
  label: string;
  example: boolean;
  source: string;
  /** ISO date the data describes, when known. */
  date?: string;
  /** Zonages: the scheme and profession they belong to (« Zonage départemental des médecins généralistes »), and their year. */
  group?: string;
  year?: number;
}

/** Every dataset of a territory with its label, provenance and date (offers, built apart, are passed in). */
export function datasetsOf(b: ZonageBundle, others: Dataset[] = []): Dataset[] {
  const file = (label: string, d: DataFile): Dataset => ({ label, example: d.example, source: d.source, ...(d.date ? { date: d.date } : {}) });
  return [
    ...b.zonages.map((z) => {
      const scheme = b.schemes.find((s) => s.id === z.scheme)?.label ?? z.scheme;
      const many = professionPlural(z.profession);
      const group = scheme.toLowerCase().includes(many) ? scheme : `${scheme} des ${many}`;
      return { label: `${scheme} ${z.year} (${professionLabel(z.profession).toLowerCase()})`, example: z.example, source: z.source, date: z.validUntil, group, year: z.year };
    }),
    file('Professionnels de santé', b.practitioners),
    file('Pharmacies', b.pharmacies),
    ...(b.movements.declared ? [file('Mouvements déclarés', b.movements.declared)] : []),
    ...others,
  ];
}

/** The fictitious datasets among them, for the notice of each view: « Exemple » on these only. */
export const fictitiousDatasets = (b: ZonageBundle, others: Dataset[] = []): Dataset[] => datasetsOf(b, others).filter((d) => d.example);

/**
 * The notice of a view: which of the data it shows are fictitious, or undefined when none is. Zonages of
 * one scheme are named once: « Données fictives ici : zonage départemental (médecins généralistes, 2025,
 * 2026), professionnels de santé, pharmacies, mouvements déclarés, offres des communes (exemples). »
 */
export function fictitiousNotice(datasets: Dataset[]): string | undefined {
  const names = [...new Set(datasets.filter((d) => d.example).map((d) => d.group ?? d.label))];
  if (!names.length) return undefined;
  const years = (name: string) => datasets.filter((d) => d.example && d.group === name && d.year !== undefined).map((d) => d.year);
  const said = names.map((n) => (years(n).length ? `${lowerFirst(n)} (${years(n).join(', ')})` : lowerFirst(n)));
  return `Données fictives ici : ${said.join(', ')} (exemples).`;
}

/** The notice of a territory's views: its bundle's datasets and its communes' offers. */
export function territoryNotice(b: ZonageBundle, offers: Array<{ example: boolean; source: string }>): string | undefined {
  const others = offers.length ? [{ label: 'Offres des communes', example: offers.some((o) => o.example), source: offers[0].source }] : [];
  return fictitiousNotice(datasetsOf(b, others));
}

/** « médecins généralistes », « sages-femmes »: every word of the label takes an s. */
const professionPlural = (id: string) => professionLabel(id).toLowerCase().replace(/([^\s-]+)/g, '$1s');

