// Styles of the national tiles' layers shared by the territory map (faint context around the territory)
// and the national view: place names as canvas-drawn icons (no font server), tier from rank and population.
import type { ExpressionSpecification } from 'maplibre-gl';
import { PLACE_PREFIX, PLACE_TIERS } from '../map/place-labels.ts';

const population = ['get', 'population'];

/** Départements and chefs-lieux are tier 1; communes by the thresholds of the territory's own names. */
export const placeTier = [
  'case',
  ['==', ['get', 'kind'], 'departement'], 1,
  ['==', ['get', 'rank'], 1], 1,
  ['>=', population, PLACE_TIERS[0].minPopulation], 1,
  ['>=', population, PLACE_TIERS[1].minPopulation], 2,
  3,
] as unknown as ExpressionSpecification;

/** The icon id `place-<tier>-<name>`, drawn by placeIcon() when MapLibre asks for it. */
export const placeIconImage = ['concat', PLACE_PREFIX, ['to-string', placeTier], '-', ['get', 'nom']] as unknown as ExpressionSpecification;

/**
 * Larger places win collisions: départements, then by rank, then by population. Kept small (rank minus
 * population / 10^7): keys of the order of 10^8 hid every symbol of the layer (measured in Chromium).
 */
export const placeSortKey = [
  'case',
  ['==', ['get', 'kind'], 'departement'], -1,
  ['-', ['get', 'rank'], ['/', population, 1e7]],
] as unknown as ExpressionSpecification;
