// Commune reference built from the official geographic code (COG) as shipped by
// @etalab/decoupage-administratif: current communes, their EPCI and their former codes.
import type { CommuneSelection, Territory } from './territory.ts';

/** The département of a commune, from its code: three digits overseas (971…, 984…), else two (01…, 2A…). */
export const departementOf = (code: string): string => (/^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2));

/** One row of decoupage-administratif's communes.json (fields we use). */
export interface CogCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  population?: number;
  codesPostaux?: string[];
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}

/** One row of decoupage-administratif's epci.json (fields we use). */
export interface CogEpci {
  code: string;
  nom: string;
  membres: Array<{ code: string; nom: string }>;
}

/** A current commune as the app shows it. */
export interface Commune {
  code: string;
  nom: string;
  population: number | null;
  codesPostaux: string[];
  epci: { code: string; nom: string } | null;
  /** Former communes now part of this one (merged, delegated or associated), for search and notes. */
  anciennes: Array<{ code: string; nom: string }>;
}

export class CommuneError extends Error {}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Index of the COG: current communes, and every other code mapped to the current commune it now belongs to. */
export class Cog {
  readonly current = new Map<string, CogCommune>();
  private readonly successor = new Map<string, string>();
  private readonly formerNames = new Map<string, string>();
  private readonly formers = new Map<string, string[]>();
  private readonly epciOf = new Map<string, CogEpci>();
  private readonly epcis = new Map<string, CogEpci>();

  constructor(communes: CogCommune[], epcis: CogEpci[]) {
    for (const c of communes) {
      if (c.type === 'commune-actuelle') this.current.set(c.code, c);
    }
    for (const c of communes) {
      if (c.type === 'arrondissement-municipal') continue;
      if (c.type !== 'commune-actuelle') {
        // A delegated commune may keep the code of its commune nouvelle: its name is still a former name.
        this.formerNames.set(c.code, c.nom);
        if (c.chefLieu && !this.current.has(c.code)) this.successor.set(c.code, c.chefLieu);
      }
      for (const old of c.anciensCodes ?? []) if (!this.current.has(old)) this.successor.set(old, c.code);
    }
    for (const code of new Set([...this.successor.keys(), ...this.formerNames.keys()])) {
      const now = this.currentCodeOf(code) ?? this.current.get(code)?.code;
      if (now) this.formers.set(now, [...(this.formers.get(now) ?? []), code]);
    }
    for (const e of epcis) {
      this.epcis.set(e.code, e);
      for (const m of e.membres) this.epciOf.set(m.code, e);
    }
  }

  /** The current commune a code (current or former) belongs to today, or undefined. */
  currentCodeOf(code: string): string | undefined {
    let c: string | undefined = code;
    for (let hops = 0; c !== undefined && hops < 10; hops++) {
      if (this.current.has(c)) return c;
      c = this.successor.get(c);
    }
    return undefined;
  }

  /** Current communes of a territory selection, sorted by code. */
  select(selection: CommuneSelection): CogCommune[] {
    if ('departement' in selection) {
      return [...this.current.values()].filter((c) => c.departement === selection.departement).sort(byCode);
    }
    const epci = this.epcis.get(selection.epci);
    if (!epci) throw new CommuneError(`EPCI ${selection.epci} absent de la liste officielle des EPCI.`);
    return epci.membres
      .map((m) => {
        const c = this.current.get(m.code);
        if (!c) throw new CommuneError(`La commune ${m.code} (${m.nom}), membre de l'EPCI ${epci.nom}, n'est pas une commune actuelle du COG.`);
        return c;
      })
      .sort(byCode);
  }

  /** The app's view of a current commune. */
  describe(c: CogCommune): Commune {
    const epci = this.epciOf.get(c.code);
    const anciennes = [...(this.formers.get(c.code) ?? [])]
      .sort()
      .map((code) => ({ code, nom: this.formerNames.get(code) ?? code }));
    return {
      code: c.code,
      nom: c.nom,
      population: c.population ?? null,
      codesPostaux: [...(c.codesPostaux ?? [])].sort(),
      epci: epci ? { code: epci.code, nom: epci.nom } : null,
      anciennes,
    };
  }
}

/** The territory's communes, as shipped to the app. */
export function territoryCommunes(cog: Cog, territory: Territory): Commune[] {
  return cog.select(territory.selection).map((c) => cog.describe(c));
}
