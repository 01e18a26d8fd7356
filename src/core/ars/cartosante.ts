// CartoSanté's own CSV export of an ARS zonage: three header lines, then `Code;Libellé;Zonage <profession>`
// rows keyed by INSEE code (arrondissements municipaux included). Pure: takes the decoded text, cut into lines
// and cells by the import's reader (import/records.ts).
import { splitQuoted, textLines } from '../import/records.ts';
import type { ArsImport } from './class-table.ts';
import type { CommuneIndex } from './commune-index.ts';
import { count } from '../format.ts';

export interface CartoSanteOptions {
  index: CommuneIndex;
  /** Class as written → class id (see classReader), undefined when unknown. */
  classOf: (raw: string) => string | undefined;
  /** The admitted classes, named in the message for an unknown one. */
  known: string[];
}

const HEADER = ['CartoSanté', 'Référentiel géographique', 'Code;Libellé;Zonage'];

export function importCartoSante(file: string, text: string, opts: CartoSanteOptions): ArsImport {
  const report: ArsImport = { file, read: 0, entries: [], rejected: [], warnings: [] };
  // Cut as the streaming import cuts them: the last line counts without a final newline.
  const lines = textLines(text, file);
  for (let i = 0; i < HEADER.length; i++) {
    if (!(lines[i] ?? '').startsWith(HEADER[i])) {
      report.rejected.push({ line: i + 1, field: '', message: `${file}, ligne ${i + 1} : en-tête CartoSanté attendu (« ${HEADER[i]}… »), trouvé « ${(lines[i] ?? '').slice(0, 60)} ».` });
      return report;
    }
  }
  for (let i = HEADER.length; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    report.read++;
    const reject = (field: string, message: string) => report.rejected.push({ line, field, message: `${file}, ligne ${line}, champ « ${field} » : ${message}` });
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
      report.warnings.push({ line, field: 'Code', message: `${file}, ligne ${line} : ancien code ${code} (${nom}) rattaché à la commune actuelle ${found.commune} ${found.nom}.` });
    }
    report.entries.push({ line, part: code, partName: nom, commune: found.commune, class: cls });
  }
  return report;
}
