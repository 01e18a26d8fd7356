import { describe, expect, it } from 'vitest';
import { formatHash, pageOf, parseHash, type PermalinkContext } from '../../src/core/permalink.ts';

const ctx: PermalinkContext = {
  defaultTerritory: 'charente-maritime',
  territoryNames: new Map([
    ['charente-maritime', 'Charente-Maritime'],
    ['mauges', 'Mauges Communauté'],
  ]),
  resolveCommune: (t, code) => {
    if (t === 'charente-maritime' && code === '17189') return '17219'; // former code
    return (t === 'charente-maritime' && code.startsWith('17')) || (t === 'mauges' && code === '49023') ? code : undefined;
  },
};

describe('lien permanent (hash)', () => {
  it.each([
    ['', { territory: 'charente-maritime' }],
    ['#', { territory: 'charente-maritime' }],
    ['#/', { territory: 'charente-maritime' }],
    ['#/mauges', { territory: 'mauges' }],
    ['#/mauges/', { territory: 'mauges' }],
    ['#/mauges/commune/49023', { territory: 'mauges', commune: '49023' }],
    ['#/charente-maritime/commune/17300', { territory: 'charente-maritime', commune: '17300' }],
    ['#/charente-maritime/commune/17189', { territory: 'charente-maritime', commune: '17219' }],
  ])('%s se lit sans message', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
  });

  it.each([
    ['#/nulle-part', { territory: 'charente-maritime' }, "Le territoire « nulle-part » n'existe pas ; voici Charente-Maritime."],
    ['#/mauges/commune/17300', { territory: 'mauges' }, 'Aucune commune de code « 17300 » dans Mauges Communauté'],
    ['#/mauges/commune/', { territory: 'mauges' }, "n'est pas reconnu"],
    ['#/mauges/commune', { territory: 'mauges' }, "n'est pas reconnu"],
    ['#/mauges/commune/49023/extra', { territory: 'mauges' }, "n'est pas reconnu"],
    ['#/charente-maritime/%E0%A4%A', { territory: 'charente-maritime' }, 'caractères illisibles'],
    [`#/${'a'.repeat(1600)}`, { territory: 'charente-maritime' }, 'trop long'],
    ['#/<script>alert(1)</script>', { territory: 'charente-maritime' }, 'Le territoire « <script>alert(1)< » n\'existe pas'],
  ])('%s retombe sur une vue valide avec un message poli', (hash, view, message) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual(view);
    expect(parsed.problem).toContain(message);
  });

  it('écrit puis relit la même vue', () => {
    for (const view of [{ territory: 'mauges' }, { territory: 'charente-maritime', commune: '17300' }]) {
      expect(parseHash(formatHash(view), ctx).view).toEqual(view);
    }
  });
});

describe('simulateur : son état dans le lien', () => {
  it('écrit puis relit la page et ses paramètres', () => {
    const view = { territory: 'charente-maritime', page: 'simulator' as const, params: 'commune=17300&date=2026-03-01&age=45', persona: 'medecin' };
    const hash = formatHash(view);
    expect(hash).toBe('#/charente-maritime/simulateur?commune=17300&date=2026-03-01&age=45&pour=medecin');
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(parseHash('#/mauges/simulateur', ctx)).toEqual({ view: { territory: 'mauges', page: 'simulator' as const, params: '' } });
  });
});

describe('année et profession dans le lien', () => {
  it.each([
    ['#/mauges?annee=2025&profession=chirurgien-dentiste', { territory: 'mauges', year: 2025, profession: 'chirurgien-dentiste' }],
    ['#/charente-maritime/commune/17300?annee=2025', { territory: 'charente-maritime', commune: '17300', year: 2025 }],
  ])('%s', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(formatHash(view)).toBe(hash);
  });

  it.each([
    ['#/mauges?annee=deux-mille', "L'année « deux-mille » n'est pas lisible"],
    ['#/mauges?profession=<b>', "La profession « <b> » n'est pas reconnue"],
  ])('%s : valeur ignorée, message', (hash, message) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual({ territory: 'mauges' });
    expect(parsed.problem).toContain(message);
  });
});

describe('vue tableau et couche « aides » dans le lien (retour arrière entre les vues)', () => {
  it.each([
    ['#/charente-maritime?vue=tableau', { territory: 'charente-maritime', table: true }],
    ['#/charente-maritime?couleurs=cd17-fiche-08', { territory: 'charente-maritime', layer: 'cd17-fiche-08' }],
    ['#/charente-maritime/commune/17300?annee=2025&vue=tableau&couleurs=cd17-fiche-08', { territory: 'charente-maritime', commune: '17300', year: 2025, table: true, layer: 'cd17-fiche-08' }],
  ])('%s', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(formatHash(view)).toBe(hash);
  });

  it('« vue=carte » est la vue par défaut, et ne reste pas dans le lien', () => {
    expect(parseHash('#/mauges?vue=carte', ctx)).toEqual({ view: { territory: 'mauges' } });
  });

  it.each([
    ['#/mauges?vue=<img src=x>', "La vue « <img src=x> » n'existe pas"],
    ['#/mauges?couleurs=../../etc', "La couche « ../../etc » n'est pas reconnue"],
  ])('%s : valeur ignorée, message', (hash, message) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual({ territory: 'mauges' });
    expect(parsed.problem).toContain(message);
  });

  it('le simulateur ignore la vue et la couche de la carte', () => {
    expect(parseHash('#/mauges/simulateur?vue=tableau&couleurs=x&age=30', ctx)).toEqual({ view: { territory: 'mauges', page: 'simulator' as const, params: 'age=30' } });
  });
});

describe('mouvements sur la carte et page de suivi dans le lien', () => {
  it.each([
    ['#/charente-maritime?mouvements=2026-01-01..2026-11-23', { territory: 'charente-maritime', movements: { from: '2026-01-01', to: '2026-11-23' } }],
    ['#/mauges/suivi', { territory: 'mauges', page: 'dashboard' as const }],
    ['#/mauges/suivi?profession=chirurgien-dentiste', { territory: 'mauges', page: 'dashboard' as const, profession: 'chirurgien-dentiste' }],
  ])('%s', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(formatHash(view)).toBe(hash);
  });
  it.each(['2026-11-23..2026-01-01', '2026-13-01..2026-12-01', 'hier', '2026-01-01'])('mouvements=%s : ignoré, message', (range) => {
    const parsed = parseHash(`#/mauges?mouvements=${range}`, ctx);
    expect(parsed.view).toEqual({ territory: 'mauges' });
    expect(parsed.problem).toContain("La période de mouvements");
  });
});

describe('page des offres : ses filtres dans le lien', () => {
  it('écrit puis relit la page et ses filtres ; la vue de la carte ne s\'y mêle pas', () => {
    const view = { territory: 'charente-maritime', page: 'offers' as const, params: 'type=logement&pour=etudiant' };
    expect(formatHash(view)).toBe('#/charente-maritime/offres?type=logement&pour=etudiant');
    expect(parseHash(formatHash(view), ctx)).toEqual({ view });
    expect(parseHash('#/mauges/offres?vue=tableau&type=local', ctx)).toEqual({ view: { territory: 'mauges', page: 'offers' as const, params: 'type=local' } });
    expect(parseHash('#/mauges/offres', ctx)).toEqual({ view: { territory: 'mauges', page: 'offers' as const, params: '' } });
    expect(parseHash('#/mauges/proposer', ctx)).toEqual({ view: { territory: 'mauges', page: 'propose' as const } });
    expect(formatHash({ territory: 'mauges', page: 'propose' as const })).toBe('#/mauges/proposer');
    expect(parseHash('#/mauges/relecture?offres=1', ctx)).toEqual({ view: { territory: 'mauges', page: 'review' as const } });
  });
});

describe('couche des offres sur la carte', () => {
  it('?offres=1 se lit et s\'écrit ; une autre valeur est signalée', () => {
    const view = { territory: 'charente-maritime', commune: '17300', offerLayer: true };
    expect(formatHash(view)).toBe('#/charente-maritime/commune/17300?offres=1');
    expect(parseHash(formatHash(view), ctx)).toEqual({ view });
    expect(parseHash('#/mauges?offres=oui', ctx).problem).toContain("La valeur « oui » de « offres » n'est pas lisible");
  });
});

describe('valeurs fausses dans le lien : un message pour chacune, toutes retirées du lien', () => {
  const withData: PermalinkContext = { ...ctx, years: (t) => (t === 'mauges' ? [2024, 2025] : undefined), professions: (t) => (t === 'mauges' ? ['medecin-generaliste', 'chirurgien-dentiste'] : undefined) };
  it.each([
    ['#/charente-maritime?annee=1900', ctx, ['Aucun zonage 1900 ; voici le zonage en vigueur.']],
    ['#/mauges?annee=2031', withData, ['Aucun zonage 2031 (années disponibles : 2024, 2025) ; voici le zonage en vigueur.']],
    ['#/mauges?profession=plombier', ctx, ["La profession « plombier » n'est pas reconnue."]],
    ['#/mauges?profession=infirmier', withData, ["La profession « infirmier » n'est pas reconnue."]],
    [
      '#/mauges?annee=1900&profession=plombier&vue=x&offres=oui&mouvements=hier',
      withData,
      [
        'Aucun zonage 1900 (années disponibles : 2024, 2025) ; voici le zonage en vigueur.',
        "La profession « plombier » n'est pas reconnue.",
        "La vue « x » n'existe pas ; voici la carte.",
        "La valeur « oui » de « offres » n'est pas lisible (1 ou 0).",
        "La période de mouvements « hier » n'est pas lisible (attendu AAAA-MM-JJ..AAAA-MM-JJ).",
      ],
    ],
  ] as const)('%s', (hash, c, messages) => {
    const parsed = parseHash(hash, c);
    expect(parsed.view).toEqual({ territory: hash.startsWith('#/mauges') ? 'mauges' : 'charente-maritime' });
    expect(parsed.problems).toEqual(messages);
    expect(parsed.problem).toBe(messages.join(' '));
    expect(formatHash(parsed.view)).toBe(hash.split('?')[0]);
  });

  it('les bonnes valeurs restent quand une autre est retirée', () => {
    const parsed = parseHash('#/mauges?annee=2025&profession=plombier&vue=tableau', { ...ctx, years: () => [2025] });
    expect(parsed.view).toEqual({ territory: 'mauges', year: 2025, table: true });
    expect(formatHash(parsed.view)).toBe('#/mauges?annee=2025&vue=tableau');
  });
});

describe('pages du pied de page et espace de gestion', () => {
  it.each([
    ['#/charente-maritime/gestion', { territory: 'charente-maritime', page: 'manage' as const }],
    ['#/mauges/mentions-legales', { territory: 'mauges', page: 'legal' as const }],
    ['#/mauges/accessibilite', { territory: 'mauges', page: 'accessibility' as const }],
    ['#/charente-maritime/donnees-personnelles', { territory: 'charente-maritime', page: 'privacy' as const }],
    ['#/charente-maritime/methode', { territory: 'charente-maritime', page: 'method' as const }],
    ['#/mauges/contact', { territory: 'mauges', page: 'contact' as const }],
  ])('%s se lit, s\'écrit à l\'identique et ne montre pas la carte', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(formatHash(view)).toBe(hash);
    expect(pageOf(view)).toBeDefined();
  });

  it.each([
    ['#/mauges/methode?vue=tableau&offres=1', { territory: 'mauges', page: 'method' as const }],
    ['#/charente-maritime/gestion?annee=2027', { territory: 'charente-maritime', page: 'manage' as const, year: 2027 }],
  ])('%s : les paramètres de la carte sont ignorés, année et profession gardées', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
  });

  it.each(['#/mauges/gestion/import', '#/mauges/mentions'])('%s : lien non reconnu, carte du territoire', (hash) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual({ territory: 'mauges' });
    expect(parsed.problem).toContain("n'est pas reconnu");
  });

  it('la carte et la fiche commune ne sont pas des pages', () => {
    expect(pageOf({ territory: 'mauges' })).toBeUndefined();
    expect(pageOf({ territory: 'mauges', commune: '49023', table: true })).toBeUndefined();
  });
});

describe('« Je suis… » : la personne dans le lien (?pour=)', () => {
  it.each([
    ['#/mauges?pour=interne', { territory: 'mauges', persona: 'interne' }],
    ['#/charente-maritime/commune/17300?pour=medecin', { territory: 'charente-maritime', commune: '17300', persona: 'medecin' }],
    ['#/mauges/simulateur?commune=49023&pour=chirurgien-dentiste', { territory: 'mauges', page: 'simulator' as const, params: 'commune=49023', persona: 'chirurgien-dentiste' }],
    // An older simulator link: its « beneficiary » becomes the person.
    ['#/mauges/simulateur?beneficiary=interne&age=28', { territory: 'mauges', page: 'simulator' as const, params: 'age=28', persona: 'interne' }],
    // « pour » wins over an older « beneficiary ».
    ['#/mauges/simulateur?beneficiary=interne&pour=medecin', { territory: 'mauges', page: 'simulator' as const, params: '', persona: 'medecin' }],
    // The offers page keeps « pour » as its own audience filter.
    ['#/mauges/offres?pour=etudiant', { territory: 'mauges', page: 'offers' as const, params: 'pour=etudiant' }],
    ['#/mauges/suivi?pour=commune', { territory: 'mauges', page: 'dashboard' as const, persona: 'commune' }],
  ])('%s', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
  });

  it.each([
    ['#/mauges?pour=astronaute', { territory: 'mauges' }],
    ['#/mauges/simulateur?beneficiary=x&age=30', { territory: 'mauges', page: 'simulator' as const, params: 'age=30' }],
  ])('%s : une personne inconnue est ignorée avec un message', (hash, view) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual(view);
    expect(parsed.problem).toContain("n'est pas une personne connue");
  });

  it.each([
    { territory: 'mauges', persona: 'interne' },
    { territory: 'charente-maritime', commune: '17300', persona: 'commune', year: 2026 },
    { territory: 'mauges', page: 'simulator' as const, params: 'commune=49023&age=40', persona: 'medecin' },
  ])('écrit puis relit %o', (view) => {
    expect(parseHash(formatHash(view), ctx).view).toEqual(view);
  });

  it("n'écrit pas la personne sur la page des offres", () => {
    expect(formatHash({ territory: 'mauges', page: 'offers' as const, params: 'type=logement', persona: 'interne' })).toBe('#/mauges/offres?type=logement');
  });
});

describe('couche de zonage dans le lien (zonage=<schéma>)', () => {
  it.each([
    ['#/charente-maritime?zonage=ars-medecin-generaliste', { territory: 'charente-maritime', zonage: 'ars-medecin-generaliste' }],
    ['#/charente-maritime?zonage=cd17&profession=medecin-generaliste', { territory: 'charente-maritime', zonage: 'cd17', profession: 'medecin-generaliste' }, '#/charente-maritime?profession=medecin-generaliste&zonage=cd17'],
    [
      '#/mauges/commune/49023?annee=2025&profession=masseur-kinesitherapeute&zonage=ars-masseur-kinesitherapeute&vue=tableau',
      { territory: 'mauges', commune: '49023', year: 2025, profession: 'masseur-kinesitherapeute', zonage: 'ars-masseur-kinesitherapeute', table: true },
    ],
  ] as Array<[string, Record<string, unknown>, string?]>)('%s', (hash, view, canonical) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(formatHash(view as never)).toBe(canonical ?? hash);
  });

  it.each([
    ['#/mauges?zonage=../x', "Le zonage « ../x » n'est pas reconnu"],
    ['#/mauges?zonage=ARS%20médecins', "Le zonage « ARS médecins » n'est pas reconnu"],
  ])('%s : valeur ignorée, message', (hash, message) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual({ territory: 'mauges' });
    expect(parsed.problem).toContain(message);
  });

  it('les autres pages ignorent la couche de la carte', () => {
    expect(parseHash('#/mauges/simulateur?zonage=ars-medecin-generaliste&age=30', ctx)).toEqual({ view: { territory: 'mauges', page: 'simulator' as const, params: 'age=30' } });
  });
});

describe('vue nationale (#/france)', () => {
  it.each([
    ['#/france', { territory: 'france' }],
    ['#/france?profession=infirmier', { territory: 'france', profession: 'infirmier' }],
    ['#/france?profession=infirmier&vue=tableau', { territory: 'france', profession: 'infirmier', table: true }],
    ['#/france/commune/79191', { territory: 'france', commune: '79191' }],
    ['#/france/commune/2a004', { territory: 'france', commune: '2A004' }],
    ['#/france/commune/97411', { territory: 'france', commune: '97411' }],
    ['#/france/methode', { territory: 'france', page: 'method' as const }],
    ['#/france?profession=medecin-generaliste&vue=974', { territory: 'france', profession: 'medecin-generaliste', area: '974' }],
    ['#/france?vue=971', { territory: 'france', area: '971' }],
    ['#/france?vue=976', { territory: 'france', area: '976' }],
  ])('%s se lit sans message et se réécrit à l’identique', (hash, view) => {
    expect(parseHash(hash, ctx)).toEqual({ view });
    expect(parseHash(formatHash(view), ctx)).toEqual({ view });
  });

  it('est une page à part (ni carte du territoire, ni autre page)', () => {
    expect(pageOf({ territory: 'france' })).toBe('national');
    expect(pageOf({ territory: 'france', commune: '79191' })).toBe('national');
    expect(pageOf({ territory: 'france', page: 'method' as const })).toBe('method');
  });

  it.each([
    ['#/france/commune/7919', 'n\'est pas reconnu'],
    ['#/france/simulateur', 'n\'est pas reconnu'],
    ['#/france?profession=plombier', 'La profession « plombier » n\'est pas reconnue.'],
  ])('%s revient à la carte de France avec un message', (hash, message) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view.territory).toBe('france');
    expect(parsed.view.commune).toBeUndefined();
    expect(parsed.problem).toContain(message);
  });

  it('ignore les paramètres propres à la carte d’un territoire', () => {
    expect(parseHash('#/france?annee=2025&couleurs=fiche-01&offres=1', ctx).view).toEqual({ territory: 'france' });
    // The national APL colouring is kept, and written back the same.
    expect(parseHash('#/france?couleurs=apl', ctx).view).toEqual({ territory: 'france', layer: 'apl' });
    expect(formatHash({ territory: 'france', layer: 'apl' })).toBe('#/france?couleurs=apl');
  });

  it.each([
    // « metropole » and « carte » are the default view: read without a message, dropped from the link.
    ['#/france?vue=metropole', { territory: 'france' }, undefined, '#/france'],
    ['#/france?vue=carte&profession=infirmier', { territory: 'france', profession: 'infirmier' }, undefined, '#/france?profession=infirmier'],
    ['#/france?vue=975', { territory: 'france' }, "La vue « 975 » n'existe pas (vues possibles : carte, tableau, metropole, 971 (Guadeloupe), 972 (Martinique), 973 (Guyane), 974 (La Réunion), 976 (Mayotte)) ; voici la carte de la métropole.", '#/france'],
    ['#/france?vue=Réunion', { territory: 'france' }, "La vue « Réunion » n'existe pas", '#/france'],
    // A commune page, a footer page or a territory has no overseas view.
    ['#/france/commune/97411?vue=974', { territory: 'france', commune: '97411' }, undefined, '#/france/commune/97411'],
    ['#/france/methode?vue=974', { territory: 'france', page: 'method' as const }, undefined, '#/france/methode'],
    ['#/mauges?vue=974', { territory: 'mauges' }, "La vue « 974 » n'existe pas ; voici la carte.", '#/mauges'],
  ])('cadrage %s', (hash, view, problem, canonical) => {
    const parsed = parseHash(hash, ctx);
    expect(parsed.view).toEqual(view);
    if (problem) expect(parsed.problem).toContain(problem);
    else expect(parsed.problem).toBeUndefined();
    expect(formatHash(parsed.view)).toBe(canonical);
  });

  it('le tableau l’emporte sur le cadrage dans le lien (un seul paramètre « vue »)', () => {
    expect(formatHash({ territory: 'france', table: true, area: '974' })).toBe('#/france?vue=tableau');
    expect(formatHash({ territory: 'mauges', area: '974' })).toBe('#/mauges');
  });
});
