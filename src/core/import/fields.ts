// The fields every project format shares: a commune (current or former INSEE code), a date, a profession,
// a practitioner's mode, RPPS number and name. Each checks one cell and rejects the row with a French message.
import type { Commune } from '../communes.ts';
import { q } from './report.ts';
import type { RowContext } from './table.ts';
import { PROFESSIONS } from '../professions.ts';
import { normalizeKey } from '../text.ts';
import type { Practitioner } from '../zonage/model.ts';

/** Resolves an INSEE code (current or former) to the territory's current commune. */
export type CommuneResolver = (code: string) => { commune: Commune; former?: { code: string; nom: string } } | undefined;

export function communeResolver(communes: Commune[]): CommuneResolver {
  const current = new Map(communes.map((c) => [c.code, c]));
  const former = new Map<string, { commune: Commune; nom: string }>();
  for (const c of communes) for (const a of c.anciennes) if (a.code !== c.code) former.set(a.code, { commune: c, nom: a.nom });
  return (code) => {
    const c = current.get(code);
    if (c) return { commune: c };
    const f = former.get(code);
    return f ? { commune: f.commune, former: { code, nom: f.nom } } : undefined;
  };
}

export function communeOf(ctx: RowContext, resolve: CommuneResolver): string | undefined {
  const raw = ctx.get('code_insee');
  // Spreadsheets drop the leading zero of codes such as 01001: pad 4-digit numbers back.
  const code = /^\d{4}$/.test(raw) ? `0${raw}` : raw.toUpperCase();
  if (!code) return ctx.reject('code_insee', 'code INSEE vide.'), undefined;
  if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return ctx.reject('code_insee', `${q(raw)} n'est pas un code INSEE (5 caractères, ex. 17300).`), undefined;
  const r = resolve(code);
  if (!r) return ctx.reject('code_insee', `code INSEE ${code} inconnu dans ce territoire.`), undefined;
  if (r.former) ctx.warn('code_insee', `ancien code ${code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
  return r.commune.code;
}

/** "2026-03-01", "01/03/2026" or "1/3/2026" → "2026-03-01"; "" → null; anything else → undefined. */
export function parseDate(text: string): string | null | undefined {
  if (text === '') return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

export function dateField(ctx: RowContext, key: string): string | null | undefined {
  const v = parseDate(ctx.get(key));
  if (v === undefined) ctx.reject(key, `date ${q(ctx.get(key))} illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA).`);
  return v;
}

export function professionOf(text: string): string | undefined {
  const k = normalizeKey(text);
  return PROFESSIONS.find((p) => normalizeKey(p.id) === k || normalizeKey(p.label) === k)?.id;
}

/** Profession, mode, RPPS and name of a practitioner row (the register and the declared movements). */
export function practitionerFields(ctx: RowContext): { profession: string; mode: Practitioner['mode']; rpps: string; nom: string } | undefined {
  const profession = professionOf(ctx.get('profession'));
  if (!profession) return ctx.reject('profession', `profession ${q(ctx.get('profession'))} inconnue.`), undefined;
  const m = normalizeKey(ctx.get('mode'));
  const mode = m === 'liberal' ? 'liberal' : m === 'salarie' ? 'salarie' : undefined;
  if (!mode) return ctx.reject('mode', `mode d'exercice ${q(ctx.get('mode'))} inconnu (attendu : liberal ou salarie).`), undefined;
  const rpps = ctx.get('rpps');
  if (rpps && !RPPS_ID.test(rpps)) return ctx.reject('rpps', `identifiant RPPS ${q(rpps)} invalide (11 chiffres).`), undefined;
  return { profession, mode, rpps, nom: ctx.get('nom') };
}

export const RPPS_ID = /^\d{11}$/;

export const FINESS_NUMBER = /^[0-9AB]{9}$/;
