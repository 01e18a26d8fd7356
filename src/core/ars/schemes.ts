// The ARS zonage schemes (data/ars/schemes.json): the class scales as written in the ARS files, and
// which profession uses which classes. Turned here into ordinary zonage schemes for the app.
import { normalizeKey } from '../text.ts';
import type { ZonageScheme } from '../zonage/model.ts';

// Their shapes are the schema's (schemes-schema.ts), the file a person edits.
export type { ArsClass, ArsProfession, ArsReplacedRegion, ArsSchemes } from './schemes-schema.ts';
import type { ArsClass, ArsProfession, ArsSchemes } from './schemes-schema.ts';

/** A commune whose file gives no class (« N/A - résultat non disponible »): counted, never defaulted. */
export const NO_CLASS = 'sans-classe';
/** A commune whose parts (merged communes, arrondissements) carry different classes. */
export const PARTS = 'parties';

export const arsSchemeId = (profession: string) => `ars-${profession}`;
export const isArsScheme = (id: string) => id.startsWith('ars-');

export function arsProfession(data: ArsSchemes, profession: string): ArsProfession {
  const p = data.professions.find((x) => x.profession === profession);
  if (!p) throw new Error(`Aucun zonage ARS pour la profession « ${profession} ».`);
  return p;
}

/** Every class a profession's file may carry: its scale's classes it uses, then « sans classe » and « selon la partie ». */
export function arsClasses(data: ArsSchemes, profession: string): ArsClass[] {
  const p = arsProfession(data, profession);
  const scale = data.scales[p.scale];
  return [...scale.classes.filter((k) => p.classes.includes(k.id)), ...data.special];
}

/** The zonage scheme of a profession, as the app's other schemes (authority: « ARS Pays de la Loire »…). */
export function arsScheme(data: ArsSchemes, profession: string, authority = 'Agence régionale de santé'): ZonageScheme {
  const p = arsProfession(data, profession);
  return {
    id: arsSchemeId(profession),
    label: p.label,
    authority,
    professions: [profession],
    classes: arsClasses(data, profession).map(({ id, label, color, pattern }) => ({ id, label, color, ...(pattern ? { pattern } : {}) })),
  };
}

/**
 * Reads a class as written: the file's code (« 2_ZAC »), without its rank (« ZAC », « HZ »), the id or
 * the label, insensitive to case and accents (ARS lists typed by hand). Only the profession's classes
 * are known; undefined otherwise.
 */
export function classReader(data: ArsSchemes, profession: string): (raw: string) => string | undefined {
  const keys = new Map<string, string>();
  for (const k of arsClasses(data, profession).filter((c) => c.id !== PARTS)) {
    for (const f of [k.id, k.label, ...(k.code ? [k.code, k.code.replace(/^\d+b?_/, '')] : [])]) keys.set(normalizeKey(f), k.id);
  }
  keys.set(normalizeKey('N/A'), NO_CLASS);
  return (raw) => keys.get(normalizeKey(raw));
}
