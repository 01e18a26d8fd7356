// MapLibre 6 loads its worker from a URL that a bundler must emit: Vite bundles it (with its shared
// chunk) into one same-origin file, so no blob: or remote script is needed.
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

setWorkerUrl(workerUrl);
