// The zone the aid engine reads: for a commune and a profession, its effective class at a date with the
// words that say which zonage it comes from. The aid engine depends on this module, never the reverse.
import { defaultScheme, zonageInForce, zonageView, type ZonageBundle, type ZonageView } from './bundle.ts';
import { LAST_KNOWN } from './status.ts';
import { NO_CLASS, PARTS } from '../ars/schemes.ts';
import { lowerFirst } from '../text.ts';

/** The commune's effective class in the zonage of one profession at the evaluation date. */
export interface ZoneAt {
  /** « zonage départemental 2026 » */
  zonage: string;
  effective: string;
  effectiveLabel: string;
  base: string;
  baseLabel: string;
  /** Why the effective class differs from the base class (the pharmacy rule of fiche 1). */
  ruleNote?: string;
  /** Set when the zonage gives the commune no single class (« sans classe », « selon la partie »): what it
   * says instead, e.g. « n'a pas de classe dans ce zonage (résultat non disponible) ». */
  undetermined?: string;
}

/** Commune code → profession → its effective class at the resolver's date. */
export type ZoneResolver = (code: string) => (profession: string) => ZoneAt | undefined;

/** Effective classes at a date for the aid engine, one zonage view per profession, computed once. */
export function zoneResolver(b: ZonageBundle, date: string): ZoneResolver {
  const views = new Map<string, ZonageView | undefined>();
  const view = (profession: string) => {
    if (!views.has(profession)) {
      // Aids name a profession's zonage: the territory's first scheme (its own zonage), never an ARS layer in its place.
      const z = zonageInForce(b, profession, date, defaultScheme(b, profession));
      views.set(profession, z && zonageView(b, profession, z.year, date, z.scheme));
    }
    return views.get(profession);
  };
  return (code) => (profession) => {
    const v = view(profession);
    const c = v?.classes.get(code);
    if (!v || !c) return undefined;
    const label = (id: string) => v.scheme.classes.find((k) => k.id === id)?.label ?? id;
    const stale = v.status.state === 'dernier-connu' ? `, dernier zonage connu ; ${LAST_KNOWN}` : '';
    return {
      zonage: `${lowerFirst(v.scheme.label)} ${v.zonage.year}${stale}${v.example ? ', exemple — données fictives' : ''}`,
      effective: c.effective,
      effectiveLabel: label(c.effective),
      base: c.base,
      baseLabel: label(c.base),
      ...(c.effective === NO_CLASS ? { undetermined: "n'a pas de classe dans ce zonage (résultat non disponible)" } : {}),
      ...(c.effective === PARTS ? { undetermined: `a des classes différentes selon la partie (${(v.parts[code] ?? []).map((p) => `${p.nom} : ${label(p.class).toLowerCase()}`).join(' ; ')})` } : {}),
      ruleNote: c.rule ? `classée ${label(c.effective).toLowerCase()} par la règle de la ${c.rule.source.ref} (pharmacie sans médecin généraliste en exercice ; classement de base : ${label(c.base).toLowerCase()})` : undefined,
    };
  };
}
