// The register's checks across rows and against the plan, run once every row is read: each fiche open
// at the dossier's received date, the amount granted within what the engine computes for that
// beneficiary, commune and date, the request within the plan's deadline, and no second grant of an aid
// the plan gives once. All are warnings naming line and column: the chargée de mission decides.
import { evaluateAid } from '../aids/evaluate.ts';
import { communeContext } from '../aids/context.ts';
import { euros } from '../aids/wording.ts';
import type { ResolvedAid } from '../aids/model.ts';
import type { ZonageBundle } from '../zonage/bundle.ts';
import { MAX_LISTED, type ImportReport } from '../import/report.ts';
import { formatDate } from '../format.ts';
import { normalizeKey } from '../text.ts';
import type { Profile } from '../aids/profile.ts';
import { COMMITTED, type Dossier } from './model.ts';
import type { Followup } from './schema.ts';
import { lateRequest } from './deadlines.ts';

export interface CheckContext {
  aids: ResolvedAid[];
  followup?: Followup;
  /** The zonage and the communes, for the engine's amount; without them the amount is not checked. */
  engine?: { bundle: ZonageBundle; commune: (code: string) => { code: string; nom: string; population: number | null } | undefined };
}

export interface Finding {
  line: number;
  field: string;
  message: string;
}

/** The engine's most for a dossier: its amount, else its ceiling; null when the plan sets none. */
function engineAmount(aid: ResolvedAid, d: Dossier, ctx: CheckContext, memo: Map<string, ReturnType<typeof evaluateAid> | undefined>) {
  const key = `${aid.id}|${d.commune}|${d.received}|${d.event ?? ''}|${d.beneficiaryKind}`;
  if (memo.has(key)) return memo.get(key);
  const c = ctx.engine!.commune(d.commune);
  const profile: Profile = { beneficiary: d.beneficiaryKind as Profile['beneficiary'], requestDate: d.received, ...(d.event ? { eventDate: d.event } : {}) };
  const r = c ? evaluateAid(aid, communeContext(ctx.engine!.bundle, c, d.received), profile) : undefined;
  if (memo.size > 100_000) memo.clear();
  memo.set(key, r);
  return r;
}

/** Every finding on the register, in line order. */
export function checkDossiers(dossiers: Dossier[], ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const aids = new Map(ctx.aids.map((a) => [a.id, a]));
  const memo = new Map<string, ReturnType<typeof evaluateAid> | undefined>();
  const granted = new Map<string, Dossier>();
  for (const d of dossiers) {
    const aid = aids.get(d.aid);
    if (!aid) continue;
    const name = `${aid.title} (${aid.ref})`;
    const before = out.length;
    const { from, until, planFrom, earlier } = aid.validity;
    if (aid.withdrawn) out.push({ line: d.line, field: 'aide', message: `${name} : ${aid.withdrawn.text} ; aucun dossier ne devrait y être rattaché.` });
    else if (earlier && planFrom && d.received < planFrom) out.push({ line: d.line, field: 'date_reception', message: `reçu le ${formatDate(d.received)}, avant le ${formatDate(planFrom)} : ${earlier}.` });
    else if (from && d.received < from) out.push({ line: d.line, field: 'date_reception', message: `reçu le ${formatDate(d.received)} : ${name} n'ouvre que le ${formatDate(from)}.` });
    else if (until && d.received > until) out.push({ line: d.line, field: 'date_reception', message: `reçu le ${formatDate(d.received)} : ${name} était ouverte jusqu'au ${formatDate(until)}.` });
    const late = lateRequest(aid, d);
    if (late) out.push({ line: d.line, field: 'date_reception', message: late });
    const committed = COMMITTED.includes(d.status);
    if (committed && d.granted !== null && ctx.engine && aid.kind === 'financiere') {
      const r = engineAmount(aid, d, ctx, memo);
      const most = r ? (r.amount ?? r.ceiling) : null;
      if (!r) out.push({ line: d.line, field: 'code_insee', message: `commune ${d.commune} absente du zonage : montant non vérifié.` });
      else if (r.eligible === 'no' && out.length === before && r.blocker) out.push({ line: d.line, field: 'aide', message: `d'après le moteur, ${name} n'était pas ouverte pour ce dossier : ${r.blocker}` });
      else if (most !== null && d.granted > most)
        out.push({ line: d.line, field: 'montant_accorde', message: `montant accordé ${euros(d.granted)} supérieur à ce que le moteur calcule pour ce bénéficiaire à ${ctx.engine.commune(d.commune)?.nom ?? d.commune} au ${formatDate(d.received)} (${euros(most)}, ${aid.ref}).` });
    }
    // A second grant of an aid given once to the same beneficiary (names compared without case or accents).
    const once = aid.once || ctx.followup?.fiches[aid.id]?.once;
    if (once && committed) {
      const key = `${aid.id}|${d.beneficiaryKind}|${normalizeKey(d.beneficiary)}`;
      const first = granted.get(key);
      if (first) out.push({ line: d.line, field: 'beneficiaire', message: `même bénéficiaire que le dossier ${first.id} (ligne ${first.line}) : ${name} ne s'accorde qu'une fois${ctx.followup?.fiches[aid.id]?.once ? ` (« ${ctx.followup.fiches[aid.id].once!.quote} »)` : ''}.` });
      else granted.set(key, d);
    }
  }
  return out;
}

/** Adds the findings to an import report as warnings (the first MAX_LISTED listed, all counted). */
export function addFindings(report: ImportReport<Dossier>, findings: Finding[]): void {
  for (const f of findings) {
    report.warningCount++;
    if (report.warnings.length < MAX_LISTED) report.warnings.push({ line: f.line, field: f.field, message: `${report.file}, ligne ${f.line}, colonne « ${f.field} » : ${f.message}` });
  }
}
