// MapLibre 6 loads its worker from a URL that a bundler must emit: Vite bundles it (with its shared
// chunk) into one same-origin file, so no blob: or remote script is needed.
import { getWorkerCount, setWorkerCount, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

setWorkerUrl(workerUrl);
// Two workers even where the browser reports two cores: the territory's GeoJSON and the national context
// tiles are then cut and parsed side by side instead of one after the other.
setWorkerCount(Math.max(2, getWorkerCount()));
