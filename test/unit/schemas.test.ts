import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMAS } from '../../src/core/schemas/registry.ts';
import { jsonSchemaText } from '../../src/core/schemas/json-schema.ts';
import { checkSchema } from '../../src/core/schemas/check.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The files a registry glob names (`*` stands for one path segment). */
function filesOf(glob: string): string[] {
  let dirs = [''];
  const parts = glob.split('/');
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const re = new RegExp(`^${part.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    dirs = dirs.flatMap((d) => {
      const dir = path.join(ROOT, d);
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
      return fs.readdirSync(dir).filter((n) => re.test(n) && (last ? fs.statSync(path.join(dir, n)).isFile() : true)).map((n) => path.join(d, n));
    });
  }
  return dirs;
}

describe('schémas des fichiers de données', () => {
  it.each(SCHEMAS.map((e) => [e.file, e] as const))('data/schemas/%s est à jour (npm run build:schemas)', (file, entry) => {
    expect(fs.readFileSync(path.join(ROOT, 'data/schemas', file), 'utf8')).toBe(jsonSchemaText(entry));
  });

  it.each(SCHEMAS.map((e) => [e.describes, e] as const))('chaque fichier livré %s suit son schéma', (glob, entry) => {
    const files = filesOf(glob);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(checkSchema(entry.schema, JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))).problems, file).toEqual([]);
  });
});
