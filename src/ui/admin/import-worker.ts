// Runs the import core off the main thread over File.stream(): the file is never held whole in memory
// (national extractions of several hundred megabytes, up to 2 GB), progress is posted as bytes and rows
// are read, and the page cancels by terminating the worker. Only the report (its first rejections and
// the kept rows) comes back, with the complete list of rejections as a Blob to download.
import type { Commune } from '../../core/communes.ts';
import { failedReport, type ImportReport } from '../../core/import/index.ts';
import { rejectCsvLine, rejectsCsvHeader } from '../../core/import/report.ts';
import { importSink, type ImportKind } from '../../core/publication.ts';
import type { ZonageScheme } from '../../core/zonage/model.ts';

export interface ImportRequest {
  file: File;
  kind: ImportKind;
  communes: Commune[];
  schemes: ZonageScheme[];
  profession: string;
}

export type ImportMessage =
  | { type: 'progress'; phase: 'lecture' | 'analyse'; loaded: number; total: number; rows: number }
  | { type: 'done'; report: ImportReport<unknown>; rejects: Blob | null };

/** Files larger than this are refused: beyond what browsers stream reliably from a local file. */
export const MAX_BROWSER_BYTES = 2 * 1024 ** 3;

const post = (m: ImportMessage) => postMessage(m);

onmessage = async (e: MessageEvent<ImportRequest>) => {
  const { file, kind, communes, schemes, profession } = e.data;
  if (file.size > MAX_BROWSER_BYTES) {
    return post({ type: 'done', report: failedReport(file.name, `${file.name} : fichier de ${Math.round(file.size / 1e9)} Go, au-delà de 2 Go : utilisez la commande d'import.`), rejects: null });
  }
  // Every rejection goes to a Blob built in slices, so the complete list stays out of the JS heap.
  let parts: BlobPart[] = [rejectsCsvHeader()];
  let pending = '';
  let any = false;
  const sink = importSink(kind, file.name, { communes, schemes, profession }, {
    onReject: (r) => {
      any = true;
      pending += rejectCsvLine(file.name, r);
      if (pending.length > 1 << 20) {
        parts = [new Blob([...parts, pending])];
        pending = '';
      }
    },
  });
  try {
    const reader = file.stream().getReader();
    let lastPost = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sink.write(value);
      const p = sink.progress();
      if (p.bytes - lastPost > 1 << 20) {
        lastPost = p.bytes;
        post({ type: 'progress', phase: 'lecture', loaded: p.bytes, total: file.size, rows: p.rows });
      }
    }
    post({ type: 'progress', phase: 'analyse', loaded: file.size, total: file.size, rows: sink.progress().rows });
    const report = sink.end();
    post({ type: 'done', report, rejects: any ? new Blob([...parts, pending], { type: 'text/csv;charset=utf-8' }) : null });
  } catch (err) {
    post({ type: 'done', report: failedReport(file.name, `${file.name} : lecture impossible (${(err as Error).message}).`), rejects: null });
  }
};
