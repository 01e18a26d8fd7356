// The deployment's settings (data/site.json, a path from the project root), bundled and validated by the core.
import { parseSite } from '../../core/site/settings.ts';

const files = import.meta.glob<unknown>('/data/site.json', { eager: true, import: 'default' });

export const site = parseSite(files['/data/site.json']);
