// FINESS « structures », the publication that replaced the etalab CSV in May 2026: one gzipped,
// pretty-printed JSON object {schemaVersion, generatedAt, gcc, gco, pmej[]}; establishments are
// pmej[].ege[]. Read as a stream (fflate's Gunzip, then a streaming JSON parser emitting one legal
// entity at a time), so the national file never sits in memory. The real files differ from the published
// schema (../shared/formats/README.md): both spellings of the category are read.
import { Gunzip } from 'fflate';
import { JSONParser } from '@streamparser/json';
import type { CommuneResolver } from '../fields.ts';
import { FINESS_PHARMACY, finessPharmacy } from './finess-csv.ts';
import type { Pharmacy } from '../../zonage/model.ts';
import { count, formatInteger } from '../../format.ts';

/** Inflated bytes the parser may read without completing a value: an establishment is a few kilobytes. */
export const MAX_VALUE_BYTES = 8 << 20;
/** The national file inflates about 30 times (33 for the bench's realistic one); more than this is a bomb. */
export const MAX_RATIO = 100;
/** Compressed bytes read before the ratio is judged (a start of file may compress better than the rest). */
const RATIO_FLOOR = 64 << 10;
import { MAX_LISTED, emptyReport, q, type ImportReport, type RowError } from '../report.ts';
import type { ImportSink, RowContext, SinkOptions } from '../table.ts';

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The category code: `categorieentiteGeographiqueExercice: "620"` (real files) or `{code: "620"}` (schema). */
function categoryOf(ege: Json): string {
  const info = obj(ege.informationsGeneralesEGE ?? ege.informationsGeneralesEge);
  for (const holder of [ege, info]) {
    for (const key of ['categorieentiteGeographiqueExercice', 'categorieEntiteGeographiqueExercice']) {
      const v = holder[key];
      if (typeof v === 'string') return v.trim();
      if (v && typeof v === 'object') return str((v as Json).code);
    }
  }
  return '';
}

/** The establishment's commune: its own address (usage 03) first, else the first address with a code. */
function communeOf(ege: Json): string {
  const addresses = arr(ege.adresse).map(obj);
  const own = addresses.find((a) => str(a.usageAdresse) === '03' && str(a.cogCommune)) ?? addresses.find((a) => str(a.cogCommune));
  return own ? str(own.cogCommune) : '';
}

/** True when the first bytes are gzip or a JSON object: the FINESS « structures » publication. */
export function isFinessJson(head: Uint8Array): boolean {
  if (head[0] === 0x1f && head[1] === 0x8b) return true;
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i] === 0x7b; // {
}

export function finessJsonSink(file: string, opts: { resolve: CommuneResolver }, options: SinkOptions = {}): ImportSink<Pharmacy> {
  const report: ImportReport<Pharmacy> = { ...emptyReport<Pharmacy>(file), format: 'finess-json', separator: '' };
  const seen = new Map<string, number>();
  let gunzip: Gunzip | undefined;
  let started = false;
  let failed = false;
  let sawPmej = false;

  // Each establishment is emitted alone and dropped from its entity once read, so an entity holding
  // millions of them is streamed; the other top-level lists (gcc, gco) are emitted item by item and dropped.
  const parser = new JSONParser({ paths: ['$.pmej.*.ege.*', '$.pmej.*', '$.gcc.*', '$.gco.*', '$.schemaVersion'], keepStack: false });
  let inflated = 0;
  let consumed = 0; // compressed bytes given to gunzip so far
  let sinceValue = 0; // inflated bytes fed since the last value emitted: what the parser may be holding
  parser.onValue = ({ value, key, parent, stack }) => {
    sinceValue = 0;
    if (key === 'schemaVersion') {
      if (typeof value === 'string' && !value.startsWith('v1')) warn({ message: `${file} : version de schéma ${q(value)} ; ce lecteur suit la v1, vérifiez le rapport.` });
      return;
    }
    if (Array.isArray(parent)) parent.length = 0;
    if (stack[1]?.key !== 'pmej') return;
    sawPmej = true;
    if (stack.length > 2) establishment(obj(value));
  };
  function warn(w: { line?: number; field?: string; message: string }) {
    report.warningCount++;
    if (report.warnings.length < MAX_LISTED) report.warnings.push(w);
  }

  function establishment(ege: Json): void {
    const n = ++report.read; // establishments are numbered in file order: the « line » of this format
    const info = obj(ege.informationsGeneralesEGE ?? ege.informationsGeneralesEge);
    const finess = str(info.numFinessEge);
    const where = `${file}, établissement n° ${n}${finess ? ` (FINESS ${finess.slice(0, 20)})` : ''}`;
    let rejected = false;
    let ignored = false;
    const ctx: RowContext = {
      line: n,
      get: () => '',
      reject: (field, message) => {
        if (rejected) return;
        rejected = true;
        const e: RowError = { line: n, field, message: `${where}, champ « ${field} » : ${message}` };
        report.rejectedCount++;
        if (report.rejected.length < MAX_LISTED) report.rejected.push(e);
        options.onReject?.(e);
      },
      warn: (field, message) => warn({ line: n, field, message: `${where}, champ « ${field} » : ${message}` }),
      ignore: (reason) => {
        ignored = true;
        report.ignored[reason] = (report.ignored[reason] ?? 0) + 1;
      },
    };
    if (categoryOf(ege) !== FINESS_PHARMACY) return ctx.ignore("autre catégorie que pharmacie d'officine (620)");
    const code = communeOf(ege);
    if (!code) return ctx.reject('adresse.cogCommune', 'aucune adresse avec un code commune.');
    const p = finessPharmacy(ctx, seen, opts.resolve, {
      finess,
      code,
      opened: str(info.dateOuverture),
      closed: str(info.dateFermeture),
      nom: str(info.nomEgeLong) || str(info.nomEgeCourt),
      fields: { number: 'numFinessEge', commune: 'adresse.cogCommune', opened: 'dateOuverture', closed: 'dateFermeture' },
    });
    if (ignored || rejected) return;
    if (!p) return ctx.reject('', 'établissement non lu.');
    if (options.keepRows !== false) report.rows.push(p);
    report.accepted++;
  }

  // Fed in slices so that a value growing without end (one huge string, an entity of millions of
  // items outside « ege », a bomb of blanks) is refused after MAX_VALUE_BYTES, not held in memory.
  const feed = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length && !failed; i += 1 << 16) {
      const slice = bytes.subarray(i, i + (1 << 16));
      inflated += slice.length;
      sinceValue += slice.length;
      if (sinceValue > MAX_VALUE_BYTES) return fail(`une valeur ou un établissement de plus de ${formatInteger(MAX_VALUE_BYTES / 1e6)} Mo sans fin (chaîne démesurée, liste sans fin ou archive piégée) : ce n'est pas un fichier FINESS ordinaire`);
      if (gunzip && inflated > MAX_RATIO * Math.max(consumed, RATIO_FLOOR)) return fail(`archive qui se décompresse plus de ${MAX_RATIO} fois (archive piégée ?)`);
      try {
        parser.write(slice);
      } catch (e) {
        fail(`JSON illisible (${(e as Error).message})`);
      }
    }
  };

  function fail(why: string) {
    failed = true;
    report.fileErrors.push(`${file} : ${why} après ${count(report.read, 'établissement', 'établissements')} ; la suite du fichier n'a pas été lue.`);
  }

  return {
    write(chunk) {
      report.bytes += chunk.length;
      if (failed) return;
      if (!started) {
        started = true;
        report.encoding = 'utf-8';
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) gunzip = new Gunzip((data) => feed(data));
      }
      try {
        // Small compressed slices keep each inflated piece small (gzip inflates JSON about 30 times).
        if (gunzip) for (let i = 0; i < chunk.length && !failed; i += 1 << 14) {
          const slice = chunk.subarray(i, i + (1 << 14));
          consumed += slice.length;
          gunzip.push(slice);
        }
        else feed(chunk);
      } catch (e) {
        fail(`archive gzip illisible (${(e as Error).message})`);
      }
    },
    end() {
      if (!started) report.fileErrors.push(`${file} : fichier vide.`);
      else if (!failed) {
        try {
          gunzip?.push(new Uint8Array(0), true);
          if (!failed && !parser.isEnded) parser.end();
        } catch (e) {
          if (!failed) fail(`fichier tronqué (${(e as Error).message})`);
        }
        if (!failed && !sawPmej) report.fileErrors.push(`${file} : aucun tableau « pmej » : ce n'est pas un fichier FINESS « structures ».`);
      }
      if (!report.fileErrors.length && report.read === 0) warn({ message: `${file} : aucun établissement dans le fichier.` });
      const ignored = Object.values(report.ignored).reduce((a, b) => a + b, 0);
      if (report.accepted + report.rejectedCount + ignored + report.unread !== report.read) throw new Error(`Comptage incohérent pour ${file}.`);
      return report;
    },
    progress: () => ({ bytes: report.bytes, rows: report.read }),
    done: () => failed,
  };
}
