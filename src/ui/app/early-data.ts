// The territory's files asked for as the page starts, before the application's code is evaluated: this is the
// first module of the page, in a chunk of its own that the others import first (vite.config.ts). The loader
// (load.ts) takes these responses instead of asking again. Only a territory that exists is asked for, from
// the address alone (`#/<territory>…`, none: the default one), so that a wrong link costs nothing.
const ids = Object.values(import.meta.glob<string>('/data/territories/*/territory.json', { eager: true, import: 'id' }));
/** As in territories.ts: the Charente-Maritime when there is no territory in the address. */
const fallback = ids.includes('charente-maritime') ? 'charente-maritime' : ids[0];

/** The files of a territory that the loader reads, in that order. */
export const territoryFiles = (id: string) => [`geo/${id}.topojson`, `data/${id}/communes.json`, `data/${id}/zonage.json`, `data/${id}/aides.json`, `data/${id}/offres.json`];

const started = new Map<string, Promise<Response>>();

function start() {
  const hash = window.location.hash;
  const id = hash === '' || hash === '#' || hash === '#/' ? fallback : /^#\/([a-z0-9-]+)(?:[/?]|$)/.exec(hash)?.[1];
  if (!id || !ids.includes(id)) return;
  for (const path of territoryFiles(id)) {
    const response = fetch(`${import.meta.env.BASE_URL}${path}`);
    response.catch(() => {}); // the loader asks again and reports
    started.set(path, response);
  }
}
start();

/** The response started for `path`, once; afterwards the loader goes to the network. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const response = started.get(path);
  started.delete(path);
  return response;
}
