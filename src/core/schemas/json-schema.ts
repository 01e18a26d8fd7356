// The JSON Schema an editor reads (completion, unknown keys underlined) from a file's valibot schema. What
// JSON Schema cannot say (a date that exists, a transform) is left to the build, which runs the schema itself.
import { toJsonSchema } from '@valibot/to-json-schema';
import type { SchemaEntry } from './registry.ts';

export function jsonSchemaText(entry: SchemaEntry): string {
  const schema = { ...toJsonSchema(entry.schema, { errorMode: 'ignore' }), title: entry.describes };
  return JSON.stringify(schema, null, 2) + '\n';
}
