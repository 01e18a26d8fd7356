// The budget envelope (the AE and the délibérations that raised it, as dated data): what is committed
// (granted), paid and what remains, per fiche and per year, with a projection of the dossiers still in
// progress at their amount requested, and a warning naming the dossier whose grant passes the envelope.
import { euros } from '../aids/wording.ts';
import { formatDate } from '../format.ts';
import { COMMITTED, type Dossier } from './model.ts';
import type { Followup } from './schema.ts';

/** The envelope in force at a date: the last act on or before it that states an amount; null without one. */
export function envelopeAt(f: Followup, date: string): { total: number; act: string; date: string } | null {
  const known = f.envelope.steps.filter((s) => s.total !== undefined && s.date <= date);
  const last = known[known.length - 1];
  return last ? { total: last.total!, act: last.act, date: last.date } : null;
}

export interface Envelope {
  label: string;
  /** The AE in force at the date, and the act that set it; null when the plan sets none. */
  total: number | null;
  act: string | null;
  steps: Followup['envelope']['steps'];
  committedBefore: number;
  granted: number;
  paid: number;
  /** total − committed before − granted; null without a total. */
  remaining: number | null;
  /** Requests in progress (« reçu ») at their amount requested. */
  pending: number;
  projected: number;
  projectedRemaining: number | null;
  byYear: Array<{ year: string; granted: number; paid: number; cumulativeGranted: number }>;
  warnings: string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function envelopeOf(followup: Followup, dossiers: Dossier[], today: string): Envelope {
  const at = envelopeAt(followup, today);
  const before = followup.envelope.committedBefore?.amount ?? 0;
  let granted = 0, paid = 0, pending = 0;
  const years = new Map<string, { granted: number; paid: number }>();
  const year = (y: string) => {
    let f = years.get(y);
    if (!f) years.set(y, (f = { granted: 0, paid: 0 }));
    return f;
  };
  const grants: Dossier[] = [];
  for (const d of dossiers) {
    if (COMMITTED.includes(d.status) && d.granted) {
      granted += d.granted;
      year((d.decided ?? d.received).slice(0, 4)).granted += d.granted;
      grants.push(d);
    }
    if (d.paidAmount && d.paid && d.status !== 'refuse') {
      paid += d.paidAmount;
      year(d.paid.slice(0, 4)).paid += d.paidAmount;
    }
    if (d.status === 'recu') pending += d.requested ?? 0;
  }
  let cumulative = before;
  const byYear = [...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([y, f]) => ({ year: y, granted: cents(f.granted), paid: cents(f.paid), cumulativeGranted: cents((cumulative += f.granted)) }));
  const total = at?.total ?? null;
  const remaining = total === null ? null : cents(total - before - granted);
  const projected = cents(granted + pending);
  const projectedRemaining = total === null ? null : cents(total - before - projected);
  const warnings: string[] = [];
  if (total !== null && remaining! < 0) {
    // The grant, in decision order, that passed the envelope.
    grants.sort((a, b) => (a.decided ?? a.received).localeCompare(b.decided ?? b.received) || a.line - b.line);
    let sum = before;
    const passing = grants.find((d) => (sum += d.granted!) > total);
    warnings.push(`Les montants accordés (${euros(cents(before + granted))}) dépassent l'enveloppe de ${euros(total)} de ${euros(-remaining!)}${passing ? ` ; elle est dépassée depuis le dossier ${passing.id} (ligne ${passing.line}, décidé le ${formatDate(passing.decided ?? passing.received)})` : ''}.`);
  } else if (total !== null && projectedRemaining! < 0)
    warnings.push(`Si les dossiers en cours sont accordés au montant demandé (${euros(pending)}), l'enveloppe de ${euros(total)} sera dépassée de ${euros(-projectedRemaining!)}.`);
  return {
    label: followup.envelope.label,
    total,
    act: at ? at.act : null,
    steps: followup.envelope.steps,
    committedBefore: before,
    granted: cents(granted),
    paid: cents(paid),
    remaining,
    pending: cents(pending),
    projected,
    projectedRemaining,
    byYear,
    warnings,
  };
}
