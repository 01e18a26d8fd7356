// A commune's aids together: the pairs the plan says cannot be combined, and the total one person may get
// (the best of non-cumulable aids, one operation's aids within the largest share of its cost).
import { formatNumber } from '../format.ts';
import type { Profile } from './profile.ts';
import type { ResolvedAid } from './model.ts';
import type { CostField } from './schema.ts';
import type { AidResult } from './result.ts';
import { euros, label, listAnd, round } from './wording.ts';

export interface Evaluation {
  results: AidResult[];
  /** Pairs of aids open together that the plan says (or is read to say) cannot be combined. */
  conflicts: Array<{ ids: [string, string]; text: string }>;
  /** Sum of the computed amounts of the aids open (yes) to the chosen beneficiary, keeping the best of
   * non-cumulable ones and one operation within its cost; 0 without a beneficiary (aids meant for a
   * centre de santé and for a commune do not add up). */
  total: number;
  /** The beneficiary the total is for, or null when none is chosen (then no total is shown). */
  totalFor: string | null;
  counted: string[];
  /** How the total was bounded, in sentences (« interprétation »). */
  notes: string[];
}

const exclusive = (a: ResolvedAid, b: ResolvedAid) =>
  !!(a.cumulation?.exclusive?.includes(b.id) || b.cumulation?.exclusive?.includes(a.id) || a.cumulation?.alternative?.ids.includes(b.id) || b.cumulation?.alternative?.ids.includes(a.id));

/** Conflicts and the total of a commune's results. */
export function combine(results: AidResult[], byId: Map<string, ResolvedAid>, profile: Profile): Omit<Evaluation, 'results'> {
  const conflicts: Evaluation['conflicts'] = [];
  const live = results.filter((r) => r.eligible !== 'no');
  for (let i = 0; i < live.length; i++)
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [byId.get(live[i].id)!, byId.get(live[j].id)!];
      if (!exclusive(a, b)) continue;
      const reading = [a, b].map((x) => x.cumulation?.alternative).find((x) => x && [a.id, b.id].some((id) => x.ids.includes(id)));
      conflicts.push({
        ids: [a.id, b.id],
        text: `« ${a.title} » (${a.ref}) et « ${b.title} » (${b.ref}) ne sont pas cumulables${reading ? ` (interprétation : ${reading.text})` : ''} : une seule des deux peut être obtenue.`,
      });
    }
  const totalFor = profile.beneficiary ?? null;
  const counted: string[] = [];
  const notes: string[] = [];
  if (!totalFor) return { conflicts, total: 0, totalFor, counted, notes };
  // The best of non-cumulable aids first; then one operation's aids stay within the largest share of its cost.
  const operations = new Map<CostField, { ids: string[]; sum: number; share: number }>();
  let total = 0;
  for (const r of results.filter((x) => x.eligible === 'yes' && x.amount).sort((x, y) => y.amount! - x.amount!)) {
    const aid = byId.get(r.id)!;
    if (counted.some((id) => exclusive(byId.get(id)!, aid))) continue;
    counted.push(r.id);
    if (aid.amount.type === 'shareOfCost') {
      const field = aid.amount.cost ?? 'projectCost';
      const op = operations.get(field) ?? { ids: [], sum: 0, share: 0 };
      op.ids.push(r.id);
      op.sum += r.amount!;
      op.share = Math.max(op.share, aid.amount.share);
      operations.set(field, op);
    } else total += r.amount!;
  }
  for (const [field, op] of operations) {
    const limit = round(op.share * (profile[field] as number));
    if (op.ids.length > 1 && op.sum > limit)
      notes.push(
        `Interprétation : les aides ${listAnd(op.ids.map((id) => byId.get(id)!.ref))} sont calculées sur le même ${label(field).replace(' (€)', '')} ; ensemble, elles restent dans la limite de ${formatNumber(op.share * 100)} % de ce coût, soit ${euros(limit)} au lieu de ${euros(round(op.sum))}.`,
      );
    total += Math.min(op.sum, limit);
  }
  return { conflicts, total: round(total), totalFor, counted, notes };
}
