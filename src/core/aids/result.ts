// What the engine says of one aid: open or not (yes / no / depends), how much, with what commitments and
// deadlines, and why, one reason per condition.
import type { ResolvedAid } from './model.ts';

export type Status = 'met' | 'failed' | 'unknown';
export interface Reason {
  status: Status;
  text: string;
}

export interface AidResult {
  id: string;
  title: string;
  kind: ResolvedAid['kind'];
  beneficiaries: string[];
  summary: string;
  source: ResolvedAid['source'];
  eligible: 'yes' | 'no' | 'depends';
  /** In euros; null when it depends on missing profile fields (or the aid is not financial). */
  amount: number | null;
  /** The most it can be, when bounded. */
  ceiling: number | null;
  amountText: string;
  commitments: Array<{ text: string; until: string | null }>;
  deadlines: Array<{ label: string; date: string | null; text: string }>;
  reasons: Reason[];
  /** What first makes it unavailable, when something does (validity, zone, beneficiary…). */
  blocker?: string;
}
