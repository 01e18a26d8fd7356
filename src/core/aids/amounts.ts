// How much an aid gives for a profile at a date, and the most it can give when the profile does not say
// enough yet; then the amount in words for the aid's card.
import type { ZoneAt } from '../zonage/resolver.ts';
import type { Profile } from './profile.ts';
import { planValue, type ResolvedAid } from './model.ts';
import type { Amount } from './schema.ts';
import type { AidResult } from './result.ts';
import { euros, round, sentence } from './wording.ts';

export interface AmountValue {
  amount: number | null;
  ceiling: number | null;
  /** Profile fields the amount still needs. */
  missing: Array<keyof Profile>;
}

export function computeAmount(m: Amount, date: string, profile: Profile, zone: ZoneAt | undefined): AmountValue {
  const at = (v: Parameters<typeof planValue>[0]) => planValue(v, date);
  switch (m.type) {
    case 'fixed': {
      // Without the status the amount is not known: the full one is the ceiling (the reduced one is for collaborators).
      const full = at(m.value);
      const own = profile.status && m.byStatus?.[profile.status] !== undefined ? at(m.byStatus[profile.status]) : full;
      const missing: Array<keyof Profile> = [...(m.byStatus && !profile.status ? (['status'] as const) : []), ...(m.prorata && profile.presenceShare === undefined ? (['presenceShare'] as const) : [])];
      if (missing.length) return { amount: null, ceiling: profile.status ? own : full, missing };
      return { amount: m.prorata ? round(own * profile.presenceShare!) : own, ceiling: own, missing };
    }
    case 'byClass': {
      const ceiling = Math.max(...Object.values(m.values).map(at));
      const v = zone && m.values[zone.effective] !== undefined ? at(m.values[zone.effective]) : null;
      return { amount: v, ceiling: v ?? ceiling, missing: [] };
    }
    case 'monthly':
      return { amount: at(m.perMonth) * m.months, ceiling: at(m.perMonth) * m.months, missing: [] };
    case 'schedule': {
      // « La bourse sera rétroactive au premier jour du semestre en cours » : from the current semester on,
      // six months of its year when it is the year's second semester.
      const years = Object.keys(m.perMonthByYear).map(Number).sort((a, b) => a - b);
      const perMonth = (y: number) => (m.perMonthByYear[String(y)] === undefined ? 0 : at(m.perMonthByYear[String(y)]));
      const fromSemester = (s: number) => {
        const y = Math.ceil(s / 2);
        return years.filter((x) => x > y).reduce((sum, x) => sum + perMonth(x) * m.monthsPerYear, perMonth(y) * (s % 2 ? m.monthsPerYear : m.monthsPerYear / 2));
      };
      if (profile.internshipSemester !== undefined) return { amount: fromSemester(profile.internshipSemester), ceiling: fromSemester(profile.internshipSemester), missing: [] };
      const first = profile.internshipYear !== undefined ? 2 * profile.internshipYear - 1 : 1;
      return { amount: null, ceiling: fromSemester(first), missing: ['internshipSemester'] };
    }
    case 'perKm':
      return { amount: profile.distanceKm === undefined ? null : round(Math.min(at(m.rate) * profile.distanceKm, at(m.cap))), ceiling: at(m.cap), missing: profile.distanceKm === undefined ? ['distanceKm'] : [] };
    case 'shareOfCost': {
      const cap = m.cap === undefined ? null : at(m.cap);
      const cost = profile[m.cost ?? 'projectCost'];
      if (cost === undefined) return { amount: null, ceiling: cap, missing: [m.cost ?? 'projectCost'] };
      const share = round(m.share * cost);
      return { amount: cap === null ? share : Math.min(share, cap), ceiling: cap, missing: [] };
    }
    case 'yearly':
      return { amount: at(m.perYear) * (m.years ?? 1), ceiling: at(m.perYear) * (m.years ?? 1), missing: [] };
    case 'sum': {
      const parts = m.parts.map((p) => computeAmount(p, date, profile, zone));
      return {
        amount: parts.every((p) => p.amount !== null) ? round(parts.reduce((s, p) => s + p.amount!, 0)) : null,
        ceiling: parts.every((p) => p.ceiling !== null) ? round(parts.reduce((s, p) => s + p.ceiling!, 0)) : null,
        missing: parts.flatMap((p) => p.missing),
      };
    }
    case 'none':
    case 'unspecified':
      return { amount: null, ceiling: null, missing: [] };
  }
}

export function amountText(aid: ResolvedAid, v: AmountValue, eligible: AidResult['eligible']): string {
  const m = aid.amount;
  if (aid.withdrawn) return 'Fiche supprimée : aucun montant';
  if (m.type === 'none') return 'Accompagnement (sans montant)';
  const note = m.note ? ` — ${m.note}` : '';
  if (m.type === 'unspecified') return `Montant non fixé par le plan${note}`;
  if (eligible !== 'no' && v.amount !== null) {
    // A note that opens on the amount says it whole (« 800 € pour les 2 jours »): not « 800 € — 800 € … ».
    const flat = (s: string) => s.replace(/\s/g, ' ');
    return m.note && flat(m.note).startsWith(flat(euros(v.amount))) ? sentence(m.note) : `${euros(v.amount)}${note}`;
  }
  if (v.ceiling) return `Jusqu'à ${euros(v.ceiling)}${note}`;
  return m.note ? sentence(m.note) : 'Montant à préciser';
}
