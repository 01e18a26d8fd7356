// What each class of a zonage means for the public, in plain words: the zonage says where the plan's aids go to
// professionals who settle or stay; it refuses no care to residents. The aids each class opens are read from
// the aid files (their `zone`), never written per class.
import { NO_CLASS, PARTS } from '../ars/schemes.ts';
import type { ZoneClass } from '../zonage/model.ts';
import { isApplicable } from './model.ts';
import type { Aid } from './schema.ts';
import { lowerFirst } from '../text.ts';

export interface ClassMeaning {
  id: string;
  label: string;
  /** The plan's zoned aids open in this class (the others are open everywhere or nowhere by zone). */
  aids: Array<{ id: string; title: string }>;
  /** Zoned aids open in this class only on a further condition (fiche 9 in non prioritaire). */
  conditional: Array<{ id: string; title: string }>;
  /** The class in plain words. */
  text: string;
}

/** Said once beside the zone, whatever the class. */
export const ZONAGE_PURPOSE =
  "Le zonage dit où vont les aides aux professionnels de santé qui s'installent ou restent. Il ne refuse aucun soin aux habitants : il ne dit pas qui peut être soigné, ni où.";

const list = (aids: Array<{ title: string }>) => aids.map((a) => `« ${a.title} »`).join(', ');

/**
 * The meaning of each class of a scheme (ordered from the most to the least prioritised) for one profession.
 * When the plan's aids read this scheme (their zone names its classes), each class says which of them it
 * opens; otherwise (an ARS layer no local aid reads) the class is placed on the scheme's scale.
 */
export function classMeanings(classes: ZoneClass[], profession: string, aids: Aid[]): ClassMeaning[] {
  const ids = new Set(classes.map((k) => k.id));
  const zoned = aids.filter(
    (a) => a.zone && a.zone.profession === profession && isApplicable(a) && !a.withdrawn && a.zone.classes.every((c) => ids.has(c)),
  );
  // « Sans classe » and « selon la partie » (ARS files) are not ranks of the scale: said for what they are.
  const ranked = classes.filter((k) => k.id !== NO_CLASS && k.id !== PARTS);
  return classes.map((k) => {
    const i = ranked.indexOf(k);
    const open = zoned.filter((a) => a.zone!.classes.includes(k.id)).map((a) => ({ id: a.id, title: a.title }));
    const conditional = zoned.filter((a) => a.zone!.exception?.classes.includes(k.id)).map((a) => ({ id: a.id, title: a.title }));
    let text: string;
    if (k.id === NO_CLASS) {
      text = "La commune n'a pas de classe dans ce zonage (résultat non disponible dans le fichier de l'ARS).";
    } else if (k.id === PARTS) {
      text = 'Les parties de la commune ont des classes différentes : voir « Tous les zonages ».';
    } else if (zoned.length) {
      text = open.length
        ? `Les aides du plan réservées à certaines zones qui s'ouvrent ici aux professionnels : ${list(open)}.`
        : 'Aucune des aides du plan réservées à certaines zones ne s\'ouvre ici ; les aides ouvertes partout restent possibles.';
      if (conditional.length) text += ` Sous condition : ${list(conditional)}.`;
    } else if (ranked.length === 1) {
      text = 'Seule classe de ce zonage.';
    } else if (i === 0) {
      text = 'La classe la plus prioritaire de ce zonage.';
    } else if (i === ranked.length - 1) {
      text = 'La classe la moins prioritaire de ce zonage.';
    } else {
      text = `Entre « ${lowerFirst(ranked[0].label)} » (la plus prioritaire) et « ${lowerFirst(ranked[ranked.length - 1].label)} » (la moins prioritaire).`;
    }
    return { id: k.id, label: k.label, aids: open, conditional, text };
  });
}
