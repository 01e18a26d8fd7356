// Each fiche's « indicateur de suivi » computed from the register (or entered by hand when the register
// cannot count it), by year; and per fiche the dossiers by status, the amounts granted and paid.
import { COMMITTED, DOSSIER_STATUSES, type Dossier, type DossierStatus } from './model.ts';
import type { Followup, Indicator } from './schema.ts';
import { normalizeKey } from '../text.ts';

export interface IndicatorValue {
  id: string;
  label: string;
  quote?: string;
  method: Indicator['counting']['method'];
  /** How it is counted, in words. */
  how: string;
  values: Record<string, number>;
  targets?: Record<string, number>;
}

export interface YearFigures {
  year: string;
  dossiers: number;
  granted: number;
  paid: number;
}

export interface FicheSummary {
  aid: string;
  indicators: IndicatorValue[];
  byStatus: Record<DossierStatus, number>;
  dossiers: number;
  granted: number;
  paid: number;
  /** Pending requests (« reçu »): their amount requested. */
  pending: number;
  byYear: YearFigures[];
}

const DATE_WORDS = { received: 'de réception', decided: 'de décision', convention: 'de signature de la convention', paid: 'de versement' } as const;
const statusWords = (s: readonly string[]) => s.map((x) => `« ${DOSSIER_STATUSES.find((d) => d.id === x)!.label} »`).join(', ');

export function howCounted(c: Indicator['counting']): string {
  switch (c.method) {
    case 'dossiers':
      return `dossiers ${statusWords(c.statuses)} du registre, par année ${DATE_WORDS[c.date]}`;
    case 'beneficiaires':
      return `bénéficiaires distincts des dossiers ${statusWords(c.statuses)}, par année ${DATE_WORDS[c.date]}`;
    case 'unites':
      return `colonne « unites » des dossiers ${statusWords(c.statuses)}, par année ${DATE_WORDS[c.date]}`;
    case 'saisi':
      return `saisi : ${c.why}`;
  }
}

/** An indicator's value per year (years as « 2025 »). */
export function indicatorValues(ind: Indicator, dossiers: Dossier[]): Record<string, number> {
  const c = ind.counting;
  if (c.method === 'saisi') return { ...c.values };
  const out: Record<string, number> = {};
  const seen = new Set<string>();
  for (const d of dossiers) {
    const date = d[c.date];
    if (!date || !c.statuses.includes(d.status)) continue;
    const y = date.slice(0, 4);
    if (c.method === 'beneficiaires') {
      const key = `${y}|${d.beneficiaryKind}|${normalizeKey(d.beneficiary)}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out[y] = (out[y] ?? 0) + (c.method === 'unites' ? (d.units ?? 0) : 1);
  }
  return out;
}

const yearOfGrant = (d: Dossier) => (d.decided ?? d.received).slice(0, 4);
const cents = (n: number) => Math.round(n * 100) / 100;

/** Every fiche of the follow-up data (and any other aid the register holds), in the catalogue's order. */
export function ficheSummaries(dossiers: Dossier[], followup: Followup | undefined, aidIds: string[]): FicheSummary[] {
  const byAid = new Map<string, Dossier[]>();
  for (const d of dossiers) {
    let list = byAid.get(d.aid);
    if (!list) byAid.set(d.aid, (list = []));
    list.push(d);
  }
  const ids = aidIds.filter((id) => followup?.fiches[id] || byAid.has(id));
  return ids.map((aid) => {
    const list = byAid.get(aid) ?? [];
    const byStatus = Object.fromEntries(DOSSIER_STATUSES.map((s) => [s.id, 0])) as Record<DossierStatus, number>;
    const years = new Map<string, YearFigures>();
    const year = (y: string) => {
      let f = years.get(y);
      if (!f) years.set(y, (f = { year: y, dossiers: 0, granted: 0, paid: 0 }));
      return f;
    };
    let granted = 0, paid = 0, pending = 0;
    for (const d of list) {
      byStatus[d.status]++;
      year(d.received.slice(0, 4)).dossiers++;
      if (COMMITTED.includes(d.status) && d.granted) {
        granted += d.granted;
        year(yearOfGrant(d)).granted += d.granted;
      }
      if (d.paidAmount && d.paid && d.status !== 'refuse') {
        paid += d.paidAmount;
        year(d.paid.slice(0, 4)).paid += d.paidAmount;
      }
      if (d.status === 'recu') pending += d.requested ?? 0;
    }
    const indicators = (followup?.fiches[aid]?.indicators ?? []).map((ind) => ({
      id: ind.id,
      label: ind.label,
      ...(ind.quote ? { quote: ind.quote } : {}),
      method: ind.counting.method,
      how: howCounted(ind.counting),
      values: indicatorValues(ind, list),
      ...(ind.targets ? { targets: ind.targets } : {}),
    }));
    const byYear = [...years.values()].sort((a, b) => a.year.localeCompare(b.year)).map((f) => ({ ...f, granted: cents(f.granted), paid: cents(f.paid) }));
    return { aid, indicators, byStatus, dossiers: list.length, granted: cents(granted), paid: cents(paid), pending: cents(pending), byYear };
  });
}
