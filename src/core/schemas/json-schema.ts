// The JSON Schema an editor reads (completion, unknown keys underlined) from a file's valibot schema. What
// JSON Schema cannot say (a date that exists, a transform) is left to the build, which runs the schema itself.
import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import { choicesOf } from './check.ts';
import type { SchemaEntry } from './registry.ts';

const config: ConversionConfig = {
  errorMode: 'ignore',
  // A schema picked from the value (`oneOf`): every choice, which the editor tries in turn.
  overrideSchema: ({ valibotSchema }) => {
    const choices = choicesOf.get(valibotSchema);
    if (!choices) return undefined;
    return {
      anyOf: choices.map((c) => {
        const { $schema: _s, $defs: _d, ...rest } = toJsonSchema(c, config) as JsonSchema & { $defs?: unknown };
        return rest;
      }),
    };
  },
};

export function jsonSchemaText(entry: SchemaEntry): string {
  const schema: JsonSchema & { $defs?: Record<string, unknown> } = { ...toJsonSchema(entry.schema, config), title: entry.describes };
  // Definitions left behind by an overridden choice, which nothing refers to any more.
  const text = JSON.stringify(schema);
  for (const key of Object.keys(schema.$defs ?? {})) if (!text.includes(`"#/$defs/${key}"`)) delete schema.$defs![key];
  return JSON.stringify(schema, null, 2) + '\n';
}
