// The national table's filters in the link (#/france?vue=tableau&dep=55&classe=zip&q=bar&tri=-population&page=2):
// a shared link or back/forward shows the same communes. Read by the permalink; each malformed value is dropped
// with its own French message. Whether a département or class exists is the table's to check (it has the data).

export const NATIONAL_SORTS = ['nom', 'code', 'departement', 'population', 'classId'] as const;
export type NationalSort = (typeof NATIONAL_SORTS)[number];
/** The sort keys as written in the link (« classe » rather than the field's name). */
const SORT_PARAM: Record<NationalSort, string> = { nom: 'nom', code: 'code', departement: 'departement', population: 'population', classId: 'classe' };

export interface NationalFilters {
  /** A commune's name or the start of its INSEE code, as typed. */
  text?: string;
  /** A département's code (« 55 », « 2A », « 974 »). */
  departement?: string;
  classId?: string;
  sort?: NationalSort;
  /** Sorted from the largest (« tri=-population »); ascending otherwise. */
  descending?: boolean;
  /** The table's page, from 1 (absent means the first). */
  page?: number;
}

const PARAMS = ['q', 'dep', 'classe', 'tri', 'page'] as const;
const DEPARTEMENT = /^(\d{2}|2[AB]|97\d)$/;
const CLASS_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_TEXT = 100;

const quote = (text: string) => {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
};

/** True when the query names one of the table's filters. */
export const hasNationalFilters = (params: URLSearchParams): boolean => PARAMS.some((p) => params.has(p));

export function parseNationalFilters(params: URLSearchParams): { filters: NationalFilters; problems: string[] } {
  const filters: NationalFilters = {};
  const problems: string[] = [];
  const text = params.get('q');
  if (text !== null && text !== '') {
    if (text.length <= MAX_TEXT && !/[\u0000-\u001f\u007f]/.test(text)) filters.text = text;
    else problems.push(`La recherche « ${quote(text)} » n'est pas lisible ; voici toutes les communes.`);
  }
  const dep = params.get('dep');
  if (dep !== null && dep !== '') {
    const code = dep.toUpperCase();
    if (DEPARTEMENT.test(code)) filters.departement = code;
    else problems.push(`Le département « ${quote(dep)} » n'est pas un code de département (17, 2A, 974…) ; voici tous les départements.`);
  }
  const cls = params.get('classe');
  if (cls !== null && cls !== '') {
    if (CLASS_ID.test(cls)) filters.classId = cls;
    else problems.push(`La classe « ${quote(cls)} » n'est pas reconnue ; voici toutes les classes.`);
  }
  const tri = params.get('tri');
  if (tri !== null && tri !== '') {
    const descending = tri.startsWith('-');
    const sort = NATIONAL_SORTS.find((k) => SORT_PARAM[k] === tri.replace(/^-/, ''));
    if (sort) {
      if (sort !== 'nom') filters.sort = sort;
      if (descending) filters.descending = true;
    } else problems.push(`Le tri « ${quote(tri)} » n'existe pas (${NATIONAL_SORTS.map((k) => SORT_PARAM[k]).join(', ')}, précédé de « - » pour l'ordre décroissant) ; voici l'ordre des noms.`);
  }
  const page = params.get('page');
  if (page !== null && page !== '') {
    if (/^\d{1,6}$/.test(page) && Number(page) >= 1) {
      if (Number(page) > 1) filters.page = Number(page);
    } else problems.push(`La page « ${quote(page)} » n'est pas lisible ; voici la première page.`);
  }
  return { filters, problems };
}

/** Writes the filters into the query, in a fixed order (the canonical link); the defaults are left out. */
export function writeNationalFilters(query: URLSearchParams, f: NationalFilters): void {
  if (f.departement) query.set('dep', f.departement);
  if (f.classId) query.set('classe', f.classId);
  if (f.text) query.set('q', f.text);
  if ((f.sort && f.sort !== 'nom') || f.descending) query.set('tri', `${f.descending ? '-' : ''}${SORT_PARAM[f.sort ?? 'nom']}`);
  if (f.page && f.page > 1) query.set('page', String(f.page));
}

/** True when no filter departs from the table's defaults (nothing to write in the link). */
export const isDefaultFilters = (f: NationalFilters): boolean => {
  const q = new URLSearchParams();
  writeNationalFilters(q, f);
  return q.size === 0;
};
