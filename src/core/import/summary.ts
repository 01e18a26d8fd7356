// An import report in one French sentence, as the CLI prints it (the browser lays the same counts out itself).
import { count, formatInteger } from '../format.ts';
import { ignoredCount, type ImportReport } from './report.ts';
import { separatorName } from './table.ts';

/** « medecins.csv : 3 lignes lues, 2 acceptées, 1 rejetée, 0 hors champ ; encodage utf-8, séparateur point-virgule. » */
export function importSummary(name: string, r: ImportReport<unknown>): string {
  return (
    `${name} : ${count(r.read, 'ligne lue', 'lignes lues')}, ${count(r.accepted, 'acceptée', 'acceptées')}, ` +
    `${count(r.rejectedCount, 'rejetée', 'rejetées')}, ${formatInteger(ignoredCount(r))} hors champ` +
    `${r.unread ? `, ${count(r.unread, 'non lue', 'non lues')}` : ''}` +
    `${r.fileErrors.length ? ` ; ${count(r.fileErrors.length, 'erreur de fichier', 'erreurs de fichier')}` : ''}` +
    ` ; encodage ${r.encoding}${r.separator ? `, séparateur ${separatorName(r.separator)}` : ''}.`
  );
}
