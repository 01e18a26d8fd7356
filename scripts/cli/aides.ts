// aides --territory <id> --commune <code> --date <YYYY-MM-DD> [--profile <json file>]
//       [--zonage-file F --medecins-file F --pharmacies-file F]
// Every applicable aid for a commune at a date, read as the app reads it.
import { communeResolver } from '../../src/core/import/index.ts';
import { territoryCommunes } from '../../src/core/communes.ts';
import { communeContext } from '../../src/core/aids/context.ts';
import { evaluateAids } from '../../src/core/aids/catalogue.ts';
import { count } from '../../src/core/format.ts';
import { isIsoDate } from '../../src/core/dates.ts';
import { parseProfile } from '../../src/core/aids/profile.ts';
import { isApplicable } from '../../src/core/aids/model.ts';
import { buildAidCatalogue } from '../build-aids.ts';
import { buildZonageBundle } from '../build-zonage.ts';
import { loadCog } from '../lib/inputs.ts';
import { UsageError, json, readFile, territoryOf, type Command } from './command.ts';

export const usage = 'aides --territory <id> --commune <code INSEE> --date AAAA-MM-JJ [--profile <fichier JSON>] [--zonage-file F --medecins-file F --pharmacies-file F]';

export const options = {
  territory: { type: 'string' },
  commune: { type: 'string' },
  date: { type: 'string' },
  profile: { type: 'string' },
  'zonage-file': { type: 'string' },
  'medecins-file': { type: 'string' },
  'pharmacies-file': { type: 'string' },
} as const;

export const run: Command['run'] = ({ strings: values }, io) => {
  const territory = territoryOf(values.territory);
  if (!values.commune) throw new UsageError('option --commune <code INSEE> obligatoire.');
  if (!isIsoDate(values.date)) throw new UsageError(`option --date AAAA-MM-JJ obligatoire${values.date ? ` (« ${values.date} » n'est pas une date)` : ''}.`);
  const date = values.date;
  const communes = territoryCommunes(loadCog(), territory);
  const found = communeResolver(communes)(values.commune);
  if (!found) throw new UsageError(`commune « ${values.commune} » inconnue dans ${territory.name}.`);
  if (found.former) io.stderr.write(`avertissement : ancien code ${found.former.code} (${found.former.nom}) rattaché à ${found.commune.code} ${found.commune.nom}.\n`);
  let profile = {};
  if (values.profile) {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(readFile(values.profile)));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${values.profile} : JSON illisible (${(e as Error).message}).`);
    }
    const parsed = parseProfile(raw);
    if (parsed.problems.length) throw new UsageError(`${values.profile} : profil invalide :\n- ${parsed.problems.join('\n- ')}`);
    profile = parsed.profile;
  }
  const { catalogue, problems: aidProblems } = buildAidCatalogue(territory.id);
  if (aidProblems.length) throw new UsageError(`catalogue des aides invalide :\n- ${aidProblems.join('\n- ')}`);
  const { bundle, problems } = buildZonageBundle(territory.id, { zonage: values['zonage-file'], medecins: values['medecins-file'], pharmacies: values['pharmacies-file'] });
  for (const p of problems) io.stderr.write(`rejeté : ${p}\n`);
  const c = found.commune;
  // The département's own work (fiche 1) is not an aid to apply for.
  // Zones are read at each aid's own date (the dossier's, the eve of an installation), as in the app.
  const evaluation = evaluateAids(catalogue.aids.filter(isApplicable), communeContext(bundle, { code: c.code, nom: c.nom, population: c.population }, date), profile);
  const out = evaluation.results.map((r) => ({
    id: r.id,
    title: r.title,
    source: r.source,
    eligible: r.eligible,
    amount: r.amount,
    ceiling: r.ceiling,
    commitments: r.commitments,
    deadlines: r.deadlines,
    reasons: r.reasons,
  }));
  io.stdout.write(json(out));
  const open = evaluation.results.filter((r) => r.eligible !== 'no').length;
  const total = evaluation.totalFor ? `total des montants certains pour ce bénéficiaire : ${evaluation.total} €` : 'pas de total sans bénéficiaire choisi (profil, champ beneficiary)';
  io.stderr.write(`${c.nom} (${c.code}) au ${date} : ${count(open, 'aide ouverte ou à préciser', 'aides ouvertes ou à préciser')} sur ${out.length} ; ${total}.\n`);
  for (const x of evaluation.conflicts) io.stderr.write(`non cumulables : ${x.text}\n`);
  return problems.length ? 1 : 0;
};

export const command: Command = { usage, options, run };
