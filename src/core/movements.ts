// Installations and cessations of practitioners (fiche 1: « avoir une connaissance plus fine et
// pratiquement en temps réel des cessations d'activités et des installations »).
// Three sources give movements: the register's own dates (date_debut, date_fin), the difference between
// two successive extractions (RPPS or project CSV), and a file the chargé de mission declares. They merge
// without counting a movement twice; contradictions are reported, never silently resolved.
import { addDays } from './dates.ts';
import { count, someOf } from './format.ts';
import type { Practitioner } from './zonage/model.ts';

export type MovementType = 'installation' | 'cessation';
/** Why the movement exists: a new practitioner, one who left, a change of commune or of mode. */
export type MovementCause = 'arrivee' | 'depart' | 'changement-commune' | 'changement-mode';
export type MovementSource = 'registre' | 'extractions' | 'declaration';

export interface Movement {
  type: MovementType;
  /** Installation: first day of practice. Cessation: last day of practice (the register's date_fin). */
  date: string;
  commune: string;
  profession: string;
  mode: Practitioner['mode'];
  rpps?: string;
  nom?: string;
  cause: MovementCause;
  source: MovementSource;
  /** Movements read from two extractions are only known to lie between them: the earlier date. */
  after?: string;
  /** Line of the declared movements file, to name it in messages. */
  line?: number;
}

export const MOVEMENT_LABEL: Record<MovementType, string> = { installation: 'Installation', cessation: 'Cessation' };
export const CAUSE_LABEL: Record<MovementCause, string> = {
  arrivee: 'arrivée',
  depart: "départ (fin d'exercice)",
  'changement-commune': 'changement de commune',
  'changement-mode': "changement de mode d'exercice",
};
export const SOURCE_LABEL: Record<MovementSource, string> = {
  registre: 'registre des praticiens',
  extractions: 'comparaison de deux extractions',
  declaration: 'mouvement déclaré',
};

const byDate = (a: Movement, b: Movement) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.commune < b.commune ? -1 : a.commune > b.commune ? 1 : a.type < b.type ? 1 : a.type > b.type ? -1 : (a.rpps ?? '') < (b.rpps ?? '') ? -1 : 1;

/** Movements written in the register itself: a start date is an installation, an end date a cessation. */
export function registerMovements(register: Practitioner[]): Movement[] {
  const out: Movement[] = [];
  for (const p of register) {
    const who = { commune: p.commune, profession: p.profession, mode: p.mode, ...(p.rpps ? { rpps: p.rpps } : {}), ...(p.nom ? { nom: p.nom } : {}), source: 'registre' as const };
    if (p.start) out.push({ type: 'installation', date: p.start, cause: 'arrivee', ...who });
    if (p.end) out.push({ type: 'cessation', date: p.end, cause: 'depart', ...who });
  }
  return out.sort(byDate);
}

export interface SnapshotDiff {
  movements: Movement[];
  /** French messages: rows that could not be compared, identifiers present twice. */
  warnings: string[];
}

/**
 * Movements between two extractions (practitioners present on `fromDate`, then on `toDate`), compared by
 * RPPS identifier, profession and commune. Commune codes are already the current ones (the import maps
 * former codes), so a merger between the two extractions is not a move. Installations are dated on the
 * later extraction, cessations on the day before it: the latest dates consistent with both files.
 */
export function diffSnapshots(
  from: { rows: Practitioner[]; date: string; file: string },
  to: { rows: Practitioner[]; date: string; file: string },
): SnapshotDiff {
  const warnings: string[] = [];
  if (to.date <= from.date) warnings.push(`La seconde extraction (${to.file}, ${to.date}) doit être postérieure à la première (${from.file}, ${from.date}).`);
  const index = (s: typeof from) => {
    // rpps|profession → commune → row
    const map = new Map<string, Map<string, Practitioner>>();
    let anonymous = 0;
    const twice = new Set<string>();
    for (const p of s.rows) {
      if (!p.rpps) {
        anonymous++;
        continue;
      }
      const key = `${p.rpps}|${p.profession}`;
      const communes = map.get(key) ?? new Map<string, Practitioner>();
      if (communes.has(p.commune)) twice.add(`${p.rpps} (${p.commune})`);
      else communes.set(p.commune, p);
      map.set(key, communes);
    }
    if (anonymous) warnings.push(`${s.file} : ${count(anonymous, 'ligne sans identifiant RPPS, non comparée', 'lignes sans identifiant RPPS, non comparées')} (aucun mouvement ne peut en être déduit).`);
    if (twice.size) {
      const list = [...twice].sort();
      warnings.push(`${s.file} : identifiant présent deux fois dans la même commune, compté une fois : ${someOf(list.slice(0, 5), list.length)}.`);
    }
    return map;
  };
  const before = index(from);
  const after = index(to);
  const movements: Movement[] = [];
  const dated = (type: MovementType, p: Practitioner, cause: MovementCause): Movement => ({
    type,
    date: type === 'installation' ? to.date : addDays(to.date, -1),
    commune: p.commune,
    profession: p.profession,
    mode: p.mode,
    ...(p.rpps ? { rpps: p.rpps } : {}),
    ...(p.nom ? { nom: p.nom } : {}),
    cause,
    source: 'extractions',
    after: from.date,
  });
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key) ?? new Map<string, Practitioner>();
    const now = after.get(key) ?? new Map<string, Practitioner>();
    const gained = [...now.keys()].some((c) => !was.has(c));
    const lost = [...was.keys()].some((c) => !now.has(c));
    for (const [commune, p] of was) {
      const q = now.get(commune);
      if (!q) movements.push(dated('cessation', p, gained ? 'changement-commune' : 'depart'));
      else if (q.mode !== p.mode) movements.push(dated('cessation', p, 'changement-mode'), dated('installation', q, 'changement-mode'));
    }
    for (const [commune, q] of now) if (!was.has(commune)) movements.push(dated('installation', q, lost ? 'changement-commune' : 'arrivee'));
  }
  return { movements: movements.sort(byDate), warnings };
}

export interface MergeResult {
  movements: Movement[];
  /** Movements found in both sources, counted once (the declared one is kept: its date is exact). */
  duplicates: number;
  /** French messages: a declaration that the extractions or the register contradict. */
  conflicts: string[];
}

const samePerson = (a: Movement, b: Movement) =>
  a.rpps && b.rpps ? a.rpps === b.rpps : a.mode === b.mode && (a.nom ?? '') === (b.nom ?? '');
/** A derived movement is known to lie in (after, date]; a register movement at its exact date. */
const covers = (m: Movement, date: string) => (m.after ? m.after <= date && date <= m.date : m.date === date);

/**
 * Merges declared movements into derived ones (register or extractions). A declaration matching a derived
 * movement (same type, commune, profession, person, date within the derived window) replaces it. A
 * declaration the extractions contradict (a cessation of someone still present on the later extraction,
 * an installation of someone absent from it) is kept and reported.
 */
export function mergeMovements(
  declared: Movement[],
  derived: Movement[],
  snapshots?: { to: { rows: Practitioner[]; date: string; file: string }; from: { date: string } },
): MergeResult {
  const used = new Set<number>();
  const conflicts: string[] = [];
  let duplicates = 0;
  const where = (m: Movement) => (m.line ? `ligne ${m.line}` : `${m.type} du ${m.date}`);
  for (const d of declared) {
    const i = derived.findIndex(
      (m, j) => !used.has(j) && m.type === d.type && m.commune === d.commune && m.profession === d.profession && samePerson(m, d) && covers(m, d.date),
    );
    if (i >= 0) {
      used.add(i);
      duplicates++;
      continue;
    }
    if (!snapshots || !d.rpps || d.date < snapshots.from.date || d.date >= snapshots.to.date) continue;
    const present = snapshots.to.rows.some((p) => p.rpps === d.rpps && p.commune === d.commune && p.profession === d.profession);
    if (d.type === 'cessation' && present) {
      conflicts.push(`Mouvement déclaré (${where(d)}) : cessation de ${d.rpps} à ${d.commune} le ${d.date}, mais ce praticien figure encore dans ${snapshots.to.file} (${snapshots.to.date}).`);
    } else if (d.type === 'installation' && !present) {
      conflicts.push(`Mouvement déclaré (${where(d)}) : installation de ${d.rpps} à ${d.commune} le ${d.date}, mais ce praticien est absent de ${snapshots.to.file} (${snapshots.to.date}).`);
    }
  }
  const movements = [...declared, ...derived.filter((_, j) => !used.has(j))].sort(byDate);
  return { movements, duplicates, conflicts };
}

/**
 * The register once declared movements are applied: an installation adds a practitioner from its date
 * (unless the register already has it), a cessation ends the matching practitioner on its date. A
 * cessation with no one to end is reported, not invented.
 */
export function applyMovements(register: Practitioner[], declared: Movement[]): { practitioners: Practitioner[]; problems: string[] } {
  const rows = register.map((p) => ({ ...p }));
  const problems: string[] = [];
  const matches = (p: Practitioner, m: Movement) =>
    p.commune === m.commune && p.profession === m.profession && (m.rpps ? p.rpps === m.rpps : p.mode === m.mode && (!m.nom || p.nom === m.nom));
  for (const m of [...declared].sort(byDate)) {
    if (m.type === 'installation') {
      if (rows.some((p) => matches(p, m) && (p.start === null || p.start <= m.date) && (p.end === null || p.end >= m.date))) continue;
      rows.push({ commune: m.commune, profession: m.profession, mode: m.mode, start: m.date, end: null, ...(m.rpps ? { rpps: m.rpps } : {}), ...(m.nom ? { nom: m.nom } : {}) });
    } else {
      const p = rows.find((p) => matches(p, m) && (p.start === null || p.start <= m.date) && (p.end === null || p.end >= m.date));
      if (p) p.end = p.end === null || p.end > m.date ? m.date : p.end;
      else problems.push(`Mouvement déclaré (${m.line ? `ligne ${m.line}` : m.date}) : cessation à ${m.commune} le ${m.date} sans praticien correspondant en exercice à cette date ; elle est montrée mais ne change pas le décompte.`);
    }
  }
  return { practitioners: rows, problems };
}

/** Movements in a date range (inclusive), optionally of some professions and modes. */
export function filterMovements(
  movements: Movement[],
  f: { from?: string; to?: string; professions?: string[]; modes?: Array<Practitioner['mode']>; types?: MovementType[] },
): Movement[] {
  return movements.filter(
    (m) =>
      (!f.from || m.date >= f.from) &&
      (!f.to || m.date <= f.to) &&
      (!f.professions || f.professions.includes(m.profession)) &&
      (!f.modes || f.modes.includes(m.mode)) &&
      (!f.types || f.types.includes(m.type)),
  );
}
