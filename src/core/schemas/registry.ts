// Every data file a person edits, by its schema (src/core/<domain>/schema.ts), and the JSON Schema file emitted
// for editors into data/schemas/ by `npm run build:schemas`. One line per schema: a new kind of file adds its own.
import type { GenericSchema } from 'valibot';
import { AidSchema } from '../aids/schema.ts';
import { ArsSchemesSchema } from '../ars/schemes-schema.ts';
import { FollowupSchema } from '../followup/schema.ts';
import { IndicatorsFileSchema } from '../indicators/schema.ts';
import { OfferSchema } from '../offer-schema.ts';
import { MethodSchema } from '../revision/schema.ts';
import { SiteSchema } from '../site/schema.ts';
import { TerritorySchema } from '../territory.ts';
import { ZonageConfigSchema } from '../zonage/schema.ts';

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
  { file: 'territoire.schema.json', describes: 'data/territories/*/territory.json', schema: TerritorySchema },
  { file: 'zonage.schema.json', describes: 'data/territories/*/zonage.json', schema: ZonageConfigSchema },
  { file: 'offre.schema.json', describes: 'data/territories/*/offres/*.json', schema: OfferSchema },
  { file: 'revision.schema.json', describes: 'data/territories/*/revision.json', schema: MethodSchema },
  { file: 'indicateurs.schema.json', describes: 'data/indicators/indicators.json', schema: IndicatorsFileSchema },
  { file: 'ars-schemas.schema.json', describes: 'data/ars/schemes.json', schema: ArsSchemesSchema },
];
