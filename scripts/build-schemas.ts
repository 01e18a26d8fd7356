// Writes data/schemas/<name>.schema.json for every data file a person edits (src/core/schemas/registry.ts), so
// that an editor completes the fields and underlines an unknown key. Byte-for-byte reproducible; the unit test
// test/unit/schemas.test.ts fails when a written file is behind its schema.
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMAS } from '../src/core/schemas/registry.ts';
import { jsonSchemaText } from '../src/core/schemas/json-schema.ts';

const OUT = path.resolve(import.meta.dirname, '../data/schemas');
fs.mkdirSync(OUT, { recursive: true });
for (const entry of SCHEMAS) {
  fs.writeFileSync(path.join(OUT, entry.file), jsonSchemaText(entry));
  console.log(`data/schemas/${entry.file} (${entry.describes})`);
}
