// The reasons about dates and place: whether the aid is open at the dossier date, and whether the commune's
// zone is one the aid is for, at the date the plan says it is judged.
import { addDays } from '../dates.ts';
import { formatDate } from '../format.ts';
import type { ZoneAt } from '../zonage/resolver.ts';
import type { Profile } from './profile.ts';
import type { ResolvedAid } from './model.ts';
import type { AidContext } from './context.ts';
import type { Reason } from './result.ts';
import { test, type Facts } from './conditions.ts';
import { NOM } from './commune-words.ts';
import { inZone, sentence } from './wording.ts';
import { lowerFirst } from '../text.ts';

/** The dossier date decides (« applicables aux dossiers reçus à compter du 1er août 2025 »): the request
 * date when the profile gives one, otherwise the project's date. */
export const dossierDate = (ctx: AidContext, p: Profile) => p.requestDate ?? ctx.date;
export const atDossier = (ctx: AidContext, p: Profile) => (p.requestDate ? `à la date de la demande, le ${formatDate(p.requestDate)}` : `au ${formatDate(ctx.date)}`);

/** The date an aid's zone is judged at, and how to say it. */
export function zoneDateOf(aid: ResolvedAid, ctx: AidContext, p: Profile): { date: string; words: string } {
  if (aid.zoneDate?.rule === 'eve-of-event' && p.eventDate) {
    const eve = addDays(p.eventDate, -1);
    return { date: eve, words: `au ${formatDate(eve)}, ${aid.zoneDate.text}` };
  }
  return { date: dossierDate(ctx, p), words: atDossier(ctx, p) };
}

/** The commune's class at a date; without `zoneOn`, at the context's date (and the reason says that one). */
export function lookup(ctx: AidContext, profession: string, date: string, words: string): { z: ZoneAt | undefined; words: string } {
  if (date === ctx.date) return { z: ctx.zone(profession), words };
  if (ctx.zoneOn) return { z: ctx.zoneOn(date)(profession), words };
  return { z: ctx.zone(profession), words: `au ${formatDate(ctx.date)}` };
}

export function zoneReason(aid: ResolvedAid, z: ZoneAt | undefined, words: string, f: Facts): Reason {
  if (!aid.zone) return { status: 'met', text: "L'aide vaut sur tout le territoire du plan." };
  const where = `réservée aux ${aid.zone.text}`;
  if (!z) return { status: 'unknown', text: `${sentence(where)} : aucun zonage n'est en vigueur ${words} pour ${NOM}.` };
  const rule = z.ruleNote ? ` — ${z.ruleNote}` : '';
  const is = `${NOM} est ${inZone(z.effectiveLabel)} ${words} (${z.zonage})${rule}`;
  const future = aid.zoneDate?.rule === 'installation' ? aid.zoneDate.text : null;
  // How the plan's zones are read in this zonage (e.g. the dentists' density scale for the plan's ZIP/ZAC).
  const read = aid.zone.interpretation ? ` ${aid.zone.interpretation}` : '';
  // No class, or one per part of the commune: the zonage cannot refuse the aid, the address decides.
  if (z.undetermined && !aid.zone.classes.includes(z.effective))
    return { status: 'unknown', text: `${NOM} ${z.undetermined} ${words} (${z.zonage})${rule} : éligibilité à préciser.${read}` };
  if (aid.zone.classes.includes(z.effective))
    return { status: 'met', text: future ? `${is} : zone éligible à cette date ; ${future}.${read}` : `${is} : zone éligible.${read}` };
  const ex = aid.zone.exception;
  if (ex?.classes.includes(z.effective)) {
    const r = test(ex.condition, f);
    return { status: r.status, text: `${is} : elle est admise à condition de ${lowerFirst(r.text)}` };
  }
  // A future installation: a commune not eligible today does not refuse the aid.
  if (future) return { status: 'unknown', text: `${is}, hors des ${aid.zone.text} : cela ne refuse pas l'aide, car ${future}.${read}` };
  return { status: 'failed', text: `${sentence(where)} ; ${is}.${read}` };
}

export function validityReason(aid: ResolvedAid, ctx: AidContext, p: Profile): Reason {
  if (aid.withdrawn) return { status: 'failed', text: `${sentence(aid.withdrawn.text)} : « ${aid.withdrawn.quote} ».` };
  const { from, until, planFrom, earlier } = aid.validity;
  const d = dossierDate(ctx, p);
  const when = atDossier(ctx, p);
  if (earlier && planFrom && d < planFrom)
    return { status: 'failed', text: `${p.requestDate ? `Dossier reçu le ${formatDate(d)}` : `Au ${formatDate(d)}`}, avant le ${formatDate(planFrom)} : ${earlier}.` };
  if (from && d < from) return { status: 'failed', text: `Pas encore ouverte ${when} : elle l'est à partir du ${formatDate(from)}.` };
  if (until && d > until) return { status: 'failed', text: `Terminée ${when} : elle était ouverte jusqu'au ${formatDate(until)}.` };
  return { status: 'met', text: `En vigueur ${when}${from ? ` (depuis le ${formatDate(from)}${until ? `, jusqu'au ${formatDate(until)}` : ''})` : ''}.` };
}
