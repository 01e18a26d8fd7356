// A territory's zonage configuration (data/territories/<id>/zonage.json): schemes, rules, yearly files.
import type { ZonageRule, ZonageScheme } from './zonage.ts';

export interface ZonageYear {
  year: number;
  scheme: string;
  profession: string;
  file: string;
  validFrom: string;
  validUntil: string;
  example: boolean;
  source: string;
}

export interface DataFile {
  file: string;
  example: boolean;
  source: string;
}

export interface ZonageConfig {
  schemes: ZonageScheme[];
  rules: ZonageRule[];
  years: ZonageYear[];
  practitioners: DataFile;
  pharmacies: DataFile;
  /** Installations and cessations declared between two extractions (fiche 1), optional. */
  movements?: DataFile;
}

/** Checks the cross-references a typo would break; the shapes themselves are plain JSON. */
export function parseZonageConfig(raw: unknown, file: string): ZonageConfig {
  const c = raw as ZonageConfig;
  const fail = (message: string): never => {
    throw new Error(`${file} : ${message}`);
  };
  if (!c || !Array.isArray(c.schemes) || !Array.isArray(c.rules) || !Array.isArray(c.years)) fail('« schemes », « rules » et « years » doivent être des listes.');
  const schemes = new Map(c.schemes.map((s) => [s.id, s]));
  for (const s of c.schemes) {
    if (!s.classes?.length) fail(`le zonage « ${s.id} » n'a pas de classes.`);
    for (const k of s.classes) if (!/^#[0-9a-f]{6}$/i.test(k.color)) fail(`couleur invalide pour la classe « ${k.id} » : ${k.color}.`);
  }
  const hasClass = (scheme: string, id: string) => schemes.get(scheme)?.classes.some((k) => k.id === id) ?? false;
  for (const r of c.rules) {
    if (!schemes.has(r.scheme)) fail(`règle sur un zonage inconnu « ${r.scheme} ».`);
    for (const id of [...r.from, r.to]) if (!hasClass(r.scheme, id)) fail(`règle : classe « ${id} » inconnue dans « ${r.scheme} ».`);
    if (!r.source?.ref || !r.source?.quote) fail('chaque règle cite sa source (ref, quote).');
  }
  for (const y of c.years) {
    const s = schemes.get(y.scheme) ?? fail(`année ${y.year} : zonage inconnu « ${y.scheme} ».`);
    if (!s.professions.includes(y.profession)) fail(`année ${y.year} : la profession « ${y.profession} » ne relève pas du zonage « ${y.scheme} ».`);
    if (!(y.validFrom <= y.validUntil)) fail(`année ${y.year} : période de validité incohérente.`);
  }
  return c;
}

/** The scheme a profession's zonage uses. */
export function schemeFor(config: ZonageConfig, profession: string): ZonageScheme | undefined {
  return config.schemes.find((s) => s.professions.includes(profession));
}
