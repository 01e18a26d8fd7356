// Reading the register of dossiers through the project's streaming import (import/table.ts): the same
// report (read = accepted + rejected + ignored), messages naming file, line and column. A row is
// rejected when it cannot be counted (unknown aid, unreadable date or amount, dates out of order); what a
// person must look at but may be right is a warning (amount above what the engine computes, a request
// received outside the fiche's validity, a second grant where the plan forbids it: checks.ts).
import { parseDate, type CommuneResolver } from '../import/fields.ts';
import { q, type ImportReport } from '../import/report.ts';
import { tableSink, runSink, type ImportSink, type RowContext, type SinkOptions, type TableSpec } from '../import/table.ts';
import { normalizeKey } from '../text.ts';
import { formatInteger } from '../format.ts';
import { BENEFICIARIES } from '../aids/profile.ts';
import { DOSSIER_STATUSES, REGISTER_COLUMNS, type Dossier, type DossierStatus } from './model.ts';

export interface RegisterContext {
  /** The catalogue's aids: id, ref (« fiche 8 ») and title, to recognise the aid column. */
  aids: Array<{ id: string; ref: string; title: string }>;
  resolve: CommuneResolver;
  /** Cross-row checks run once every row is read (checks.ts). */
  finish?: (report: ImportReport<Dossier>) => void;
}

const STATUS_KEYS = new Map<string, DossierStatus>(DOSSIER_STATUSES.flatMap((s) => [[normalizeKey(s.id), s.id], [normalizeKey(s.label), s.id]] as Array<[string, DossierStatus]>));
STATUS_KEYS.set('remboursementdemande', 'remboursement');
const KINDS = new Map<string, string>(BENEFICIARIES.flatMap((b) => [[normalizeKey(b.id), b.id], [normalizeKey(b.label), b.id]] as Array<[string, string]>));

/** « 30 000 », « 30 000,50 € », « 30000.5 » → 30000.5; '' → null; anything else → undefined. */
export function parseEuros(text: string): number | null | undefined {
  if (text === '') return null;
  const s = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  return Number(s);
}

const DATE_ORDER: Array<[keyof Dossier, string]> = [
  ['received', 'date_reception'],
  ['decided', 'date_decision'],
  ['convention', 'date_convention'],
  ['paid', 'date_versement'],
];

export function registerSpec(file: string, ctx: RegisterContext): TableSpec<Dossier> {
  const aidKeys = new Map<string, string>();
  for (const a of ctx.aids) {
    aidKeys.set(normalizeKey(a.id), a.id);
    aidKeys.set(normalizeKey(a.ref), a.id);
    // « fiche 17 (devenue fiche 5) » is also written « fiche 17 ».
    aidKeys.set(normalizeKey(a.ref.replace(/\s*\(.*\)$/, '')), a.id);
  }
  const ids = new Set<string>();
  // A register repeats a few aids, kinds and statuses: each spelling is normalised once.
  const memo = <T>(table: Map<string, T>) => {
    const seen = new Map<string, T | undefined>();
    return (text: string) => {
      if (!seen.has(text)) seen.set(text, table.get(normalizeKey(text)));
      return seen.get(text);
    };
  };
  const aidOf = memo(aidKeys);
  const kindOf = memo(KINDS);
  const statusOf = memo(STATUS_KEYS);
  const date = (c: RowContext, key: string) => {
    const v = parseDate(c.get(key));
    if (v === undefined) c.reject(key, `date ${q(c.get(key))} illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA).`);
    return v;
  };
  const amount = (c: RowContext, key: string) => {
    const v = parseEuros(c.get(key));
    if (v === undefined) c.reject(key, `montant ${q(c.get(key))} illisible (attendu un nombre d'euros, ex. 10 000 ou 2500,50).`);
    return v;
  };
  return {
    format: 'projet',
    columns: REGISTER_COLUMNS.map((c) => ({ ...c })),
    quoting: true,
    row(c) {
      const id = c.get('dossier');
      if (!id) return c.reject('dossier', 'numéro de dossier vide.'), undefined;
      if (ids.has(id)) return c.reject('dossier', `numéro de dossier ${q(id)} déjà présent plus haut dans le registre.`), undefined;
      const aidText = c.get('aide');
      const aid = aidOf(aidText);
      if (!aid) return c.reject('aide', `aide ${q(aidText)} inconnue du catalogue (identifiant comme « ${ctx.aids[0]?.id ?? ''} » ou « ${ctx.aids[0]?.ref ?? ''} »).`), undefined;
      const kindText = c.get('beneficiaire_type');
      const kind = kindOf(kindText);
      if (!kind) return c.reject('beneficiaire_type', `type de bénéficiaire ${q(kindText)} inconnu (ex. medecin, interne, commune, centre-sante).`), undefined;
      const beneficiary = c.get('beneficiaire');
      if (!beneficiary) return c.reject('beneficiaire', 'nom du bénéficiaire vide.'), undefined;
      const raw = c.get('code_insee');
      const code = /^\d{4}$/.test(raw) ? `0${raw}` : raw.toUpperCase();
      const found = /^(\d{5}|2[AB]\d{3})$/.test(code) ? ctx.resolve(code) : undefined;
      if (!found) return c.reject('code_insee', `code INSEE ${q(raw)} inconnu dans ce territoire.`), undefined;
      if (found.former) c.warn('code_insee', `ancien code ${code} (${found.former.nom}) rattaché à la commune actuelle ${found.commune.code} ${found.commune.nom}.`);
      const statusText = c.get('statut');
      const status = statusOf(statusText);
      if (!status) return c.reject('statut', `statut ${q(statusText)} inconnu (${DOSSIER_STATUSES.map((s) => s.label).join(', ')}).`), undefined;
      const received = date(c, 'date_reception');
      if (received === null) return c.reject('date_reception', 'date de réception vide.'), undefined;
      const d: Dossier = {
        line: c.line,
        id,
        aid,
        beneficiaryKind: kind,
        beneficiary,
        commune: found.commune.code,
        received: received as string,
        event: date(c, 'date_evenement') ?? null,
        decided: date(c, 'date_decision') ?? null,
        convention: date(c, 'date_convention') ?? null,
        paid: date(c, 'date_versement') ?? null,
        commitmentEnd: date(c, 'fin_engagement') ?? null,
        requested: amount(c, 'montant_demande') ?? null,
        granted: amount(c, 'montant_accorde') ?? null,
        paidAmount: amount(c, 'montant_verse') ?? null,
        units: null,
        status,
        commitment: c.get('engagement'),
        notes: c.get('notes'),
      };
      const units = c.get('unites');
      if (units !== '') {
        if (!/^\d{1,4}$/.test(units)) c.reject('unites', `nombre ${q(units)} illisible (entier attendu).`);
        else d.units = Number(units);
      }
      if (received === undefined) return undefined;
      // Dates in the order a dossier lives: received, decided, convention signed, paid.
      let before: [string, string] | undefined;
      for (const [k, col] of DATE_ORDER) {
        const v = d[k] as string | null;
        if (!v) continue;
        if (before && v < before[0]) return c.reject(col, `${v} précède ${before[1]} (${before[0]}) : les dates vont de la réception à la décision, à la convention puis au versement.`), undefined;
        before = [v, col];
      }
      if (d.commitmentEnd && d.commitmentEnd < d.received) return c.reject('fin_engagement', `${d.commitmentEnd} précède la date de réception (${d.received}).`), undefined;
      if ((status === 'accorde' || status === 'verse' || status === 'clos') && d.granted === null) return c.reject('montant_accorde', `montant accordé vide pour un dossier « ${statusLabel(status)} ».`), undefined;
      if (status === 'verse' && (d.paid === null || d.paidAmount === null)) c.warn(d.paid === null ? 'date_versement' : 'montant_verse', 'dossier « versé » sans date ou montant de versement.');
      if (d.paidAmount !== null && d.granted !== null && d.paidAmount > d.granted)
        c.warn('montant_verse', `montant versé (${formatInteger(d.paidAmount)} €) supérieur au montant accordé (${formatInteger(d.granted)} €).`);
      if (status === 'refuse' && d.granted) c.warn('montant_accorde', 'dossier refusé avec un montant accordé : il ne compte pas dans l\'enveloppe.');
      ids.add(id);
      return d;
    },
    finish: ctx.finish,
  };
}

const statusLabel = (s: DossierStatus) => DOSSIER_STATUSES.find((x) => x.id === s)!.label;

/** A streaming sink over the register's CSV bytes. */
export function registerSink(file: string, ctx: RegisterContext, options?: SinkOptions): ImportSink<Dossier> {
  const spec = registerSpec(file, ctx);
  return tableSink(file, () => spec, options);
}

export const importRegister = (file: string, bytes: Uint8Array, ctx: RegisterContext, options?: SinkOptions) => runSink(registerSink(file, ctx, options), bytes);

/** The minimal slice of @e965/xlsx used here: the library is handed in, so only its callers load it. */
export interface XlsxLib {
  read(data: Uint8Array, opts: { type: 'array'; cellDates?: boolean; dense?: boolean }): { SheetNames: string[]; Sheets: Record<string, unknown> };
  utils: { sheet_to_csv(sheet: unknown, opts: { FS: string; RS: string; blankrows: boolean; dateNF?: string; rawNumbers?: boolean }): string };
}

/**
 * An XLSX register read as the CSV its first sheet would save (blank rows kept, so line numbers are the
 * sheet's row numbers), then through the same reader: one report for both formats.
 */
export function xlsxRegisterBytes(bytes: Uint8Array, xlsx: XlsxLib): Uint8Array {
  const book = xlsx.read(bytes, { type: 'array', cellDates: true, dense: true });
  const sheet = book.Sheets[book.SheetNames[0]];
  const csv = xlsx.utils.sheet_to_csv(sheet, { FS: ';', RS: '\n', blankrows: true, dateNF: 'yyyy-mm-dd', rawNumbers: true });
  return new TextEncoder().encode(csv);
}

/** XLSX files start as ZIP archives. */
export const isXlsx = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
