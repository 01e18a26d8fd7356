// CartoSanté's own CSV export of an ARS zonage: three header lines, then `Code;Libellé;Zonage <profession>`
// rows keyed by INSEE code (arrondissements municipaux included). Pure: takes the decoded text, cut into lines
// and cells by the import's reader (import/records.ts), and gives the import's report, its rows the entries.
import { splitQuoted, textLines } from '../import/records.ts';
import { addRejection, addWarning, checkCounts, type ImportReport } from '../import/report.ts';
import type { SinkOptions } from '../import/table.ts';
import { acceptEntry, arsReport, type ArsEntry } from './class-table.ts';
import type { CommuneIndex } from './commune-index.ts';
import { count } from '../format.ts';

export interface CartoSanteOptions {
  index: CommuneIndex;
  /** Class as written → class id (see classReader), undefined when unknown. */
  classOf: (raw: string) => string | undefined;
  /** The admitted classes, named in the message for an unknown one. */
  known: string[];
}

export const CARTOSANTE_HEADER = ['CartoSanté', 'Référentiel géographique', 'Code;Libellé;Zonage'];

/** The first of the header lines given that is not CartoSanté's (a line missing counts as wrong). */
export function cartoSanteHeaderError(file: string, lines: string[]): { line: number; message: string } | undefined {
  const i = CARTOSANTE_HEADER.findIndex((h, i) => !(lines[i] ?? '').startsWith(h));
  if (i < 0) return undefined;
  return { line: i + 1, message: `${file}, ligne ${i + 1} : en-tête CartoSanté attendu (« ${CARTOSANTE_HEADER[i]}… »), trouvé « ${(lines[i] ?? '').slice(0, 60)} ».` };
}

export function importCartoSante(file: string, text: string, opts: CartoSanteOptions, sink: SinkOptions = {}): ImportReport<ArsEntry> {
  const report = arsReport(file, 'cartosante', ';', text);
  // Cut as the streaming import cuts them: the last line counts without a final newline.
  const lines = textLines(text, file);
  const wrong = cartoSanteHeaderError(file, lines);
  if (wrong) {
    report.fileErrors.push(wrong.message);
    // A header refused: the rows after it are counted, left unread (as the import does).
    report.read = report.unread = lines.slice(CARTOSANTE_HEADER.length).filter((l) => l.trim() !== '').length;
    return report;
  }
  for (let i = CARTOSANTE_HEADER.length; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    report.read++;
    const reject = (field: string, message: string) => addRejection(report, { line, field, message: `${file}, ligne ${line}, champ « ${field} » : ${message}` }, sink.onReject);
    // One record per line: CartoSanté never writes a value over two lines.
    const { cells: fields, open } = splitQuoted(lines[i], ';');
    if (open) {
      reject('Code', 'guillemet ouvert et jamais fermé ; la ligne est rejetée. Corrigez ce guillemet.');
      continue;
    }
    if (fields.length !== 3) {
      reject('Code', `3 champs attendus (Code;Libellé;Zonage), ${count(fields.length, 'trouvé', 'trouvés')}.`);
      continue;
    }
    const [code, nom, raw] = fields.map((f) => f.trim());
    const cls = opts.classOf(raw);
    if (!cls) {
      reject('Zonage', `classe « ${raw} » inconnue ; classes admises : ${opts.known.join(', ')}.`);
      continue;
    }
    const found = opts.index.resolveCode(code);
    if (!found) {
      reject('Code', `code « ${code} » (${nom}) absent de la liste officielle des communes, actuelles ou anciennes.`);
      continue;
    }
    if (found.via === 'ancienne') {
      addWarning(report, { line, field: 'Code', message: `${file}, ligne ${line} : ancien code ${code} (${nom}) rattaché à la commune actuelle ${found.commune} ${found.nom}.` }, sink.onWarning);
    }
    acceptEntry(report, { line, part: code, partName: nom, commune: found.commune, class: cls }, sink);
  }
  checkCounts(report);
  return report;
}
