// Every data file a person edits is checked by its schema, by the very function the build and the imports call:
// a misspelt key is refused, named, rather than silently ignored (issue 22).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMAS } from '../../src/core/schemas/registry.ts';
import { checkSchema } from '../../src/core/schemas/check.ts';
import { parseTerritory } from '../../src/core/territory.ts';
import { parseZonageConfig } from '../../src/core/zonage/config.ts';
import { parseOffer } from '../../src/core/offers.ts';
import { parseMethod } from '../../src/core/revision/schema.ts';
import { parseIndicatorDefs } from '../../src/core/indicators/schema.ts';
import { parseArsSchemes } from '../../src/core/ars/schemes-schema.ts';
import { parseAid } from '../../src/core/aids/parse.ts';
import { parseSite } from '../../src/core/site/settings.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const json = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
/** A copy of `raw` with `key` added to the object at `at` (keys and list positions). */
function withKey(raw: unknown, at: Array<string | number>, key: string): unknown {
  const copy = structuredClone(raw) as Record<string | number, unknown>;
  let o = copy;
  for (const k of at) o = o[k] as Record<string | number, unknown>;
  o[key] = 'x';
  return copy;
}
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('une clé mal orthographiée est refusée et nommée', () => {
  const ars = parseArsSchemes(json('data/ars/schemes.json'), 'data/ars/schemes.json');
  const cm = 'data/territories/charente-maritime';
  const CLASSES = ['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire'];
  it.each<[string, Array<string | number>, string, (raw: unknown) => string]>([
    [`${cm}/territory.json`, [], 'nme', (raw) => message(() => parseTerritory(raw, 'territory.json'))],
    [`${cm}/territory.json`, ['plans', 0], 'validFrm', (raw) => message(() => parseTerritory(raw, 'territory.json'))],
    [`${cm}/zonage.json`, ['years', 0], 'valdUntil', (raw) => message(() => parseZonageConfig(raw, 'zonage.json', ars))],
    [`${cm}/zonage.json`, ['schemes', 0, 'classes', 0], 'colour', (raw) => message(() => parseZonageConfig(raw, 'zonage.json', ars))],
    [`${cm}/offres/andilly-logement-interne.json`, ['contact'], 'telephone', (raw) => parseOffer(raw, 'offre.json', new Set(['17008'])).problems.join('\n')],
    [`${cm}/revision.json`, ['parameters', 0], 'vlaue', (raw) => message(() => parseMethod(raw, 'revision.json', CLASSES))],
    [`${cm}/revision.json`, [], 'interpretaton', (raw) => message(() => parseMethod(raw, 'revision.json', CLASSES))],
    // Inside a rule's condition, at its place: a comparison, and one of an « any » list.
    [`${cm}/revision.json`, ['rules', 0, 'when'], 'vlaue', (raw) => message(() => parseMethod(raw, 'revision.json', CLASSES))],
    [`${cm}/revision.json`, ['rules', 1, 'when', 'any', 1], 'valeus', (raw) => message(() => parseMethod(raw, 'revision.json', CLASSES))],
    ['data/indicators/indicators.json', ['indicators', 0, 'source'], 'license', (raw) => message(() => parseIndicatorDefs(raw, 'indicators.json'))],
    ['data/ars/schemes.json', ['professions', 0], 'exportedBfore', (raw) => message(() => parseArsSchemes(raw, 'schemes.json'))],
    ['data/ars/schemes.json', ['scales', 'medecins', 'classes', 0], 'coulor', (raw) => message(() => parseArsSchemes(raw, 'schemes.json'))],
    [`${cm}/aides/${fs.readdirSync(path.join(ROOT, cm, 'aides')).sort()[0]}`, [], 'onse', (raw) => parseAid(raw, 'aide.json', [{ id: (raw as { plan: string }).plan }]).problems.join('\n')],
    ['data/site.json', ['publisher'], 'nom', (raw) => message(() => parseSite(raw, 'site.json'))],
  ])('%s, %j : « %s »', (file, at, key, check) => {
    expect(check(json(file))).toBe('');
    const said = check(withKey(json(file), at, key));
    // The key is named as the last part of its field (« plans[0].validFrm », « contact.telephone »).
    expect(said).toMatch(new RegExp(`[«.\\]] ?${key} »`));
    expect(said).toMatch(/inconnue?/);
  });

  it.each(SCHEMAS.map((e) => [e.file, e] as const))('%s : une clé inconnue au premier niveau est nommée', (_file, entry) => {
    const shipped = entry.describes.replace('*/', 'charente-maritime/').replace('*.json', '');
    const dir = path.join(ROOT, shipped);
    const file = fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? path.join(shipped, fs.readdirSync(dir).sort()[0]) : shipped;
    const problems = checkSchema(entry.schema, withKey(json(file), [], 'clefInconnue')).problems;
    expect(problems).toMatchObject([{ path: 'clefInconnue', unknownKey: true }]);
    expect(problems).toHaveLength(1);
  });
});
