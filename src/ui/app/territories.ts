// The territories, checked and parsed at build time by the core's schema (vite.config.ts, territoriesModule):
// the page receives plain data, sorted by name, duplicate ids refused.
import territoryList from 'virtual:territories';
import type { Territory } from '../../core/territory.ts';

export const territories: Territory[] = territoryList;

/** Charente-Maritime first: the département's plan is the project's main user. */
export const defaultTerritory = territories.find((t) => t.id === 'charente-maritime')?.id ?? territories[0].id;
