// The « Plan » tab's state: the published follow-up (aggregates, small counts hidden) and, in the staff
// space, the register the chargée de mission opens from her computer — read in the page, never uploaded,
// never stored under public/. With it, every figure is exact and the deadlines are listed.
import { createContext } from 'svelte';
import type { TerritoryData } from '../app/load.ts';
import type { ZonageBundle } from '../../core/zonage/bundle.ts';
import type { ResolvedAid } from '../../core/aids/model.ts';
import { communeResolver } from '../../core/import/fields.ts';
import { failedReport, type ImportReport } from '../../core/import/report.ts';
import type { Dossier } from '../../core/followup/model.ts';
import type { Followup } from '../../core/followup/schema.ts';
import { importRegister, isXlsx, xlsxRegisterBytes } from '../../core/followup/register-import.ts';
import { addFindings, checkDossiers } from '../../core/followup/checks.ts';
import { envelopeOf } from '../../core/followup/envelope.ts';
import { ficheSummaries } from '../../core/followup/indicators.ts';
import { deadlinesOf } from '../../core/followup/deadlines.ts';
import { MIN_PUBLIC, publicFollowup, type PublicFollowup } from '../../core/followup/aggregates.ts';
import { asOfDate } from '../../core/followup/summary.ts';

export interface PublishedFollowup {
  followup: Followup;
  aggregates: PublicFollowup;
}

/** A register larger than this is refused in the browser (the CLI streams any size). */
const MAX_BYTES = 50 * 1024 * 1024;

export class PlanState {
  published = $state.raw<PublishedFollowup | null>(null);
  loadError = $state<string | null>(null);
  register = $state.raw<{ name: string; report: ImportReport<Dossier>; example?: boolean } | null>(null);
  reading = $state(false);
  /** The date the deadlines are read from (today by default). */
  deadlineDate = $state('');

  constructor(
    readonly data: TerritoryData,
    readonly bundle: ZonageBundle,
    readonly today: string,
  ) {
    this.deadlineDate = today;
  }

  get followup(): Followup | undefined {
    return this.published?.followup;
  }

  get planAids(): ResolvedAid[] {
    const f = this.followup;
    return f ? this.data.aids.aids.filter((a) => a.plan === f.plan) : [];
  }

  get plan() {
    return this.data.aids.plans.find((p) => p.id === this.followup?.plan);
  }

  /** The register's dossiers of this plan, once a register is opened without a file error. */
  dossiers = $derived.by(() => {
    const ids = new Set(this.planAids.map((a) => a.id));
    return this.register ? this.register.report.rows.filter((d) => ids.has(d.aid)) : null;
  });

  /** An opened register is the shipped example when its bytes are the ones the published aggregates came from. */
  get example(): boolean {
    return this.register ? this.register.example === true : (this.published?.aggregates.example ?? false);
  }

  /** The tables shown: exact from the opened register, else the published aggregates. */
  view = $derived.by(() => this.aggregates(0));
  /** What may be published: small counts hidden, even from an opened register (the CSV export). */
  publicView = $derived.by(() => this.aggregates(MIN_PUBLIC));

  private aggregates(min: number): PublicFollowup | null {
    const f = this.followup;
    const dossiers = this.dossiers;
    if (!f) return null;
    if (!dossiers) return this.published!.aggregates;
    const asOf = asOfDate(dossiers, this.today);
    return publicFollowup({ territory: this.data.id, plan: f.plan, example: this.example, asOf, sha256: '', dossiers, envelope: envelopeOf(f, dossiers, asOf), fiches: ficheSummaries(dossiers, f, this.planAids.map((a) => a.id)) }, min);
  }

  warnings = $derived.by(() => (this.followup && this.dossiers ? envelopeOf(this.followup, this.dossiers, asOfDate(this.dossiers, this.today)).warnings : []));

  deadlines = $derived.by(() => (this.dossiers ? deadlinesOf(this.dossiers, this.planAids, this.followup, this.deadlineDate || this.today) : null));

  async load(): Promise<void> {
    try {
      const r = await fetch(`${import.meta.env.BASE_URL}data/${this.data.id}/suivi.json`);
      if (r.status === 404) return void (this.loadError = "Pas de suivi de plan publié pour ce territoire.");
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      this.published = (await r.json()) as PublishedFollowup;
    } catch (e) {
      this.loadError = `Le suivi du plan n'a pas pu être chargé (${(e as Error).message}).`;
    }
  }

  /** Reads a register (CSV, or XLSX through the library loaded now) with the same checks as the CLI. */
  async open(file: File): Promise<void> {
    const f = this.followup;
    if (!f) return;
    this.reading = true;
    try {
      if (file.size > MAX_BYTES) return void (this.register = { name: file.name, report: failedReport(file.name, `${file.name} : fichier de ${Math.round(file.size / 1e6)} Mo, au-delà des 50 Mo lus dans le navigateur ; utilisez la commande « suivi check ».`) });
      let bytes: Uint8Array = new Uint8Array(await file.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
      const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
      const example = this.published!.aggregates.example && sha256 === this.published!.aggregates.source.sha256;
      if (isXlsx(bytes)) {
        try {
          bytes = xlsxRegisterBytes(bytes, await import('@e965/xlsx'));
        } catch (e) {
          return void (this.register = { name: file.name, report: failedReport(file.name, `${file.name} : classeur XLSX illisible (${(e as Error).message}).`) });
        }
      }
      const reference = this.data.reference;
      const aids = this.data.aids.aids;
      const engine = { bundle: this.bundle, commune: (code: string) => { const c = reference.get(code); return c && { code: c.code, nom: c.nom, population: c.population }; } };
      const report = importRegister(file.name, bytes, { aids, resolve: communeResolver([...reference.values()]), finish: (r) => addFindings(r, checkDossiers(r.rows, { aids, followup: f, engine })) });
      this.register = { name: file.name, report, example };
    } finally {
      this.reading = false;
    }
  }

  close(): void {
    this.register = null;
  }
}

export const [getPlan, setPlan] = createContext<PlanState>();
