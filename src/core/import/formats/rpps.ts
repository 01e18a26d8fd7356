// Annuaire santé, extraction « PS_LibreAcces_Personne_activite » (pipe-separated, never
// quoted, one row per activity). It carries no dates: a row is a professional practising on the
// extraction date.
import type { Practitioner } from '../../zonage/model.ts';
import { normalizeKey } from '../../text.ts';
import { q } from '../report.ts';
import type { TableSpec } from '../table.ts';
import { RPPS_ID, type CommuneResolver } from '../fields.ts';

/** True when a header line is the RPPS extraction's (pipe-separated, « Identifiant PP », « Code profession »). */
export const isRppsHeader = (line: string) => {
  const k = normalizeKey(line.slice(0, 2000));
  return k.includes('identifiantpp') && k.includes('codeprofession');
};

/** RPPS profession codes (TRE_G15) → our ids. */
// A Map: a code read from a file (« __proto__ », « constructor ») must not reach Object.prototype.
const RPPS_PROFESSIONS = new Map<string, string>([
  ['10', 'medecin-generaliste'], // only with a general-medicine savoir-faire, see below
  ['40', 'chirurgien-dentiste'],
  ['50', 'sage-femme'],
  ['60', 'infirmier'],
  ['70', 'masseur-kinesitherapeute'],
  ['91', 'orthophoniste'],
]);
/** Savoir-faire codes of general medicine (TRE_R38): qualifié, spécialiste, médecine générale. */
const GENERAL_MEDICINE = new Set(['SM26', 'SM53', 'SM54']);

export function rppsSpec(opts: { resolve: CommuneResolver }): TableSpec<Practitioner> {
  const seen = new Set<string>();
  const named = (key: string) => ({ key, label: key, required: false });
  return {
    format: 'rpps',
    quoting: false,
    separator: '|',
    columns: [
      { key: 'Identifiant PP', label: 'Identifiant PP', required: true },
      { key: 'Code profession', label: 'Code profession', required: true },
      { key: 'Code savoir-faire', label: 'Code savoir-faire', required: true },
      named('Libellé savoir-faire'),
      { key: 'Code mode exercice', label: 'Code mode exercice', required: true },
      { key: 'Code commune (coord. structure)', label: 'Code commune (coord. structure)', required: true },
      named("Nom d'exercice"),
      named("Prénom d'exercice"),
    ],
    row: (ctx) => {
      let profession = RPPS_PROFESSIONS.get(ctx.get('Code profession'));
      if (profession === 'medecin-generaliste') {
        const general = GENERAL_MEDICINE.has(ctx.get('Code savoir-faire')) || normalizeKey(ctx.get('Libellé savoir-faire')).includes('medecinegenerale');
        if (!general) profession = '';
      }
      if (!profession) return ctx.ignore('autre profession ou spécialité'), undefined;
      const code = ctx.get('Code commune (coord. structure)');
      if (!code) return ctx.ignore('activité sans code commune'), undefined;
      const r = opts.resolve(code);
      if (!r) return ctx.ignore('hors territoire'), undefined;
      if (r.former) ctx.warn('Code commune (coord. structure)', `ancien code ${code} (${r.former.nom}) rattaché à la commune actuelle ${r.commune.code} ${r.commune.nom}.`);
      const m = ctx.get('Code mode exercice');
      const mode = m === 'L' ? 'liberal' : m === 'S' ? 'salarie' : undefined;
      if (!mode) return ctx.ignore('mode bénévole ou non renseigné'), undefined;
      const rpps = ctx.get('Identifiant PP');
      // The normalized register accepts 11-digit identifiers only: refuse here what publishing would refuse.
      if (!RPPS_ID.test(rpps)) return ctx.reject('Identifiant PP', `identifiant RPPS ${q(rpps)} invalide (11 chiffres).`), undefined;
      const key = `${rpps}/${r.commune.code}/${profession}`;
      // One person with two sites in the same commune counts once there.
      if (seen.has(key)) return ctx.ignore('seconde activité dans la même commune'), undefined;
      seen.add(key);
      const nom = [ctx.get("Prénom d'exercice"), ctx.get("Nom d'exercice")].filter(Boolean).join(' ');
      return { commune: r.commune.code, profession, mode, start: null, end: null, rpps, ...(nom ? { nom } : {}) };
    },
  };
}
