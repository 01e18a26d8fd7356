// ARS lists keyed by commune name and postal code (the GPs' file, annex lists typed by hand): each row is
// resolved against the official commune list, insensitive to case, accents, hyphens, apostrophes and
// St/Ste, by current, delegated or arrondissement name, the postal code with or without its leading zero.
// A row matching no commune or several is rejected with its candidates. Pure: takes the decoded text, and gives
// the import's report, its rows the entries.
import { detectSeparator, textLines, textRecords } from '../import/records.ts';
import { addRejection, addWarning, checkCounts, type ImportReport, type RowError } from '../import/report.ts';
import type { SinkOptions } from '../import/table.ts';
import { normalizeKey } from '../text.ts';
import { acceptEntry, arsReport, type ArsEntry } from './class-table.ts';
import type { CommuneIndex, Place } from './commune-index.ts';
import { plural } from '../format.ts';

export interface NamePostalOptions {
  index: CommuneIndex;
  classOf: (raw: string) => string | undefined;
  known: string[];
}

export const COLUMNS: Record<'postal' | 'name' | 'class', string[]> = {
  postal: ['codepostal', 'cp', 'postal'],
  name: ['nomcommune', 'commune', 'nom', 'libelle', 'nomdelacommune'],
  class: ['zonage', 'classe', 'zone', 'classement'],
};

/** Ranks the kinds of place a name may designate: a current name wins over a delegated one. */
const RANK: Record<Place['kind'], number> = { actuelle: 0, arrondissement: 1, deleguee: 2, associee: 2, ancienne: 3 };

const describe = (p: Place, index: CommuneIndex) =>
  `${p.nom} (${p.kind === 'actuelle' ? p.code : `${{ arrondissement: 'arrondissement', deleguee: 'commune déléguée', associee: 'commune associée', ancienne: 'ancienne commune' }[p.kind]} ${p.code} de ${p.commune} ${index.nameOf(p.commune)}`}, codes postaux ${p.postalCodes.join(', ') || 'inconnus'})`;

export function importNamePostal(file: string, text: string, opts: NamePostalOptions, sink: SinkOptions = {}): ImportReport<ArsEntry> {
  const separator = detectSeparator(textLines(text.slice(0, 64 * 1024), file)[0] ?? '');
  const report = arsReport(file, 'nom-code-postal', separator, text);
  // Records read as the streaming import reads them (import/records.ts), on their own lines; blank ones are no rows.
  const broken = new Map<number, number>();
  const records = textRecords(text, separator, (line, cell) => broken.set(line, cell), file);
  const rows = [
    ...records.filter((r) => r.cells.some((c) => c.trim() !== '')),
    ...[...broken].map(([line, cell]) => ({ line, cells: [] as string[], open: cell })),
  ].sort((a, b) => a.line - b.line);
  const header = (rows[0]?.cells ?? []).map(normalizeKey);
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))])) as Record<keyof typeof COLUMNS, number>;
  const missing = Object.entries(col).filter(([, i]) => i < 0).map(([k]) => ({ postal: 'code postal', name: 'nom de la commune', class: 'zonage' })[k]);
  if (missing.length) {
    report.fileErrors.push(`${file}, ligne 1 : ${plural(missing.length, 'colonne', 'colonnes')} ${missing.map((m) => `« ${m} »`).join(', ')} ${plural(missing.length, 'introuvable', 'introuvables')} dans l'en-tête.`);
    // The rows after the header are counted, left unread (as the import does).
    report.read = report.unread = Math.max(rows.length - 1, 0);
    return report;
  }
  for (let r = 1; r < rows.length; r++) {
    const { line, cells: fields } = rows[r];
    report.read++;
    const get = (k: keyof typeof COLUMNS) => (fields[col[k]] ?? '').trim();
    const reject = (field: string, message: string, candidates?: Place[]) => {
      const e: RowError & { candidates?: string[] } = {
        line,
        field,
        message: `${file}, ligne ${line}, champ « ${field} » : ${message}${candidates?.length ? ` Candidats : ${candidates.map((p) => describe(p, opts.index)).join(' ; ')}.` : ''}`,
        ...(candidates ? { candidates: candidates.map((p) => `${p.code} ${p.nom}`) } : {}),
      };
      addRejection(report, e, sink.onReject);
    };
    const open = (rows[r] as { open?: number }).open;
    if (open !== undefined) {
      reject(rows[0].cells[open]?.trim() || `n° ${open + 1}`, 'guillemet ouvert et jamais fermé ; la ligne est rejetée. Corrigez ce guillemet.');
      continue;
    }
    const raw = get('class');
    const cls = opts.classOf(raw);
    if (!cls) {
      reject('zonage', `classe « ${raw} » inconnue ; classes admises : ${opts.known.join(', ')}.`);
      continue;
    }
    const postal = get('postal');
    if (!/^\d{4,5}$/.test(postal)) {
      reject('code postal', `code postal « ${postal} » invalide (5 chiffres, ou 4 sans le zéro initial).`);
      continue;
    }
    const cp = postal.padStart(5, '0');
    const name = get('name');
    const named = opts.index.byName(name);
    if (!named.length) {
      reject('nom', `aucune commune, actuelle, déléguée ou ancienne, ne s'appelle « ${name} » (code postal ${cp}).`);
      continue;
    }
    const withCode = named.filter((p) => p.postalCodes.includes(cp));
    const best = (ps: Place[]) => {
      const top = Math.min(...ps.map((p) => RANK[p.kind]));
      const kept = ps.filter((p) => RANK[p.kind] === top);
      return new Set(kept.map((p) => p.commune)).size === 1 ? kept[0] : undefined;
    };
    let place = withCode.length ? best(withCode) : undefined;
    if (withCode.length && !place) {
      reject('nom', `« ${name} » ${cp} désigne plusieurs communes.`, withCode);
      continue;
    }
    if (!place) {
      // The name exists, not with this postal code: accepted only when one such place lies in the code's département.
      const dep = cp.startsWith('20') ? ['2A', '2B'] : cp.startsWith('97') || cp.startsWith('98') ? [cp.slice(0, 3)] : [cp.slice(0, 2)];
      const near = named.filter((p) => dep.includes(opts.index.departementOf(p.commune) ?? ''));
      place = near.length ? best(near) : undefined;
      if (!place) {
        reject('code postal', `aucune commune « ${name} » n'a le code postal ${cp}${near.length ? ' et plusieurs portent ce nom dans le département' : ''}.`, near.length ? near : named);
        continue;
      }
      addWarning(report, { line, field: 'code postal', message: `${file}, ligne ${line} : ${place.nom} rattachée à ${place.commune} ${opts.index.nameOf(place.commune)}, mais le code postal ${cp} n'est pas dans sa liste (${place.postalCodes.join(', ')}).` }, sink.onWarning);
    }
    acceptEntry(report, { line, part: place.code, partName: place.nom, commune: place.commune, class: cls }, sink);
  }
  checkCounts(report);
  return report;
}
