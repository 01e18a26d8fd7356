// zonage --territory <id> [--profession P] [--date YYYY-MM-DD] [--scheme S] [--year Y]
//        [--zonage-file F --medecins-file F --pharmacies-file F --mouvements-file F]
// The effective class of every commune of the territory, with its reasons.
import { isIsoDate, parisToday } from '../../src/core/dates.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { dateForYear, defaultScheme, noZonageText, professionsOf, zonageInForce, zonageView } from '../../src/core/zonage/bundle.ts';
import { buildZonageBundle } from '../build-zonage.ts';
import { loadCog } from '../lib/inputs.ts';
import { UsageError, json, territoryOf, type Command } from './command.ts';

export const usage =
  'zonage --territory <id> [--profession P] [--date AAAA-MM-JJ] [--scheme S] [--year AAAA] [--zonage-file F --medecins-file F --pharmacies-file F --mouvements-file F]';

export const options = {
  territory: { type: 'string' },
  year: { type: 'string' },
  profession: { type: 'string' },
  date: { type: 'string' },
  scheme: { type: 'string' },
  'zonage-file': { type: 'string' },
  'medecins-file': { type: 'string' },
  'pharmacies-file': { type: 'string' },
  'mouvements-file': { type: 'string' },
} as const;

/**
 * The effective class of every commune: the profession defaults to the territory's first, the date to
 * today, the scheme and year to the zonage in force at the date (the territory's own scheme first).
 * `--year` alone keeps its former meaning: that year's zonage, read at today's date within its period.
 */
export const run: Command['run'] = ({ strings: values }, io) => {
  const today = parisToday;
  const territory = territoryOf(values.territory);
  if (values.year && !/^\d{4}$/.test(values.year)) throw new UsageError(`année « ${values.year} » invalide (AAAA).`);
  if (values.date && !isIsoDate(values.date)) throw new UsageError(`date « ${values.date} » invalide (AAAA-MM-JJ).`);
  const year = values.year ? Number(values.year) : undefined;
  const { bundle, problems, warnings } = buildZonageBundle(territory.id, {
    zonage: values['zonage-file'],
    medecins: values['medecins-file'],
    pharmacies: values['pharmacies-file'],
    mouvements: values['mouvements-file'],
    year,
  });
  for (const w of warnings) io.stderr.write(`avertissement : ${w}\n`);
  for (const p of problems) io.stderr.write(`rejeté : ${p}\n`);
  const scheme = values.scheme;
  if (scheme && !bundle.schemes.some((s) => s.id === scheme)) throw new UsageError(`zonage « ${scheme} » inconnu dans ${territory.name} ; zonages : ${bundle.schemes.map((s) => s.id).join(', ')}.`);
  const profession =
    values.profession ??
    (year !== undefined ? bundle.zonages.find((z) => z.year === year && (!scheme || z.scheme === scheme))?.profession : undefined) ??
    (scheme ? bundle.zonages.find((z) => z.scheme === scheme)?.profession : undefined) ??
    professionsOf(bundle)[0];
  if (!profession || !professionsOf(bundle).includes(profession)) throw new UsageError(`aucun zonage${values.profession ? ` pour ${values.profession}` : ''} dans ${territory.name}.`);
  const date = values.date;
  let z;
  if (year !== undefined) {
    z = bundle.zonages.find((x) => x.year === year && x.profession === profession && x.scheme === (scheme ?? defaultScheme(bundle, profession)));
    if (!z) throw new UsageError(`aucun zonage ${year} pour ${profession}${scheme ? ` (${scheme})` : ''} dans ${territory.name}.`);
  } else {
    const at = date ?? today();
    z = zonageInForce(bundle, profession, at, scheme);
    if (!z) {
      const why = noZonageText(bundle, profession, at, scheme)!;
      io.stderr.write(`${why.charAt(0).toUpperCase() + why.slice(1)}.\n`);
      // The latest zonage begun is still listed, its classes marked as not in force.
      z = bundle.zonages
        .filter((x) => x.profession === profession && x.scheme === (scheme ?? defaultScheme(bundle, profession)) && x.validFrom <= at)
        .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
      if (!z) return 1;
    }
  }
  const view = zonageView(bundle, profession, z.year, date ?? (year !== undefined ? dateForYear(z, today()) : today()), z.scheme)!;
  const names = new Map(territoryCommunes(loadCog(), territory).map((c) => [c.code, c.nom]));
  const label = (id: string | undefined) => (id ? (view.scheme.classes.find((k) => k.id === id)?.label ?? id) : null);
  const current = view.status.inForce || year !== undefined;
  const status = view.status.state === 'en-vigueur' ? [] : [`${view.scheme.label} ${view.zonage.year} : ${view.status.text}.`];
  const rows = [...names].map(([code, nom]) => {
    const c = view.classes.get(code);
    return {
      code,
      nom,
      base: c?.base ?? null,
      baseLabel: label(c?.base),
      effective: current ? (c?.effective ?? null) : null,
      reasons: c ? [...status, ...c.reasons] : [...status, 'Commune absente du fichier de zonage : non classée.'],
      source: view.zonage.source,
      example: view.example,
    };
  });
  io.stdout.write(json(rows));
  return problems.length ? 1 : 0;
};

export const command: Command = { usage, options, run };
