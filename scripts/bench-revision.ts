// Part of npm run bench (BENCH_ONLY=revision): the annual revision's proposal for the Charente-Maritime's 462
// communes on the real indicators, then for a synthetic territory of 34,969 communes (the real readings
// repeated), a threshold change (proposal + rows + counts, what the page recomputes), and the export time.
// Anchor in the same run: reading the same indicators without any rule (the reader's own cost).
import * as XLSX from '@e965/xlsx';
import { classCounts, draftRows, emptyDraft, packCsv, packWorkbook, propose, type IndicatorReader, type XlsxWriterLike } from '../src/core/revision/index.ts';
import { INDICATOR_IDS } from '../src/core/revision/schema.ts';
import { loadRevision } from './cli/revision.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median wall time and median CPU time of the process (less disturbed on a machine shared with other jobs). */
const time = (runs: number, fn: () => void) => {
  fn();
  const t: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return [median(t), median(cpu)] as const;
};
const ms = ([wall, cpu]: readonly [number, number]) => `${wall.toFixed(1)} ms (CPU ${cpu.toFixed(1)} ms)`;

export function benchRevision(): void {
  const l = loadRevision('charente-maritime');
  const draft = emptyDraft(l.method, 'bench', l.ctx.year);
  const cycle = (communes = l.communes, read: IndicatorReader = l.read, params = draft.parameters) => {
    const p = propose(l.method, params, communes, read, l.last, l.label);
    return classCounts(draftRows(p, { ...draft, parameters: params }, l.method, l.classIds), l.classIds, l.method.undetermined.id);
  };
  const anchor = (communes = l.communes, read: IndicatorReader = l.read) => {
    for (const c of communes) for (const id of INDICATOR_IDS) read(c.code, id, 2019);
  };
  // 34,969 synthetic communes: the real ones repeated under new codes, reading the real commune's values.
  const N = 34_969;
  const synthetic = Array.from({ length: N }, (_, i) => ({ ...l.communes[i % l.communes.length], code: String(10_000 + i) }));
  const real = new Map(synthetic.map((c, i) => [c.code, l.communes[i % l.communes.length].code]));
  const syntheticReader = (): IndicatorReader => {
    const base = l.makeReader();
    return (code, id, since) => base(real.get(code)!, id, since);
  };
  const warm = syntheticReader();
  const rows = draftRows(propose(l.method, {}, l.communes, l.read, l.last, l.label), draft, l.method, l.classIds);
  const pack = { method: l.method, rows, classIds: l.classIds, label: l.label, year: draft.year, draftName: 'bench', adopted: false };
  console.log('\n## Révision annuelle (proposition, seuil modifié, export)');
  // Cold: a new reader each run (every indicator read once); warm: the page's re-proposal after a threshold change.
  console.log(`- 462 communes (Charente-Maritime, indicateurs réels) : première proposition + lignes + effectifs ${ms(time(20, () => cycle(l.communes, l.makeReader())))} (témoin : lecture seule des indicateurs ${ms(time(20, () => anchor(l.communes, l.makeReader())))}) ; objectif ≤ 50 ms`);
  console.log(`- seuil très fragile à 3,1 (ce que la page recalcule, indicateurs déjà lus) : ${ms(time(20, () => cycle(l.communes, l.read, { 'apl-tres-fragile': 3.1 })))} ; objectif ≤ 100 ms avec le dessin`);
  console.log(`- ${N.toLocaleString('fr-FR')} communes synthétiques : première proposition ${ms(time(3, () => cycle(synthetic, syntheticReader())))} (témoin ${ms(time(3, () => anchor(synthetic, syntheticReader())))}), seuil modifié ${ms(time(3, () => cycle(synthetic, warm, { 'apl-tres-fragile': 3.1 })))} ; objectif ≤ 1 s`);
  console.log(`- export 462 communes : CSV ${ms(time(10, () => packCsv(pack)))}, XLSX ${ms(time(5, () => packWorkbook(XLSX as unknown as XlsxWriterLike, pack)))}`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchRevision();
