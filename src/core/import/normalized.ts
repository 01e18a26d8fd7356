// Normalized project files, as the chargé de mission puts them in data/territories/<id>/ after an
// import: the same simple CSV formats the import reads, with ids rather than labels. Formulae neutralised.
import Papa from 'papaparse';
import type { ZonageRow } from './formats/zonage.ts';
import type { Pharmacy, Practitioner } from '../zonage/model.ts';
import type { Movement } from '../movements.ts';

// escapeFormulae: a text cell starting with =, +, -, @, tab or CR gets a leading apostrophe (OWASP CSV
// injection), so a spreadsheet shows it as text; numbers stay numbers; the importers read it back as written.
const csv = (rows: object[], columns: string[]) =>
  Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? '')) }, { newline: '\n', escapeFormulae: true }) + '\n';

export const zonageFile = (rows: ZonageRow[]) => csv(rows.map((r) => ({ code_insee: r.code, zone: r.zone })), ['code_insee', 'zone']);

export const practitionersFile = (rows: Practitioner[]) =>
  csv(
    rows.map((p) => ({ code_insee: p.commune, profession: p.profession, mode: p.mode, date_debut: p.start ?? '', date_fin: p.end ?? '', rpps: p.rpps ?? '', nom: p.nom ?? '' })),
    ['code_insee', 'profession', 'mode', 'date_debut', 'date_fin', 'rpps', 'nom'],
  );

export const pharmaciesFile = (rows: Pharmacy[]) =>
  csv(
    rows.map((p) => ({ code_insee: p.commune, finess: p.finess ?? '', nom: p.nom ?? '', date_ouverture: p.opened ?? '', date_fermeture: p.closed ?? '' })),
    ['code_insee', 'finess', 'nom', 'date_ouverture', 'date_fermeture'],
  );

export const movementsFile = (rows: Movement[]) =>
  csv(
    rows.map((m) => ({ date: m.date, type: m.type, code_insee: m.commune, profession: m.profession, mode: m.mode, rpps: m.rpps ?? '', nom: m.nom ?? '', cause: m.cause, source: m.source, apres: m.after ?? '' })),
    ['date', 'type', 'code_insee', 'profession', 'mode', 'rpps', 'nom', 'cause', 'source', 'apres'],
  );
