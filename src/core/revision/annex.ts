// The Word annex to the délibération (docx): the communes by class, the counts against last year, the method
// in words (said as the interpretation it is) and the sources. Marked « Projet » until adopted. The docx
// module is handed in by the caller (loaded only when someone exports).
import type * as Docx from 'docx';
import { classCounts, type Row } from './draft.ts';
import type { Method } from './schema.ts';

export interface AnnexInput {
  method: Method;
  rows: Row[];
  classIds: string[];
  label: (id: string) => string;
  year: number;
  adopted: boolean;
  /** « Délibération n° … du … », when adopted. */
  deliberation?: string;
}

const fr = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

export function annexDocument(docx: typeof Docx, a: AnnexInput): Docx.Document {
  const { Document, Paragraph, TextRun, Table, TableRow, TableCell, HeadingLevel, WidthType, Header } = docx;
  const p = (text: string, opts: { bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}) =>
    new Paragraph({ ...(opts.heading ? { heading: opts.heading } : {}), children: [new TextRun({ text, bold: opts.bold })] });
  const cell = (text: string, bold = false) => new TableCell({ children: [p(text, { bold })] });
  const counts = classCounts(a.rows, a.classIds, a.method.undetermined.id);
  const sources = [...new Set(a.rows.flatMap((r) => r.readings.map((x) => x.source)))].sort();
  const status = a.adopted ? (a.deliberation ?? 'Adopté') : 'PROJET — liste non adoptée';
  const children: Array<Docx.Paragraph | Docx.Table> = [
    p(`Annexe — zonage départemental ${a.year}`, { heading: HeadingLevel.TITLE }),
    p(status, { bold: true }),
    p('Effectifs par classe', { heading: HeadingLevel.HEADING_1 }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ children: ['Classe', 'Communes', 'Population', `Communes ${a.year - 1}`, `Population ${a.year - 1}`].map((t) => cell(t, true)) }),
        ...counts.map((c) => new TableRow({ children: [a.label(c.id), fr(c.communes), fr(c.population), fr(c.lastCommunes), fr(c.lastPopulation)].map((t) => cell(t)) })),
      ],
    }),
    p('Communes par classe', { heading: HeadingLevel.HEADING_1 }),
    ...[...a.classIds, a.method.undetermined.id].flatMap((id) => {
      const list = a.rows.filter((r) => r.final === id).sort((x, y) => x.nom.localeCompare(y.nom, 'fr'));
      if (!list.length) return [];
      return [p(`${a.label(id)} (${fr(list.length)} commune${list.length > 1 ? 's' : ''})`, { heading: HeadingLevel.HEADING_2 }), p(list.map((r) => `${r.nom} (${r.code})${r.override ? ` — classe manuelle : ${r.override.reason ?? ''}` : ''}`).join(' ; '))];
    }),
    p('Méthode', { heading: HeadingLevel.HEADING_1 }),
    p(a.method.interpretation),
    ...a.method.justification.map((j) => p(j)),
    ...a.method.rules.map((r, i) => p(`${i + 1}. ${a.label(r.class)} : ${r.label}.`)),
    ...(a.method.pharmacy ? [p(`Puis : ${a.label(a.method.pharmacy.to)} pour une commune ${a.method.pharmacy.from.map(a.label).join(' ou ').toLowerCase()} avec une ${a.method.pharmacy.label} (${a.method.pharmacy.source}).`)] : []),
    p('Sources', { heading: HeadingLevel.HEADING_1 }),
    ...sources.map((s) => p(s)),
  ];
  return new Document({
    creator: 'Observatoire du zonage santé',
    title: `Zonage départemental ${a.year}`,
    sections: [{ headers: { default: new Header({ children: [p(a.adopted ? `Zonage ${a.year}` : `Projet — zonage ${a.year}`)] }) }, children }],
  });
}
