// How an aid is named where it is listed (choices, check boxes): a module of its own, light enough for the
// map's tools in the first page load.
import { normalizeKey } from '../text.ts';

/**
 * An aid's name in a list: its title, and the plan's own name for it when that says more (« fiche 8 »); not
 * when the title already holds it (Mauges: « Indemnité de déplacement des internes (Indemnité de déplacement) »).
 */
export function aidName(aid: { title: string; ref: string }): string {
  return normalizeKey(aid.title).includes(normalizeKey(aid.ref)) ? aid.title : `${aid.title} (${aid.ref})`;
}
