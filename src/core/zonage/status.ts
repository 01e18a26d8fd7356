// Where a zonage stands at a date (to come, in force, last known, replaced, expired), and how the
// legend, the commune page and the aids say it.
import type { ZonageYear } from './config.ts';
import { formatDate } from '../format.ts';

export type ZonageState = 'a-venir' | 'en-vigueur' | 'dernier-connu' | 'remplace' | 'expire';

export interface ZonageStatus {
  state: ZonageState;
  /** Shown in the legend, the commune page, the aids: « dernier zonage connu (…) ; un arrêté plus récent peut exister ». */
  text: string;
  /** In force at the date: valid then, or the last known one with nothing known to replace it. */
  inForce: boolean;
}

export const LAST_KNOWN = 'un arrêté plus récent peut exister';
export const NOT_IMPORTED = "la nouvelle liste n'est pas encore importée";

/** Where a zonage stands at a date (see ZonageYear: validity, last known, replaced). */
export function zonageStatus(z: Pick<ZonageYear, 'validFrom' | 'validUntil' | 'lastKnown' | 'replaced'>, date: string): ZonageStatus {
  const period = z.validFrom === z.validUntil ? `en vigueur au ${formatDate(z.validFrom)}` : `valable du ${formatDate(z.validFrom)} au ${formatDate(z.validUntil)}`;
  if (date < z.validFrom) return { state: 'a-venir', inForce: false, text: `${z.validFrom === z.validUntil ? 'connu' : 'en vigueur'} à partir du ${formatDate(z.validFrom)}` };
  if (date <= z.validUntil) return { state: 'en-vigueur', inForce: true, text: period };
  if (z.replaced && date >= z.replaced.from) {
    // Once the new list is published (a later year of the same zonage, see parseZonageConfig), it takes over.
    const published = z.replaced.listFrom !== undefined && date >= z.replaced.listFrom;
    const text = published ? `remplacé le ${formatDate(z.replaced.from)} par ${/^[aeiouyhàâéèêîô]/i.test(z.replaced.by) ? "l'" : ''}${z.replaced.by}` : `remplacé le ${formatDate(z.replaced.from)} (publication de l'${z.replaced.by}) ; ${NOT_IMPORTED}`;
    return { state: 'remplace', inForce: false, text };
  }
  if (z.lastKnown) return { state: 'dernier-connu', inForce: true, text: `dernier zonage connu (${period}) ; ${LAST_KNOWN}` };
  return { state: 'expire', inForce: false, text: `valable jusqu'au ${formatDate(z.validUntil)}` };
}
