// National index of the official commune list (COG, @etalab/decoupage-administratif) for the ARS files:
// any code (current, former, arrondissement municipal) to today's commune, and names to places.
import { Cog, type CogCommune } from '../communes.ts';
import { normalizeKey } from '../text.ts';

/** A place a file may name: a current commune, one of its delegated or associated communes, or an arrondissement. */
export interface Place {
  /** The place's own code (the delegated commune's or the arrondissement's). */
  code: string;
  nom: string;
  kind: 'actuelle' | 'deleguee' | 'associee' | 'arrondissement' | 'ancienne';
  /** Today's commune the place belongs to. */
  commune: string;
  postalCodes: string[];
}

export interface CodeMatch {
  commune: string;
  nom: string;
  /** How the code reached today's commune: itself, a former commune, or an arrondissement municipal. */
  via: 'actuelle' | 'ancienne' | 'arrondissement';
}

/** « Saint-Laurent-sur-Sèvre », « ST LAURENT SUR SEVRE », « St-Laurent sur Sèvre » → one key. */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => (w === 'saint' ? 'st' : w === 'sainte' ? 'ste' : w));
  return normalizeKey(words.join(' '));
}

export class CommuneIndex {
  readonly cog: Cog;
  private readonly arrondissements = new Map<string, CogCommune>();
  private readonly names = new Map<string, Place[]>();

  constructor(rows: CogCommune[]) {
    this.cog = new Cog(rows, []);
    for (const c of rows) {
      let place: Place | undefined;
      if (c.type === 'commune-actuelle') place = { code: c.code, nom: c.nom, kind: 'actuelle', commune: c.code, postalCodes: c.codesPostaux ?? [] };
      else if (c.type === 'arrondissement-municipal' && c.commune) {
        this.arrondissements.set(c.code, c);
        place = { code: c.code, nom: c.nom, kind: 'arrondissement', commune: c.commune, postalCodes: c.codesPostaux ?? [] };
      } else {
        const now = this.cog.currentCodeOf(c.chefLieu ?? c.code);
        // A delegated commune has no postal codes of its own in the list: those of its commune stand.
        if (now) place = { code: c.code, nom: c.nom, kind: c.type === 'commune-deleguee' ? 'deleguee' : 'associee', commune: now, postalCodes: this.cog.current.get(now)?.codesPostaux ?? [] };
      }
      if (!place) continue;
      const key = nameKey(place.nom);
      this.names.set(key, [...(this.names.get(key) ?? []), place]);
    }
  }

  /**
   * Adds former names absent from the list: communes merged away without a delegated commune, and
   * communes renamed since (Louhans, now Louhans-Châteaurenaud): pairs of code and name from an older
   * edition, e.g. the rows of a CartoSanté export. Codes matching no current commune are left out.
   */
  addFormerNames(pairs: Array<{ code: string; nom: string }>): number {
    let added = 0;
    for (const { code, nom } of pairs) {
      const found = this.resolveCode(code);
      if (!found || found.via === 'arrondissement' || (found.via === 'actuelle' && nameKey(found.nom) === nameKey(nom))) continue;
      const key = nameKey(nom);
      const known = this.names.get(key) ?? [];
      if (known.some((p) => p.code === code)) continue;
      this.names.set(key, [...known, { code, nom, kind: 'ancienne', commune: found.commune, postalCodes: this.cog.current.get(found.commune)?.codesPostaux ?? [] }]);
      added++;
    }
    return added;
  }

  /** Today's commune of a code written in a file, or undefined. */
  resolveCode(code: string): CodeMatch | undefined {
    const arr = this.arrondissements.get(code);
    if (arr?.commune) return { commune: arr.commune, nom: this.cog.current.get(arr.commune)?.nom ?? arr.commune, via: 'arrondissement' };
    const now = this.cog.currentCodeOf(code);
    if (!now) return undefined;
    return { commune: now, nom: this.cog.current.get(now)!.nom, via: now === code ? 'actuelle' : 'ancienne' };
  }

  /** Places bearing this name (see nameKey). */
  byName(name: string): Place[] {
    return this.names.get(nameKey(name)) ?? [];
  }

  nameOf(code: string): string {
    return this.cog.current.get(code)?.nom ?? code;
  }

  departementOf(code: string): string | undefined {
    return this.cog.current.get(code)?.departement;
  }
}
