// The URL hash is the app's permalink: #/<territoire>[/commune/<code INSEE>][?annee=AAAA&profession=…&vue=tableau
// &couleurs=<aide>&offres=1&mouvements=…] for the map, and #/<territoire>/<page> for the other pages (PAGES);
// the simulator and the offers page keep their state as URL parameters. Anything else falls back to a valid
// view with a polite French message saying what was ignored.
import { isIsoDate } from './dates.ts';
import { PROFESSIONS } from './professions.ts';
import { BENEFICIARIES } from './aids/profile.ts';
import { isDefaultFilters, parseNationalFilters, writeNationalFilters, type NationalFilters } from './national-filters.ts';

export interface View {
  territory: string;
  commune?: string;
  /** Zonage year and profession shown; absent means the defaults (zonage in force today). */
  year?: number;
  profession?: string;
  /** The zonage layer shown, by scheme id (?zonage=ars-medecin-generaliste); absent means the territory's own first. */
  zonage?: string;
  /** The map shown as a table of communes (?vue=tableau). */
  table?: boolean;
  /** National table: its filters, sort and page (?dep=55&classe=zip&q=…&tri=-population&page=2), see national-filters.ts. */
  tableFilters?: NationalFilters;
  /** National view: the overseas département the map frames (?vue=974); absent means metropolitan France. */
  area?: string;
  /** The map coloured by what one aid gives (?couleurs=<aid id>) instead of the zonage. */
  layer?: string;
  /** Installations and cessations drawn on the map, between two dates (?mouvements=AAAA-MM-JJ..AAAA-MM-JJ). */
  movements?: { from: string; to: string };
  /** The communes' offers drawn on the map (?offres=1). */
  offerLayer?: boolean;
  /** The page shown other than the map (#/<territoire>/<page>); absent means the map (or the national view). */
  page?: Page;
  /** The page's own state as URL parameters, for the pages that keep one (the simulator, the offers page's
   * filters ?type=…&pour=…&zone=…&aide=…); read and checked by the page itself. */
  params?: string;
  /** « Je suis… » (?pour=<beneficiary>): the person the aids are for, kept across the map, the commune page and
   * the simulator (not the offers page, whose own `pour` filters offers by audience). */
  persona?: string;
}

export interface ParsedHash {
  view: View;
  /** Set when the hash could not be honoured entirely: every message, in one text. */
  problem?: string;
  /** One message per value dropped from the link (set with `problem`). */
  problems?: string[];
}

export interface PermalinkContext {
  defaultTerritory: string;
  territoryNames: Map<string, string>;
  /** Returns the current commune's code, or undefined when the code is unknown to the territory. */
  resolveCommune: (territory: string, code: string) => string | undefined;
  /** The territory's zonage years, when known: another year is dropped with a message. */
  years?: (territory: string) => number[] | undefined;
  /** The territory's professions, when known (else every profession the project knows). */
  professions?: (territory: string) => string[] | undefined;
}

/** Years a zonage link may name when the territory's own years are not known yet. */
const YEAR_RANGE = [2000, 2100];

const MAX_HASH = 1500;

/** The pages other than the map, by their path segment: the simulator, the offers page (both keep their state
 * as URL parameters), the town hall's form to propose an offer, the chargé de mission's review of the offers
 * received, follow-up page and space (import, review, publishing), and the footer's pages. */
const PAGES = {
  simulator: 'simulateur',
  offers: 'offres',
  propose: 'proposer',
  review: 'relecture',
  dashboard: 'suivi',
  revision: 'revision',
  manage: 'gestion',
  legal: 'mentions-legales',
  accessibility: 'accessibilite',
  privacy: 'donnees-personnelles',
  method: 'methode',
  contact: 'contact',
} as const;
export type Page = keyof typeof PAGES;
const STATEFUL: Page[] = ['simulator', 'offers'];
/** Parameters shared by every view, then those of the map only. */
const SHARED_PARAMS = ['annee', 'profession'];
const MAP_PARAMS = ['zonage', 'vue', 'couleurs', 'offres', 'mouvements'];

/** The national view (#/france, #/france/commune/<code>): every commune of France, outside any territory. */
export const NATIONAL = 'france';
export const isNational = (view: View): boolean => view.territory === NATIONAL;
/** The national view's colouring other than the ARS zonage (#/france?couleurs=apl). */
export const NATIONAL_LAYER = 'apl';
/** The overseas départements the national map can frame (?vue=<code>), besides metropolitan France (?vue=metropole, the default). */
export const NATIONAL_AREAS = [
  { code: '971', nom: 'Guadeloupe' },
  { code: '972', nom: 'Martinique' },
  { code: '973', nom: 'Guyane' },
  { code: '974', nom: 'La Réunion' },
  { code: '976', nom: 'Mayotte' },
];
export const METROPOLE = 'metropole';
/** The footer's pages, which the national view also has. */
const SITE_PAGES: Page[] = ['legal', 'accessibility', 'privacy', 'method', 'contact'];
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/** The page a view shows ('national' for the national view), or undefined for the territory's map. */
export const pageOf = (view: View): Page | 'national' | undefined => view.page ?? (isNational(view) ? 'national' : undefined);

export function formatHash(view: View): string {
  const page = view.page;
  const path = page ? `#/${view.territory}/${PAGES[page]}` : view.commune ? `#/${view.territory}/commune/${view.commune}` : `#/${view.territory}`;
  const query = new URLSearchParams(page && STATEFUL.includes(page) ? (view.params ?? '') : '');
  if (view.year !== undefined) query.set('annee', String(view.year));
  if (view.profession) query.set('profession', view.profession);
  if (view.persona && page !== 'offers') query.set('pour', view.persona);
  if (!page) {
    if (view.zonage) query.set('zonage', view.zonage);
    if (view.table) query.set('vue', 'tableau');
    else if (view.area && isNational(view)) query.set('vue', view.area);
    if (view.table && isNational(view) && !view.commune && view.tableFilters) writeNationalFilters(query, view.tableFilters);
    if (view.layer) query.set('couleurs', view.layer);
    if (view.offerLayer) query.set('offres', '1');
    if (view.movements) query.set('mouvements', `${view.movements.from}..${view.movements.to}`);
  }
  return query.size ? `${path}?${query}` : path;
}

/** Reads ?annee=…&profession=…; each unknown or malformed value is dropped with its own message. */
type QueryPart = Pick<View, 'year' | 'profession' | 'zonage' | 'table' | 'area' | 'layer' | 'movements' | 'offerLayer' | 'tableFilters'> & { problems: string[] };

function parseQuery(query: string, territory: string | undefined, ctx: PermalinkContext, national = false): QueryPart {
  const params = new URLSearchParams(query);
  const problems: string[] = [];
  const out: QueryPart = { problems };
  const year = params.get('annee');
  if (year !== null) {
    const years = territory ? ctx.years?.(territory) : undefined;
    const n = Number(year);
    if (!/^\d{4}$/.test(year)) problems.push(`L'année « ${quote(year)} » n'est pas lisible ; voici le zonage en vigueur.`);
    else if (years ? !years.includes(n) : n < YEAR_RANGE[0] || n > YEAR_RANGE[1]) {
      problems.push(`Aucun zonage ${n}${years?.length ? ` (années disponibles : ${[...years].sort().join(', ')})` : ''} ; voici le zonage en vigueur.`);
    } else out.year = n;
  }
  const profession = params.get('profession');
  if (profession !== null) {
    const known = (territory ? ctx.professions?.(territory) : undefined) ?? PROFESSIONS.map((p) => p.id);
    if (known.includes(profession)) out.profession = profession;
    else problems.push(`La profession « ${quote(profession)} » n'est pas reconnue.`);
  }
  const zonage = params.get('zonage');
  if (zonage !== null) {
    // Checked against the profession's layers by the map, which falls back to the territory's own zonage.
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(zonage)) out.zonage = zonage;
    else problems.push(`Le zonage « ${quote(zonage)} » n'est pas reconnu ; voici le zonage du territoire.`);
  }
  const display = params.get('vue');
  if (display !== null) {
    if (display === 'tableau') out.table = true;
    else if (national && NATIONAL_AREAS.some((a) => a.code === display)) out.area = display;
    else if (national && display !== 'carte' && display !== METROPOLE) {
      const areas = NATIONAL_AREAS.map((a) => `${a.code} (${a.nom})`).join(', ');
      problems.push(`La vue « ${quote(display)} » n'existe pas (vues possibles : carte, tableau, ${METROPOLE}, ${areas}) ; voici la carte de la métropole.`);
    } else if (!national && display !== 'carte') problems.push(`La vue « ${quote(display)} » n'existe pas ; voici la carte.`);
  }
  const layer = params.get('couleurs');
  if (layer !== null) {
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(layer)) out.layer = layer;
    else problems.push(`La couche « ${quote(layer)} » n'est pas reconnue ; voici le zonage.`);
  }
  const offerLayer = params.get('offres');
  if (offerLayer !== null) {
    if (offerLayer === '1') out.offerLayer = true;
    else if (offerLayer !== '0') problems.push(`La valeur « ${quote(offerLayer)} » de « offres » n'est pas lisible (1 ou 0).`);
  }
  const movements = params.get('mouvements');
  if (movements !== null) {
    const [from, to] = movements.split('..');
    if (isIsoDate(from) && isIsoDate(to) && from <= to) out.movements = { from, to };
    else problems.push(`La période de mouvements « ${quote(movements)} » n'est pas lisible (attendu AAAA-MM-JJ..AAAA-MM-JJ).`);
  }
  if (national && out.table) {
    const table = parseNationalFilters(params);
    if (!isDefaultFilters(table.filters)) out.tableFilters = table.filters;
    problems.push(...table.problems);
  }
  return out;
}

/** « Je suis… »: ?pour=<beneficiary>. An older simulator link's `beneficiary` parameter stands for it, and
 * leaves the simulator's own parameters (one person per link, said once). */
function parsePersona(query: string, simulator: string | undefined): { persona?: string; simulator?: string; problem?: string } {
  const pour = new URLSearchParams(query).get('pour');
  const out: { persona?: string; simulator?: string; problem?: string } = {};
  let legacy: string | null = null;
  if (simulator !== undefined) {
    const params = new URLSearchParams(simulator);
    legacy = params.get('beneficiary');
    params.delete('beneficiary');
    params.delete('pour');
    out.simulator = params.toString();
  }
  const value = pour ?? legacy;
  if (value === null || value === '') return out;
  if (BENEFICIARIES.some((b) => b.id === value)) out.persona = value;
  else out.problem = `« ${quote(value)} » n'est pas une personne connue (${BENEFICIARIES.map((b) => b.id).join(', ')}) ; voici les aides pour tous.`;
  return out;
}

/** #/france, #/france/commune/<code> (any well-formed code: the page says when no commune has it), and the footer's pages. */
function nationalView(kind: string | undefined, code: string | undefined, rest: string[], pathPart: string): ParsedHash {
  const territory = NATIONAL;
  if (kind === undefined || (kind === '' && code === undefined)) return { view: { territory } };
  const page = SITE_PAGES.find((k) => PAGES[k] === kind);
  if (page && code === undefined) return { view: { territory, page } };
  const normalized = code?.trim().toUpperCase();
  if (kind === 'commune' && normalized && COMMUNE_CODE.test(normalized) && rest.length === 0) return { view: { territory, commune: normalized } };
  return { view: { territory }, problem: `Le lien « ${quote(pathPart)} » n'est pas reconnu ; voici la carte de France.` };
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Shows a user-supplied fragment in a message without letting a huge or odd string through. */
function quote(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

export function parseHash(hash: string, ctx: PermalinkContext): ParsedHash {
  const fallback = { territory: ctx.defaultTerritory };
  const raw = hash.replace(/^#/, '');
  if (raw === '' || raw === '/') return { view: fallback };
  if (raw.length > MAX_HASH) {
    return { view: fallback, problem: "Le lien est trop long pour être lu ; voici la carte d'ensemble." };
  }
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const territoryOfPath = decode(pathPart.replace(/^\//, '').split('/')[0]);
  const extra = parseQuery(queryPart, territoryOfPath && ctx.territoryNames.has(territoryOfPath) ? territoryOfPath : undefined, ctx, territoryOfPath === NATIONAL);
  const withQuery = (result: ParsedHash): ParsedHash => {
    const national = isNational(result.view);
    const onMap = !pageOf(result.view) || (national && !result.view.commune);
    const persona = result.view.page !== 'offers' ? parsePersona(queryPart, result.view.page === 'simulator' ? result.view.params : undefined) : {};
    const view = {
      ...result.view,
      ...(extra.year !== undefined && !national ? { year: extra.year } : {}),
      ...(extra.profession ? { profession: extra.profession } : {}),
      ...(onMap && extra.zonage ? { zonage: extra.zonage } : {}),
      ...(onMap && extra.table ? { table: true } : {}),
      ...(pageOf(result.view) === 'national' && !result.view.commune && extra.area ? { area: extra.area } : {}),
      ...(pageOf(result.view) === 'national' && !result.view.commune && extra.tableFilters ? { tableFilters: extra.tableFilters } : {}),
      // The national view has one colouring besides the ARS zonage: the APL (?couleurs=apl).
      ...(onMap && extra.layer && (!national || extra.layer === NATIONAL_LAYER) ? { layer: extra.layer } : {}),
      ...(onMap && !national && extra.movements ? { movements: extra.movements } : {}),
      ...(onMap && !national && extra.offerLayer ? { offerLayer: true } : {}),
      ...(persona.persona ? { persona: persona.persona } : {}),
      ...(persona.simulator !== undefined ? { params: persona.simulator } : {}),
    };
    const problems = [...(result.problem ? [result.problem] : []), ...extra.problems, ...(persona.problem ? [persona.problem] : [])];
    return problems.length ? { view, problem: problems.join(' '), problems } : { view };
  };
  const parts = pathPart.replace(/^\//, '').split('/').map(decode);
  if (parts.some((p) => p === undefined)) {
    return { view: fallback, problem: "Le lien contient des caractères illisibles ; voici la carte d'ensemble." };
  }
  const [territory, kind, code, ...rest] = parts as string[];
  if (territory === NATIONAL) return withQuery(nationalView(kind, code, rest, pathPart));
  if (!ctx.territoryNames.has(territory)) {
    return {
      view: fallback,
      problem: `Le territoire « ${quote(territory)} » n'existe pas ; voici ${ctx.territoryNames.get(ctx.defaultTerritory)}.`,
    };
  }
  const name = ctx.territoryNames.get(territory);
  if (kind === undefined || (kind === '' && code === undefined)) return withQuery({ view: { territory } });
  const page = (Object.keys(PAGES) as Page[]).find((k) => PAGES[k] === kind);
  if (page && code === undefined) {
    if (!STATEFUL.includes(page)) return withQuery({ view: { territory, page } });
    // The page's own state: the query without the parameters every view shares or the map uses.
    const params = new URLSearchParams(queryPart);
    for (const key of [...SHARED_PARAMS, ...MAP_PARAMS]) params.delete(key);
    return withQuery({ view: { territory, page, params: params.toString() } });
  }
  if (kind !== 'commune' || !code || rest.length > 0) {
    return withQuery({ view: { territory }, problem: `Le lien « ${quote(pathPart)} » n'est pas reconnu ; voici la carte de ${name}.` });
  }
  const commune = ctx.resolveCommune(territory, code.trim().toUpperCase());
  if (!commune) {
    return withQuery({
      view: { territory },
      problem: `Aucune commune de code « ${quote(code)} » dans ${name} ; voici la carte du territoire.`,
    });
  }
  return withQuery({ view: { territory, commune } });
}
