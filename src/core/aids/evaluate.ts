// One engine for every aid: for a commune, a date and a profile, each aid says whether it is open
// (yes / no / depends), how much, with what commitments and deadlines, and why — one reason per
// condition, met, failed or still to be specified, each saying which date it used.
import { addMonths, periodEnd } from '../dates.ts';
import { formatDate, formatNumber } from '../format.ts';
import type { ZoneAt } from '../zonage/resolver.ts';
import { beneficiaryLabel, beneficiaryPlural, deriveProfile, semesterStart, type Profile } from './profile.ts';
import type { ResolvedAid } from './model.ts';
import type { AidContext } from './context.ts';
import type { AidResult, Reason } from './result.ts';
import { test, type Facts } from './conditions.ts';
import { amountText, computeAmount } from './amounts.ts';
import { dossierDate, lookup, validityReason, zoneDateOf, zoneReason } from './reasons.ts';
import { named, template } from './commune-words.ts';
import { euros, label, sentence, show, within } from './wording.ts';
import { lowerFirst } from '../text.ts';

/** Evaluates one aid. `profile` is used as given; evaluateAids derives implied facts first. */
export function evaluate(aid: ResolvedAid, ctx: AidContext, profile: Profile, z: ZoneAt | undefined, zoneWords: string): AidResult {
  const nameOf = ctx.nameOf ?? ((id: string) => `« ${id} »`);
  const f: Facts = { profile, population: ctx.commune.population };
  const reasons: Reason[] = [validityReason(aid, ctx, profile)];

  if (profile.beneficiary) {
    const ok = (aid.beneficiaries as string[]).includes(profile.beneficiary);
    const note = aid.beneficiaryNotes?.[profile.beneficiary];
    reasons.push({
      status: ok ? 'met' : 'failed',
      text: ok
        ? `L'aide s'adresse aux ${beneficiaryPlural(profile.beneficiary)}, votre profil.${note ? ` ${sentence(note)}` : ''}`
        : `L'aide est réservée aux ${aid.beneficiaries.map(beneficiaryPlural).join(', ')} ; votre profil : ${lowerFirst(beneficiaryLabel(profile.beneficiary))}.`,
    });
  }
  if (!aid.withdrawn) reasons.push(zoneReason(aid, z, zoneWords, f));
  for (const c of aid.conditions) reasons.push(test(c, f));

  if (aid.once && profile.otherAids !== undefined)
    reasons.push(profile.otherAids.includes(aid.id) ? { status: 'failed', text: "L'aide ne s'obtient qu'une fois par bénéficiaire, et elle a déjà été obtenue." } : { status: 'met', text: "L'aide ne s'obtient qu'une fois par bénéficiaire ; elle n'a pas encore été obtenue." });
  for (const other of aid.cumulation?.exclusive ?? [])
    if (profile.otherAids?.includes(other)) reasons.push({ status: 'failed', text: `Elle n'est pas cumulable avec ${nameOf(other)}, déjà obtenue.` });
  const alt = aid.cumulation?.alternative;
  if (alt) {
    const taken = alt.ids.find((id) => profile.otherAids?.includes(id));
    reasons.push({ status: taken ? 'failed' : 'met', text: `Interprétation : ${alt.text}${taken ? ` ; ${nameOf(taken)} est déjà obtenue pour ce projet` : ''}.` });
  }
  if (aid.amount.type === 'shareOfCost')
    reasons.push({
      status: 'met',
      text: `Interprétation : une opération a un seul coût ; avec les autres aides calculées sur le même ${label(aid.amount.cost ?? 'projectCost').replace(' (€)', '')}, le total ne dépasse pas ${formatNumber(aid.amount.share * 100)} % de ce coût.`,
    });

  const deadlines = aid.deadlines.map((d) => {
    const base = profile[d.from];
    const req = d.check ? profile[d.check] : undefined;
    if (d.before) {
      if (d.check)
        reasons.push(
          !req || !base
            ? { status: 'unknown', text: `${d.label} avant ${d.event} : à préciser (renseignez : ${[!req && label(d.check), !base && label(d.from)].filter(Boolean).join(', ')}).` }
            : req < base
              ? { status: 'met', text: `${d.label} avant ${d.event} : oui (le ${formatDate(req)}, avant le ${formatDate(base)}).` }
              : { status: 'failed', text: `${d.label} avant ${d.event} : non (le ${formatDate(req)}, ${d.event} le ${formatDate(base)}).` },
        );
      return { label: d.label, date: base ?? null, text: `${d.label} : avant ${d.event}${base ? ` (le ${formatDate(base)})` : ''}.` };
    }
    const limit = base ? addMonths(base, d.months!) : null;
    const rule = `${d.label} ${within(d.months!)} ${d.event}`;
    if (d.check)
      reasons.push(
        !req || !limit
          ? { status: 'unknown', text: `${rule} : à préciser (renseignez : ${[!req && label(d.check), !base && label(d.from)].filter(Boolean).join(', ')}).` }
          : req < base!
            ? { status: 'unknown', text: `${rule} : à préciser, car la demande (le ${formatDate(req)}) précède ${d.event} (le ${formatDate(base!)}) ; elle sera à confirmer ensuite, au plus tard le ${formatDate(limit)}.` }
            : req <= limit
              ? { status: 'met', text: `${rule} : oui (le ${formatDate(req)}, limite le ${formatDate(limit)}).` }
              : { status: 'failed', text: `${rule} : non (le ${formatDate(req)}, limite dépassée le ${formatDate(limit)}).` },
      );
    return {
      label: d.label,
      date: limit,
      text: limit ? `${d.label} : au plus tard le ${formatDate(limit)} (${d.months} mois après ${d.event}).` : `${d.label} : au plus tard ${d.months} mois après ${d.event} ; renseignez cette date pour obtenir la date limite.`,
    };
  });

  // Combined with an aid the beneficiary already has (fiche 7 then fiche 8), the commitment is longer.
  const combined = aid.cumulation?.combined?.find((c) => profile.otherAids?.includes(c.with));
  const commitments = aid.commitments.map((c) => {
    const years = c.years !== undefined && combined ? combined.commitmentYears : c.years;
    const text = years !== c.years ? `${c.text.replace(`${c.years} ans`, `${years} ans`)} (cumul avec ${nameOf(combined!.with)})` : c.text;
    const until = years !== undefined && c.from !== 'installation' && profile.eventDate ? periodEnd(profile.eventDate, years * 12) : null;
    return { text: until ? `${text}, jusqu'au ${formatDate(until)}` : text, until };
  });

  const value = computeAmount(aid.amount, dossierDate(ctx, profile), profile, z);
  // What the amount still needs, unless a condition already asks for it.
  const asked = new Set(reasons.filter((r) => r.status === 'unknown').map((r) => r.text));
  const missing = [...new Set(value.missing)].filter((m) => ![...asked].some((t) => t.includes(label(m))));
  if (missing.length && !aid.withdrawn)
    reasons.push({
      status: 'unknown',
      text: `Le montant est à préciser (renseignez : ${missing.map(label).join(', ')})${value.ceiling ? ` ; il sera au plus de ${euros(value.ceiling)}` : ''}.`,
    });
  if (aid.amount.type === 'schedule' && profile.internshipSemester !== undefined && profile.internshipStartDate)
    reasons.push({ status: 'met', text: `La bourse est rétroactive au premier jour du semestre en cours (${show('internshipSemester', profile.internshipSemester)}, commencé le ${formatDate(semesterStart(profile.internshipStartDate, profile.internshipSemester))}).` });

  const failed = reasons.find((r) => r.status === 'failed');
  const eligible = failed ? 'no' : reasons.some((r) => r.status === 'unknown') ? 'depends' : 'yes';
  return {
    id: aid.id,
    title: aid.title,
    kind: aid.kind,
    beneficiaries: aid.beneficiaries,
    summary: aid.summary,
    source: aid.source,
    eligible,
    amount: eligible === 'no' ? null : value.amount,
    ceiling: value.ceiling,
    amountText: amountText(aid, value, eligible),
    commitments,
    deadlines,
    reasons,
    blocker: failed?.text,
  };
}

/** The zone an aid reads for this profile (at the dossier date or on the eve of the installation). */
function zoneFor(aid: ResolvedAid, ctx: AidContext, p: Profile) {
  if (!aid.zone) return { z: undefined, words: '' };
  const when = zoneDateOf(aid, ctx, p);
  return lookup(ctx, aid.zone.profession, when.date, when.words);
}

export function evaluateAid(aid: ResolvedAid, ctx: AidContext, profile: Profile = {}): AidResult {
  const p = deriveProfile(profile, dossierDate(ctx, profile));
  const { z, words } = zoneFor(aid, ctx, p);
  return named(template(evaluate(aid, ctx, p, z, words)), { nom: ctx.commune.nom, population: ctx.commune.population });
}
