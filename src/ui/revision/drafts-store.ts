// Drafts kept in the browser (IndexedDB through idb): several named drafts per territory, surviving a reload.
// Nothing here is published; the file saved from the page is the same JSON the CLI reads.
import { openDB, type IDBPDatabase } from 'idb';
import type { Draft } from '../../core/revision/schema.ts';

interface Stored {
  key: string;
  territory: string;
  draft: Draft;
  saved: string;
}

let db: Promise<IDBPDatabase> | undefined;
const open = () => (db ??= openDB('revision-zonage', 1, { upgrade: (d) => d.createObjectStore('drafts', { keyPath: 'key' }) }));
const keyOf = (territory: string, name: string) => `${territory}\u0000${name}`;

export async function saveDraft(draft: Draft): Promise<void> {
  const stored: Stored = { key: keyOf(draft.territory, draft.name), territory: draft.territory, draft, saved: new Date().toISOString() };
  await (await open()).put('drafts', stored);
}

export async function listDrafts(territory: string): Promise<Array<{ name: string; saved: string; draft: Draft }>> {
  const all = (await (await open()).getAll('drafts')) as Stored[];
  return all.filter((s) => s.territory === territory).map((s) => ({ name: s.draft.name, saved: s.saved, draft: s.draft })).sort((a, b) => (a.saved < b.saved ? 1 : -1));
}

export async function deleteDraft(territory: string, name: string): Promise<void> {
  await (await open()).delete('drafts', keyOf(territory, name));
}
