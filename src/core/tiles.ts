// The national vector tiles (npm run build:tiles): one PMTiles archive of every current commune of France,
// département outlines and place labels. Names shared by the build, the UI and the tests.

/** Path of the archive under public/ (and dist/); the UI prefixes it with VITE_TILES_URL when set. */
export const TILES_ARCHIVE = 'tiles/france.pmtiles';
/** Build manifest beside the archive: inputs' checksums, COG edition, counts, zooms, size. */
export const TILES_MANIFEST = 'tiles/manifest.json';

/** Metropolitan France (west, south, east, north): where the maps start before their own frame is known. */
export const FRANCE_BOUNDS: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];

/** Vector layers of every tile. */
export const TILE_LAYERS = {
  /** One polygon per current commune (communes merged since 2018 as the union of their former communes). */
  communes: 'communes',
  /** One polygon per département, the union of its communes' polygons. */
  departements: 'departements',
  /** Label points: départements and communes; a tile of zoom z holds only the places whose minzoom ≤ z. */
  places: 'places',
} as const;

/** Properties of a feature of the `communes` layer; `code` is the INSEE code (promoteId for feature state). */
export interface CommuneTileProperties {
  code: string;
  nom: string;
  /** Municipal population of the COG, 0 when the COG gives none. */
  population: number;
  departement: string;
}

/** Properties of a feature of the `departements` layer. */
export interface DepartementTileProperties {
  code: string;
  nom: string;
}

export type PlaceKind = 'departement' | 'commune';

/** Properties of a feature of the `places` layer. */
export interface PlaceTileProperties {
  kind: PlaceKind;
  /** Département code or commune INSEE code. */
  code: string;
  nom: string;
  /** Communes: 1 chef-lieu de département, 2 chef-lieu d'arrondissement, 3 other; départements: 0. */
  rank: number;
  /** Communes: municipal population (sort key: larger names win collisions); départements: 0. */
  population: number;
  /** First zoom whose tiles carry this place. */
  minzoom: number;
}

/** Zoom from which communes are in the tiles (below, a commune is smaller than a pixel or two). */
export const COMMUNES_MINZOOM = 4;

/** Zoom from which a département's name is in the tiles. */
export const DEPARTEMENT_LABEL_MINZOOM = 4;

/**
 * First zoom at which a commune's name is in the tiles: chefs-lieux and large towns first, so that the map
 * shows more names as one zooms in; every commune is named from `maxZoom` on (overzoomed beyond).
 */
export function placeMinZoom(rank: number, population: number, maxZoom: number): number {
  const z =
    rank === 1 || population >= 100_000 ? 5
    : rank === 2 || population >= 20_000 ? 7
    : population >= 5_000 ? 8
    : population >= 2_000 ? 9
    : population >= 500 ? 10
    : 11;
  return Math.min(z, maxZoom);
}

/**
 * URL of the archive: VITE_TILES_URL when set (absolute, or relative to the page), else the copy shipped
 * with the site. `base` is the page's base URL (document.baseURI in the browser).
 */
export function tilesArchiveUrl(configured: string | undefined, base: string): string {
  return new URL(configured?.trim() || TILES_ARCHIVE, base).href;
}

/** The MapLibre source URL once the pmtiles protocol is registered (maplibregl.addProtocol('pmtiles', …)). */
export const pmtilesSourceUrl = (archiveUrl: string): string => `pmtiles://${archiveUrl}`;
