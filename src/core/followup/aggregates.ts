// What the public site may show of the register: counts and amounts per fiche, per year and per commune,
// never a name, a note or a dossier number. A count of 1 or 2 (and the amounts behind it) is hidden
// (null, shown « moins de 3 »), so that no single grant can be read off a public table.
import Papa from 'papaparse';
import { COMMITTED, DOSSIER_STATUSES, type Dossier, type DossierStatus } from './model.ts';
import type { Envelope } from './envelope.ts';
import type { FicheSummary } from './indicators.ts';

export const MIN_PUBLIC = 3;
/** A count shown in public, or null when it is 1 or 2. */
export const shown = (n: number, min = MIN_PUBLIC): number | null => (n > 0 && n < min ? null : n);

export interface PublicFollowup {
  territory: string;
  plan: string;
  /** « Exemple — données fictives » when the register is the shipped example. */
  example: boolean;
  asOf: string;
  source: { dossiers: number; sha256: string };
  envelope: Omit<Envelope, 'byYear' | 'warnings'> & { byYear: Array<{ year: string; grants: number | null; granted: number | null; paid: number | null }> };
  fiches: Array<{
    aid: string;
    dossiers: number | null;
    byStatus: Record<DossierStatus, number | null>;
    granted: number | null;
    paid: number | null;
    indicators: Array<{ id: string; label: string; quote?: string; how: string; values: Record<string, number | null>; targets?: Record<string, number> }>;
    byYear: Array<{ year: string; dossiers: number | null; granted: number | null; paid: number | null }>;
  }>;
  /** Aids granted per commune (committed dossiers). */
  communes: Array<{ code: string; grants: number | null; granted: number | null; byAid: Record<string, number | null> }>;
}

/** The aggregates; `min` 0 gives every figure (the staff's view of the same tables, register opened). */
export function publicFollowup(input: { territory: string; plan: string; example: boolean; asOf: string; sha256: string; dossiers: Dossier[]; envelope: Envelope; fiches: FicheSummary[] }, min = MIN_PUBLIC): PublicFollowup {
  const { dossiers, envelope } = input;
  const shown = (n: number) => (n > 0 && n < min ? null : n);
  const shownIf = (n: number, amount: number) => (n > 0 && n < min ? null : amount);
  const grantsByYear = new Map<string, number>();
  const communes = new Map<string, { grants: number; granted: number; byAid: Record<string, number> }>();
  for (const d of dossiers) {
    if (!COMMITTED.includes(d.status) || !d.granted) continue;
    const y = (d.decided ?? d.received).slice(0, 4);
    grantsByYear.set(y, (grantsByYear.get(y) ?? 0) + 1);
    let c = communes.get(d.commune);
    if (!c) communes.set(d.commune, (c = { grants: 0, granted: 0, byAid: {} }));
    c.grants++;
    c.granted += d.granted;
    c.byAid[d.aid] = (c.byAid[d.aid] ?? 0) + 1;
  }
  // A year's payments are shown with its grants' count as the guard (payments follow grants).
  const { byYear, warnings: _w, ...totals } = envelope;
  return {
    territory: input.territory,
    plan: input.plan,
    example: input.example,
    asOf: input.asOf,
    source: { dossiers: dossiers.length, sha256: input.sha256 },
    envelope: {
      ...totals,
      byYear: byYear.map((y) => {
        const n = grantsByYear.get(y.year) ?? 0;
        return { year: y.year, grants: shown(n), granted: shownIf(n, y.granted), paid: shownIf(n, y.paid) };
      }),
    },
    fiches: input.fiches.map((f) => {
      const committed = COMMITTED.reduce((n, s) => n + f.byStatus[s], 0);
      return {
        aid: f.aid,
        dossiers: shown(f.dossiers),
        byStatus: Object.fromEntries(DOSSIER_STATUSES.map((s) => [s.id, shown(f.byStatus[s.id])])) as Record<DossierStatus, number | null>,
        granted: shownIf(committed, f.granted),
        paid: shownIf(committed, f.paid),
        indicators: f.indicators.map((i) => ({
          id: i.id,
          label: i.label,
          ...(i.quote ? { quote: i.quote } : {}),
          how: i.how,
          // Entered figures (site consultations) are not about people; counted ones are guarded.
          values: Object.fromEntries(Object.entries(i.values).map(([y, n]) => [y, i.method === 'saisi' ? n : shown(n)])),
          ...(i.targets ? { targets: i.targets } : {}),
        })),
        byYear: f.byYear.map((y) => ({ year: y.year, dossiers: shown(y.dossiers), granted: shownIf(y.dossiers, y.granted), paid: shownIf(y.dossiers, y.paid) })),
      };
    }),
    communes: [...communes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, c]) => ({ code, grants: shown(c.grants), granted: shownIf(c.grants, Math.round(c.granted * 100) / 100), byAid: Object.fromEntries(Object.entries(c.byAid).sort().map(([a, n]) => [a, shown(n)])) })),
  };
}

const cell = (v: number | null) => (v === null ? 'moins de 3' : v);

/** The public aggregates as one CSV (one line per fiche and year, then per commune and aid); formulae neutralised. */
export function publicCsv(p: PublicFollowup, names: { aid: (id: string) => string; commune: (code: string) => string }): string {
  const rows: Array<Record<string, string | number>> = [];
  for (const f of p.fiches)
    for (const y of f.byYear) rows.push({ niveau: 'fiche', aide: f.aid, intitule: names.aid(f.aid), annee: y.year, code_insee: '', commune: '', dossiers: cell(y.dossiers), montant_accorde: cell(y.granted), montant_verse: cell(y.paid) });
  for (const c of p.communes)
    for (const [aid, n] of Object.entries(c.byAid)) rows.push({ niveau: 'commune', aide: aid, intitule: names.aid(aid), annee: '', code_insee: c.code, commune: names.commune(c.code), dossiers: cell(n), montant_accorde: '', montant_verse: '' });
  const label = p.example ? 'Exemple — données fictives' : 'registre des dossiers';
  for (const r of rows) r.donnees = label;
  const fields = ['donnees', 'niveau', 'aide', 'intitule', 'annee', 'code_insee', 'commune', 'dossiers', 'montant_accorde', 'montant_verse'];
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }, { newline: '\n', escapeFormulae: true, delimiter: ';' }) + '\n';
}
