// zonages --territory <id> [--date YYYY-MM-DD]   every zonage: scheme, authority, dates, source, example.
import { isIsoDate, parisToday } from '../../src/core/dates.ts';
import { zonageList } from '../../src/core/zonage/bundle.ts';
import { buildZonageBundle } from '../build-zonage.ts';
import { UsageError, json, territoryOf, type Command } from './command.ts';

export const usage = 'zonages --territory <id> [--date AAAA-MM-JJ]';

export const options = {
  territory: { type: 'string' },
  date: { type: 'string' },
} as const;

export const run: Command['run'] = ({ strings: values }, io) => {
  const territory = territoryOf(values.territory);
  if (values.date && !isIsoDate(values.date)) throw new UsageError(`date « ${values.date} » invalide (AAAA-MM-JJ).`);
  const { bundle } = buildZonageBundle(territory.id);
  io.stdout.write(json(zonageList(bundle, values.date ?? parisToday())));
  return 0;
};

export const command: Command = { usage, options, run };
