// Every data source a territory's pages rest on, with its date, for the « Méthode et sources » page:
// read from the loaded data (the zonage bundle, the plans) and public/geo/manifest.json, never hard-coded.
import type { Plan } from './territory.ts';
import { zonageStatus } from './zonage/status.ts';
import type { ZonageBundle } from './zonage/bundle.ts';
import { professionLabel } from './professions.ts';
import { formatDate } from './format.ts';

/** The part of public/geo/manifest.json the page shows. */
export interface GeoManifest {
  source: { name: string; licence: string };
  cog: { package: string; version: string; edition: string };
}

export interface DataSource {
  /** What the source gives, e.g. « Zonage 2026 — médecin généraliste ». */
  what: string;
  source: string;
  /** Its date in French: a validity, an edition, or the last date found in the data. */
  date: string;
  example: boolean;
}

const last = (dates: Array<string | null | undefined>, today: string): string | undefined =>
  dates.filter((d): d is string => !!d && d <= today).sort().at(-1);

/** « IGN ADMIN EXPRESS COG 2018, via … » → « édition 2018 ». */
const edition = (name: string): string => {
  const year = /\b(19|20)\d{2}\b/.exec(name)?.[0];
  return year ? `édition ${year}` : 'date non renseignée';
};

export function dataSources(bundle: ZonageBundle, plans: Plan[], manifest: GeoManifest | null, today: string): DataSource[] {
  const out: DataSource[] = [];
  for (const p of plans) {
    out.push({ what: p.title, source: p.reference, date: `en vigueur depuis le ${formatDate(p.validFrom)}${p.validUntil ? `, jusqu'au ${formatDate(p.validUntil)}` : ''}`, example: false });
  }
  // The territory's own zonages first, then the ARS ones, in the order of the schemes.
  const order = (id: string) => bundle.schemes.findIndex((s) => s.id === id);
  for (const z of bundle.zonages.toSorted((a, b) => order(a.scheme) - order(b.scheme) || a.profession.localeCompare(b.profession) || a.year - b.year)) {
    const scheme = bundle.schemes.find((s) => s.id === z.scheme);
    out.push({
      what: `${scheme?.label ?? 'Zonage'} ${z.year} — ${professionLabel(z.profession).toLowerCase()}`,
      source: z.source,
      // Its status today: a validity, « dernier zonage connu… », or « remplacé… ».
      date: zonageStatus(z, today).state === 'expire' ? `valable du ${formatDate(z.validFrom)} au ${formatDate(z.validUntil)}` : zonageStatus(z, today).text,
      example: z.example,
    });
  }
  const seen = (d: string | undefined) => (d ? `dernière date connue : ${formatDate(d)}` : 'date non renseignée');
  const pr = bundle.practitioners;
  out.push({ what: 'Professionnels de santé (registre)', source: pr.source, date: seen(last(pr.rows.flatMap((r) => [r.start, r.end]), today)), example: pr.example });
  const ph = bundle.pharmacies;
  out.push({ what: 'Pharmacies', source: ph.source, date: seen(last(ph.rows.flatMap((r) => [r.opened, r.closed]), today)), example: ph.example });
  const declared = bundle.movements.declared;
  if (declared) {
    const dates = bundle.movements.rows.filter((m) => m.source === 'declaration').map((m) => m.date);
    out.push({ what: 'Installations et cessations déclarées', source: declared.source, date: seen(last(dates, today)), example: declared.example });
  }
  if (manifest) {
    out.push({ what: 'Contours des communes', source: `${manifest.source.name} — ${manifest.source.licence}`, date: edition(manifest.source.name), example: false });
    out.push({ what: 'Référentiel des communes (codes, noms, populations, EPCI)', source: `INSEE, DGCL, La Poste via ${manifest.cog.package} ${manifest.cog.version}`, date: manifest.cog.edition, example: false });
  }
  return out;
}
