// One engine for every method: rules are read in order, the first whose condition holds gives the class,
// then the pharmacy rule of fiche 1 applies on top. A condition that needs a missing indicator makes the
// class « à préciser » (never a silent default). Pure and deterministic: same inputs, same proposal.
import { formatNumber } from '../format.ts';
import type { Comparison, Condition, Method, Rule, RevisionIndicator } from './schema.ts';

/** One indicator of one commune, with where it comes from. `value` null: not available for this commune. */
export interface Reading {
  indicator: RevisionIndicator;
  label: string;
  value: number | string | null;
  source: string;
  year?: number;
  date?: string;
  since?: number;
}

/** The only thing the engine knows of indicators: a value with its source for a commune. */
export type IndicatorReader = (code: string, indicator: RevisionIndicator, since?: number) => Reading | undefined;

export interface RevisionCommune {
  code: string;
  nom: string;
  population: number | null;
  epci?: { code: string; nom: string } | null;
}

export interface Proposal {
  code: string;
  nom: string;
  population: number;
  epci: string | null;
  epciNom: string | null;
  /** The class the method gives (after the pharmacy rule), or the method's « à préciser » id. */
  proposed: string;
  /** The rule that gave the class; `pharmacy` when fiche 1 moved it. */
  rule: string;
  /** The class before the pharmacy rule, when it moved it. */
  beforePharmacy?: string;
  /** In French: why this class, with the figures read. */
  reason: string;
  readings: Reading[];
  /** Indicators the decision needed but the commune does not have. */
  missing: RevisionIndicator[];
  lastYear: string | null;
  ars: string | null;
}

type Tri = true | false | null;

const OPS: Record<Exclude<Comparison['op'], 'in'>, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '==': (a, b) => a === b,
};

// Intl is slow when a whole country is proposed: small numbers (APL, counts) are written by hand.
const show = (v: number | string) => {
  if (typeof v !== 'number') return v;
  const r = Math.round(v * 100) / 100;
  return Math.abs(r) < 1000 ? String(r).replace('.', ',') : formatNumber(r);
};

/** Parameters of the method with the draft's edited values on top. */
export function parameterValues(method: Method, edited: Record<string, number> = {}): Record<string, number> {
  return Object.fromEntries(method.parameters.map((p) => [p.id, edited[p.id] ?? p.value]));
}

class Evaluation {
  readonly readings = new Map<string, Reading>();
  readonly missing = new Set<RevisionIndicator>();
  readonly facts: string[] = [];
  constructor(
    private readonly code: string,
    private readonly read: IndicatorReader,
    private readonly params: Record<string, number>,
  ) {}

  reading(indicator: RevisionIndicator, since?: number): Reading | undefined {
    const key = since === undefined ? indicator : `${indicator}@${since}`;
    if (!this.readings.has(key)) {
      const r = this.read(this.code, indicator, since);
      if (r) this.readings.set(key, r);
    }
    return this.readings.get(key);
  }

  /** true, false, or null when the indicator is missing. */
  test(c: Condition): Tri {
    if ('always' in c) return true;
    if ('any' in c) {
      let unknown = false;
      for (const x of c.any) {
        const t = this.test(x);
        if (t === true) return true;
        if (t === null) unknown = true;
      }
      return unknown ? null : false;
    }
    if ('all' in c) {
      let unknown = false;
      for (const x of c.all) {
        const t = this.test(x);
        if (t === false) return false;
        if (t === null) unknown = true;
      }
      return unknown ? null : true;
    }
    return this.compare(c);
  }

  private compare(c: Comparison): Tri {
    const r = this.reading(c.indicator, c.since);
    if (!r || r.value === null) {
      this.missing.add(c.indicator);
      return null;
    }
    const name = `${r.label}${r.year ? ` ${r.year}` : ''}`;
    if (c.op === 'in') {
      const ok = (c.values ?? []).includes(String(r.value));
      if (ok) this.facts.push(`${name} : ${show(r.value)}`);
      return ok;
    }
    const limit = c.param !== undefined ? this.params[c.param] : c.value!;
    if (typeof r.value !== 'number') return false;
    const ok = OPS[c.op](r.value, limit);
    if (ok) this.facts.push(`${name} ${show(r.value)} ${c.op === '<=' ? '≤' : c.op === '>=' ? '≥' : c.op === '==' ? '=' : c.op} ${show(limit)}`);
    return ok;
  }
}

const numberOf = (r: Reading | undefined) => (r && typeof r.value === 'number' ? r.value : null);

/** The proposal of one commune. */
export function proposeCommune(
  method: Method,
  params: Record<string, number>,
  commune: RevisionCommune,
  read: IndicatorReader,
  lastYear: string | null,
  classLabel: (id: string) => string,
): Proposal {
  const e = new Evaluation(commune.code, read, params);
  let proposed = method.undetermined.id;
  let fired: Rule | undefined;
  let reason = '';
  for (const rule of method.rules) {
    const t = e.test(rule.when);
    if (t === false) continue;
    fired = rule;
    if (t === null) reason = `${method.undetermined.label} : la règle « ${rule.label} » ne peut être décidée, indicateur manquant (${[...e.missing].join(', ')})`;
    else {
      proposed = rule.class;
      reason = `${classLabel(rule.class)} — ${rule.label}${e.facts.length ? ` (${e.facts.join(' ; ')})` : ''}`;
    }
    break;
  }
  if (!fired) reason = `${method.undetermined.label} : aucune règle ne s'applique`;
  let rule = fired?.id ?? 'aucune';
  let beforePharmacy: string | undefined;
  const ph = method.pharmacy;
  if (ph && ph.from.includes(proposed)) {
    const gps = numberOf(e.reading('medecins'));
    const pharmacies = numberOf(e.reading('pharmacies'));
    if (gps === null || pharmacies === null) {
      if (gps === null) e.missing.add('medecins');
      if (pharmacies === null) e.missing.add('pharmacies');
      reason = `${method.undetermined.label} : ${reason.charAt(0).toLowerCase()}${reason.slice(1)} ; la règle « ${ph.label} » ne peut être vérifiée, indicateur manquant (${[...e.missing].join(', ')})`;
      beforePharmacy = proposed;
      proposed = method.undetermined.id;
      rule = ph.id;
    } else if (pharmacies >= 1 && gps === 0) {
      beforePharmacy = proposed;
      proposed = ph.to;
      rule = ph.id;
      reason = `${classLabel(ph.to)} — ${ph.label} (${ph.source} ; ${pharmacies} pharmacie${pharmacies > 1 ? 's' : ''}, aucun médecin généraliste ; classement par les règles : ${classLabel(beforePharmacy).toLowerCase()})`;
    }
  }
  for (const x of method.show) e.reading(x.indicator, x.since);
  const ars = e.reading('classe-ars');
  return {
    code: commune.code,
    nom: commune.nom,
    population: commune.population ?? 0,
    epci: commune.epci?.code ?? null,
    epciNom: commune.epci?.nom ?? null,
    proposed,
    rule,
    ...(beforePharmacy ? { beforePharmacy } : {}),
    reason,
    readings: [...e.readings.values()],
    missing: [...e.missing].sort(),
    lastYear,
    ars: ars && typeof ars.value === 'string' ? ars.value : null,
  };
}

/** The proposal of every commune, in the order given (the caller sorts communes by code). */
export function propose(
  method: Method,
  edited: Record<string, number>,
  communes: RevisionCommune[],
  read: IndicatorReader,
  lastYear: Map<string, string>,
  classLabel: (id: string) => string,
): Proposal[] {
  const params = parameterValues(method, edited);
  return communes.map((c) => proposeCommune(method, params, c, read, lastYear.get(c.code) ?? null, classLabel));
}
