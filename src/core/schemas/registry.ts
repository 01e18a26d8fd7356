// Every data file a person edits, by its schema (src/core/<domain>/schema.ts), and the JSON Schema file emitted
// for editors into data/schemas/ by `npm run build:schemas`. One line per schema: a new kind of file adds its own.
import type { GenericSchema } from 'valibot';
import { AidSchema } from '../aids/schema.ts';
import { FollowupSchema } from '../followup/schema.ts';
import { SiteSchema } from '../site/schema.ts';

export interface SchemaEntry {
  /** The JSON Schema's file name in data/schemas/. */
  file: string;
  /** The data files it describes (glob, from the repository's root). */
  describes: string;
  schema: GenericSchema;
}

export const SCHEMAS: SchemaEntry[] = [
  { file: 'aide.schema.json', describes: 'data/territories/*/aides/*.json', schema: AidSchema },
  { file: 'site.schema.json', describes: 'data/site.json', schema: SiteSchema },
  { file: 'suivi-plan.schema.json', describes: 'data/territories/*/suivi/plan.json', schema: FollowupSchema },
];
