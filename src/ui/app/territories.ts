// Territory definitions are bundled from data/territories/*/territory.json (a path from the project root)
// and validated by the core.
import { parseTerritories, type Territory } from '../../core/territory.ts';

const files = import.meta.glob<unknown>('/data/territories/*/territory.json', { eager: true, import: 'default' });

export const territories: Territory[] = parseTerritories(
  Object.entries(files).map(([file, raw]): [string, unknown] => [file.slice(1), raw]),
);

/** Charente-Maritime first: the département's plan is the project's main user. */
export const defaultTerritory = territories.find((t) => t.id === 'charente-maritime')?.id ?? territories[0].id;
