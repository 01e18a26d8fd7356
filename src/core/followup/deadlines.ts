// Commitments and deadlines, listed with what to do: dossiers whose commitment ends within 6 months
// (check the practice, close), conventions paid by the year coming up for renewal, and requests received
// after the plan's deadline (« au plus tard 3 mois après… »), read from each aid's own deadlines.
import { addMonths } from '../dates.ts';
import { formatDate } from '../format.ts';
import type { ResolvedAid } from '../aids/model.ts';
import { COMMITTED, type Dossier } from './model.ts';
import type { Followup } from './schema.ts';

/** Why a request came too late for the plan's deadline, or undefined when it did not (or cannot be told). */
export function lateRequest(aid: ResolvedAid, d: Pick<Dossier, 'received' | 'event'>): string | undefined {
  if (!d.event) return undefined;
  for (const dl of aid.deadlines) {
    if (dl.check !== 'requestDate' || dl.from !== 'eventDate') continue;
    if (dl.before && d.received >= d.event) return `demande reçue le ${formatDate(d.received)}, pas avant ${dl.event} (${formatDate(d.event)}) comme le demande ${aid.ref}.`;
    if (dl.months !== undefined) {
      const limit = addMonths(d.event, dl.months);
      if (d.received > limit) return `demande reçue le ${formatDate(d.received)}, après le ${formatDate(limit)} : ${aid.ref} la veut au plus tard ${dl.months} mois après ${dl.event} (${formatDate(d.event)}).`;
    }
  }
  return undefined;
}

export interface DeadlineItem {
  dossier: string;
  line: number;
  aid: string;
  commune: string;
  date: string;
  text: string;
  action: string;
}

export interface Deadlines {
  commitmentsEnding: DeadlineItem[];
  renewals: DeadlineItem[];
  lateRequests: DeadlineItem[];
}

/** What is due between `today` and `months` later, and every late request (the earliest first). */
export function deadlinesOf(dossiers: Dossier[], aids: ResolvedAid[], followup: Followup | undefined, today: string, months = 6): Deadlines {
  const byId = new Map(aids.map((a) => [a.id, a]));
  const horizon = addMonths(today, months);
  const out: Deadlines = { commitmentsEnding: [], renewals: [], lateRequests: [] };
  const item = (d: Dossier, date: string, text: string, action: string): DeadlineItem => ({ dossier: d.id, line: d.line, aid: d.aid, commune: d.commune, date, text, action });
  for (const d of dossiers) {
    const aid = byId.get(d.aid);
    if (!aid) continue;
    const live = COMMITTED.includes(d.status) && d.status !== 'clos';
    if (live && d.commitmentEnd && d.commitmentEnd >= today && d.commitmentEnd <= horizon)
      out.commitmentsEnding.push(item(d, d.commitmentEnd, `engagement${d.commitment ? ` (${d.commitment})` : ''} jusqu'au ${formatDate(d.commitmentEnd)}`, "Vérifier l'exercice effectif jusqu'au terme, puis clore le dossier."));
    const renewal = followup?.fiches[d.aid]?.renewal;
    if (live && renewal && d.convention) {
      const end = addMonths(d.convention, renewal.forMonths);
      for (let k = 1; ; k++) {
        const due = addMonths(d.convention, k * renewal.months);
        if (due >= end || due > horizon) break;
        if (due >= today) {
          out.renewals.push(item(d, due, `convention signée le ${formatDate(d.convention)}, à renouveler le ${formatDate(due)}`, renewal.text));
          break;
        }
      }
    }
    const late = lateRequest(aid, d);
    if (late && d.status !== 'refuse' && d.status !== 'clos') out.lateRequests.push(item(d, d.received, late, 'Présenter le dossier en commission avec ce retard, ou notifier un refus motivé.'));
  }
  for (const list of Object.values(out)) list.sort((a: DeadlineItem, b: DeadlineItem) => a.date.localeCompare(b.date) || a.dossier.localeCompare(b.dossier));
  return out;
}
