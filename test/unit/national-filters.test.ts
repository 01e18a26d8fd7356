// The national table's filters kept in the link (issue 28): read, written back the same, malformed values
// dropped with a message naming them, and never on a commune page, the map or a territory.
import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, type PermalinkContext } from '../../src/core/permalink.ts';

const ctx: PermalinkContext = {
  defaultTerritory: 'charente-maritime',
  territoryNames: new Map([['charente-maritime', 'Charente-Maritime']]),
  resolveCommune: (_t, code) => (code.startsWith('17') ? code : undefined),
};
const table = { territory: 'france', profession: 'medecin-generaliste', table: true };

describe('filtres du tableau national dans le lien', () => {
  it.each([
    ['#/france?profession=medecin-generaliste&vue=tableau&dep=55', { ...table, tableFilters: { departement: '55' } }],
    ['#/france?profession=medecin-generaliste&vue=tableau&dep=2A&classe=zip', { ...table, tableFilters: { departement: '2A', classId: 'zip' } }],
    ['#/france?profession=medecin-generaliste&vue=tableau&q=saint+jean', { ...table, tableFilters: { text: 'saint jean' } }],
    ['#/france?profession=medecin-generaliste&vue=tableau&tri=-population', { ...table, tableFilters: { sort: 'population', descending: true } }],
    ['#/france?profession=medecin-generaliste&vue=tableau&tri=classe&page=3', { ...table, tableFilters: { sort: 'classId', page: 3 } }],
    ['#/france?profession=medecin-generaliste&vue=tableau&tri=-nom', { ...table, tableFilters: { descending: true } }],
    ['#/france?profession=medecin-generaliste&vue=tableau&dep=974&classe=hors-zonage&q=Saint-Denis&tri=-code&page=2', { ...table, tableFilters: { departement: '974', classId: 'hors-zonage', text: 'Saint-Denis', sort: 'code', descending: true, page: 2 } }],
  ])('%s se lit sans message et se réécrit à l’identique', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(formatHash(view as never)).toBe(hash);
  });

  it.each([
    // The defaults are left out of the link: the same table as without them.
    ['#/france?vue=tableau&tri=nom&page=1&q=', '#/france?vue=tableau'],
    // Parameters in any order, a lower-case Corsican code: one canonical link.
    ['#/france?page=2&vue=tableau&dep=2b', '#/france?vue=tableau&dep=2B&page=2'],
  ])('%s devient %s', (hash, canonical) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.problem).toBeUndefined();
    expect(formatHash(parsed.view)).toBe(canonical);
  });

  it.each([
    ['dep=Meuse', "Le département « Meuse » n'est pas un code de département (17, 2A, 974…)"],
    ['dep=555', "Le département « 555 »"],
    ['classe=ZIP!', "La classe « ZIP! » n'est pas reconnue"],
    ['tri=prix', "Le tri « prix » n'existe pas (nom, code, departement, population, classe, précédé de « - » pour l'ordre décroissant)"],
    ['page=0', "La page « 0 » n'est pas lisible"],
    ['page=deux', "La page « deux » n'est pas lisible"],
    [`q=${'a'.repeat(101)}`, "La recherche « aaaa"],
  ])('%s est écarté avec un message, le reste du lien gardé', (param, message) => {
    const kept = param.startsWith('dep=') ? 'classe=zac' : 'dep=17';
    const parsed = parseHash(`#/france?vue=tableau&${kept}&${param}`, ctx);
    expect(parsed.problem).toContain(message);
    expect(parsed.view).toEqual({ territory: 'france', table: true, tableFilters: kept === 'dep=17' ? { departement: '17' } : { classId: 'zac' } });
  });

  it('ni sur la carte, ni sur la page d’une commune, ni dans un territoire', () => {
    expect(parseHash('#/france?dep=55&classe=zip', ctx)).toEqual({ view: { territory: 'france' } });
    expect(parseHash('#/france/commune/55029?vue=tableau&dep=55', ctx).view).toEqual({ territory: 'france', commune: '55029' });
    expect(parseHash('#/charente-maritime?vue=tableau&dep=17', ctx).view).toEqual({ territory: 'charente-maritime', table: true });
    expect(formatHash({ territory: 'france', tableFilters: { departement: '55' } })).toBe('#/france');
    expect(formatHash({ territory: 'charente-maritime', table: true, tableFilters: { departement: '17' } })).toBe('#/charente-maritime?vue=tableau');
  });
});
