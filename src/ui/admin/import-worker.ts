// Runs the import core off the main thread: a 100 MB national extraction is read in chunks (with
// progress) and parsed here, so the page keeps responding; only the report and the rows come back.
import type { Commune } from '../../core/communes.ts';
import { MAX_BYTES, failedReport, oversizeMessage, type ImportReport } from '../../core/csv-import.ts';
import { importFile, type ImportKind } from '../../core/publication.ts';
import type { ZonageScheme } from '../../core/zonage.ts';

export interface ImportRequest {
  file: File;
  kind: ImportKind;
  communes: Commune[];
  schemes: ZonageScheme[];
  profession: string;
}

export type ImportMessage =
  | { type: 'progress'; phase: 'lecture' | 'analyse'; loaded: number; total: number }
  | { type: 'done'; report: ImportReport<unknown> };

const post = (m: ImportMessage) => postMessage(m);

async function readAll(file: File): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let loaded = 0;
  let lastPost = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, loaded);
    loaded += value.length;
    if (loaded - lastPost > 1 << 20 || loaded === file.size) {
      lastPost = loaded;
      post({ type: 'progress', phase: 'lecture', loaded, total: file.size });
    }
  }
  return bytes.subarray(0, loaded);
}

onmessage = async (e: MessageEvent<ImportRequest>) => {
  const { file, kind, communes, schemes, profession } = e.data;
  // Refused before reading: the core would refuse it too, but only after loading it all in memory.
  if (file.size > MAX_BYTES) return post({ type: 'done', report: failedReport(file.name, oversizeMessage(file.name, file.size)) });
  try {
    const bytes = await readAll(file);
    post({ type: 'progress', phase: 'analyse', loaded: file.size, total: file.size });
    post({ type: 'done', report: importFile(kind, file.name, bytes, { communes, schemes, profession }) });
  } catch (err) {
    post({ type: 'done', report: failedReport(file.name, `${file.name} : lecture impossible (${(err as Error).message}).`) });
  }
};
