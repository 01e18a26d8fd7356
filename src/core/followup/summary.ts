// The plan's follow-up in one object (the CLI's `suivi` JSON, the XLSX summary sheet): per fiche its
// indicator by year, dossiers by status, granted and paid; the envelope; optionally one year only.
import type { ResolvedAid } from '../aids/model.ts';
import type { Dossier } from './model.ts';
import type { Followup } from './schema.ts';
import { envelopeOf, type Envelope } from './envelope.ts';
import { ficheSummaries, type FicheSummary } from './indicators.ts';

/** The register's situation date: its latest date (so a rebuild from the same register gives the same bytes). */
export function asOfDate(dossiers: Dossier[], fallback: string): string {
  let max = '';
  for (const d of dossiers) for (const x of [d.received, d.decided, d.convention, d.paid]) if (x && x > max) max = x;
  return max || fallback;
}

export interface PlanFollowup {
  plan: string;
  example: boolean;
  asOf: string;
  year?: number;
  fiches: Array<Omit<FicheSummary, 'byYear' | 'pending' | 'dossiers'> & { ref: string; title: string; dossiers: number }>;
  envelope: Pick<Envelope, 'label' | 'total' | 'act' | 'granted' | 'paid' | 'remaining' | 'pending' | 'projected' | 'projectedRemaining' | 'warnings'> & { year?: { granted: number; paid: number } };
}

export function planFollowup(input: { followup: Followup; aids: ResolvedAid[]; dossiers: Dossier[]; asOf: string; year?: number }): PlanFollowup {
  const { followup, aids, asOf, year } = input;
  const planAids = aids.filter((a) => a.plan === followup.plan);
  const dossiers = input.dossiers.filter((d) => planAids.some((a) => a.id === d.aid));
  const y = year === undefined ? undefined : String(year);
  const all = ficheSummaries(dossiers, followup, planAids.map((a) => a.id));
  const envelope = envelopeOf(followup, dossiers, asOf);
  const aid = (id: string) => planAids.find((a) => a.id === id)!;
  return {
    plan: followup.plan,
    example: followup.register.example,
    asOf,
    ...(year !== undefined ? { year } : {}),
    fiches: all.map((f) => {
      const fy = f.byYear.find((b) => b.year === y);
      return {
        aid: f.aid,
        ref: aid(f.aid).ref,
        title: aid(f.aid).title,
        indicators: f.indicators.map((i) => ({ ...i, values: y === undefined ? i.values : { [y]: i.values[y] ?? 0 } })),
        // In one year: the dossiers received that year, by their status today.
        byStatus: y === undefined ? f.byStatus : countReceived(dossiers, f.aid, y),
        dossiers: y === undefined ? f.dossiers : dossiers.filter((d) => d.aid === f.aid && d.received.startsWith(y)).length,
        granted: y === undefined ? f.granted : (fy?.granted ?? 0),
        paid: y === undefined ? f.paid : (fy?.paid ?? 0),
      };
    }),
    envelope: {
      label: envelope.label,
      total: envelope.total,
      act: envelope.act,
      granted: envelope.granted,
      paid: envelope.paid,
      remaining: envelope.remaining,
      pending: envelope.pending,
      projected: envelope.projected,
      projectedRemaining: envelope.projectedRemaining,
      warnings: envelope.warnings,
      ...(y !== undefined ? { year: { granted: envelope.byYear.find((b) => b.year === y)?.granted ?? 0, paid: envelope.byYear.find((b) => b.year === y)?.paid ?? 0 } } : {}),
    },
  };
}

function countReceived(dossiers: Dossier[], aid: string, y: string) {
  const out = { recu: 0, accorde: 0, refuse: 0, verse: 0, clos: 0, remboursement: 0 };
  for (const d of dossiers) if (d.aid === aid && d.received.startsWith(y)) out[d.status]++;
  return out;
}
