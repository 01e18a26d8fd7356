// Checks made before a published file replaces another: a file of another kind (the doctors' register
// sent as pharmacies), a register that shrinks sharply or loses its end dates, a year outside any sane
// range. Each says what would be lost and which flag publishes it anyway.
import { detectEncoding, textDecoder } from './encoding.ts';
import { detectSeparator, splitQuoted } from './records.ts';
import { isRppsHeader } from './formats/rpps.ts';
import { isFinessJson } from './formats/finess-json.ts';
import { normalizeKey } from '../text.ts';
import { count } from '../format.ts';
import type { Pharmacy, Practitioner } from '../zonage/model.ts';

export type PublishedKind = 'zonage' | 'medecins' | 'pharmacies';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** Why a zonage year cannot be published (undefined when it can); `anyYear` lifts the range. */
export function yearProblem(year: unknown, anyYear = false): string | undefined {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) return `année « ${String(year)} » invalide (AAAA, quatre chiffres).`;
  if (!anyYear && (year < YEAR_MIN || year > YEAR_MAX)) return `année ${year} hors de ${YEAR_MIN}–${YEAR_MAX} : faute de frappe ? (--any-year pour la publier quand même).`;
  return undefined;
}

const KIND_LABEL: Record<PublishedKind, string> = { zonage: 'zonage (commune et zone)', medecins: 'registre des médecins et professionnels (RPPS)', pharmacies: 'liste des pharmacies (FINESS)' };

/** Columns that only one kind of file has (normalized names). */
const DISTINCTIVE = new Map<PublishedKind, string[]>([
  ['zonage', ['zone', 'classe', 'zonage']],
  ['medecins', ['profession', 'mode', 'datedebut', 'datefin', 'rpps', 'identifiantpp', 'codeprofession']],
  ['pharmacies', ['finess', 'dateouverture', 'datefermeture', 'nofiness', 'categetab']],
]);

/** The kind a file's first bytes look like, from its header line; undefined when it cannot be told. */
export function sniffKind(head: Uint8Array): PublishedKind | undefined {
  if (isFinessJson(head)) return 'pharmacies';
  const { encoding, skip } = detectEncoding(head, false);
  const text = textDecoder(encoding)(head.subarray(skip));
  const first = text.split(/\r\n?|\n/).find((l) => l.trim() !== '');
  if (!first) return undefined;
  if (isRppsHeader(first)) return 'medecins';
  if (/^finess[;,]/i.test(first)) return 'pharmacies'; // the etalab FINESS CSV's title line
  const keys = new Set(splitQuoted(first, detectSeparator(first)).cells.map((c) => normalizeKey(c)));
  let best: PublishedKind | undefined;
  let bestScore = 0;
  for (const [kind, cols] of DISTINCTIVE) {
    const score = cols.filter((c) => keys.has(c)).length;
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}

/** A refusal when the file looks like another kind than the one it is published as. */
export function kindProblem(published: PublishedKind, head: Uint8Array, file: string): string | undefined {
  const looks = sniffKind(head);
  if (!looks || looks === published) return undefined;
  return `${file} ressemble à un fichier « ${looks} » (${KIND_LABEL[looks]}), pas à un fichier « ${published} » (${KIND_LABEL[published]}) : vérifiez le type demandé.`;
}

/** What a register holds that a replacement could lose. */
export interface RegisterFigures {
  rows: number;
  /** Rows with an end (date_fin) or closing date (date_fermeture). */
  ends: number;
}

export function registerFigures(kind: 'medecins' | 'pharmacies', rows: unknown[]): RegisterFigures {
  const ends = kind === 'medecins' ? (rows as Practitioner[]).filter((r) => r.end).length : (rows as Pharmacy[]).filter((r) => r.closed).length;
  return { rows: rows.length, ends };
}

/**
 * Why replacing `before` with `after` needs --force: fewer than half the rows, or end dates lost (they
 * make the movements and the history). Undefined when the replacement is plausible.
 */
export function shrinkProblem(kind: 'medecins' | 'pharmacies', before: RegisterFigures, after: RegisterFigures): string | undefined {
  const what = kind === 'medecins' ? ['ligne', 'lignes', 'date de fin', 'dates de fin'] : ['pharmacie', 'pharmacies', 'date de fermeture', 'dates de fermeture'];
  const problems: string[] = [];
  if (before.rows >= 10 && after.rows * 2 < before.rows) problems.push(`le fichier publié passe de ${count(before.rows, what[0], what[1])} à ${after.rows} (${before.rows - after.rows} perdues)`);
  if (after.ends < before.ends) problems.push(`${count(before.ends - after.ends, what[2], what[3])} sur ${before.ends} disparaîtrai${before.ends - after.ends > 1 ? 'ent' : 't'}`);
  if (!problems.length) return undefined;
  return `${problems.join(' ; ')} : extraction partielle ou d'un autre territoire ? Rien n'est publié (--force pour publier quand même ; l'ancien fichier est gardé dans l'historique).`;
}
