// What the engine knows of a commune: its name and population, and its zonage classes at the project's date
// and, when the zonage is at hand, at any other date (the dossier's, the eve of an installation).
import type { ZonageBundle } from '../zonage/bundle.ts';
import { zoneResolver, type ZoneAt } from '../zonage/resolver.ts';

export type ZoneLookup = (profession: string) => ZoneAt | undefined;

export interface AidContext {
  /** The date of the project: the dossier date when the profile gives no request date. */
  date: string;
  commune: { code: string; nom: string; population: number | null };
  /** The commune's classes at `date`. */
  zone: ZoneLookup;
  /** The commune's classes at another date (the dossier's, the eve of an installation). Without it,
   * zones are read at `date` and the reasons say so. */
  zoneOn?: (date: string) => ZoneLookup;
  /** How to name another aid in a reason (« Aide à l'installation… (fiche 8) »); its id otherwise. */
  nameOf?: (id: string) => string;
}

// A territory's effective zonage at a date, computed once per bundle and date (the simulator asks again
// at every keystroke).
const resolverCache = new WeakMap<ZonageBundle, Map<string, ReturnType<typeof zoneResolver>>>();
function resolverOn(bundle: ZonageBundle, date: string) {
  let byDate = resolverCache.get(bundle);
  if (!byDate) resolverCache.set(bundle, (byDate = new Map()));
  let r = byDate.get(date);
  if (!r) {
    if (byDate.size > 50) byDate.clear();
    byDate.set(date, (r = zoneResolver(bundle, date)));
  }
  return r;
}

/** The context of a commune from a territory's zonage, able to read its classes at any date (the
 * dossier's, the eve of an installation). */
export function communeContext(bundle: ZonageBundle, commune: AidContext['commune'], date: string): AidContext {
  const zoneOn = (d: string) => resolverOn(bundle, d)(commune.code);
  return { date, commune, zone: zoneOn(date), zoneOn };
}
