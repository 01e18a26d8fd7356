// Every file a publication replaces in data/territories/<id>/ is first copied to
// data/territories/<id>/.historique/<date>/ with a manifest (what, when, by which command), so a wrong
// publication can be undone with `cli history restore`. The folder holds personal data (registers): it
// is in .gitignore and never copied to public/.
import fs from 'node:fs';
import path from 'node:path';

export const HISTORY_DIR = '.historique';

export interface Backup {
  id: string;
  date: string;
  command: string;
  /** Files saved, relative to the territory's folder. */
  files: string[];
  /** Files the publication created (absent before). */
  created: string[];
}

/** The backups of a territory, oldest first. */
export function listBackups(territoryDir: string): Backup[] {
  const root = path.join(territoryDir, HISTORY_DIR);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort()
    .flatMap((id) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(root, id, 'manifest.json'), 'utf8')) as Backup];
      } catch {
        return [];
      }
    });
}

/**
 * Saves the current bytes of `targets` (paths inside `territoryDir`) before they are replaced; returns
 * the backup and a way to drop it when the publication does not happen after all.
 */
export function backupFiles(territoryDir: string, targets: string[], command: string, now = new Date()): { backup: Backup; discard: () => void } {
  const id = now.toISOString().replace(/[:.]/g, '-') + `-${process.pid}`;
  const dir = path.join(territoryDir, HISTORY_DIR, id);
  const files: string[] = [];
  const created: string[] = [];
  for (const t of targets) {
    const rel = path.relative(territoryDir, t);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue; // public/ is rebuilt, not backed up
    if (!fs.existsSync(t)) {
      created.push(rel);
      continue;
    }
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(t, path.join(dir, rel));
    files.push(rel);
  }
  const backup: Backup = { id, date: now.toISOString(), command, files, created };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(backup, null, 2) + '\n');
  return { backup, discard: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The saved files of a backup, as contents to write back. */
export function backupContents(territoryDir: string, id: string): { backup: Backup; files: Array<{ file: string; content: Buffer }> } {
  const backup = listBackups(territoryDir).find((b) => b.id === id);
  if (!backup) throw new Error(`sauvegarde « ${id} » introuvable dans ${path.relative(process.cwd(), path.join(territoryDir, HISTORY_DIR))} (cli history --territory … les liste).`);
  const dir = path.join(territoryDir, HISTORY_DIR, id);
  return { backup, files: backup.files.map((file) => ({ file, content: fs.readFileSync(path.join(dir, file)) })) };
}
