// Fiche 2 : « un outil de communication interactif où les communes pourront mettre en valeur leurs
// offres ». Each offer file is checked field by field; text stays text, links and photos stay safe.
import { describe, expect, it } from 'vitest';
import { offerActive, parseOffer, parsePhotoOrigins, safeLink, safePhoto } from '../../src/core/offers.ts';

const communes = new Set(['17300', '17028']);
const valid = {
  id: 'la-rochelle-logement-interne',
  commune: '17300',
  kind: 'logement',
  title: 'Studio meublé pour interne',
  description: 'Studio de 25 m² à 5 minutes de la maison de santé.\nLibre pour le semestre.',
  conditions: 'Loyer 250 € charges comprises ; 6 mois renouvelables.',
  professions: ['etudiant', 'medecin-generaliste'],
  available: '2026-11-02',
  expires: '2027-05-01',
  contact: { name: 'Mairie de La Rochelle', email: 'sante@ville-larochelle.fr', phone: '05 46 00 00 00' },
  links: [{ label: 'Plan du quartier', url: 'https://www.larochelle.fr/plan' }],
  photos: [{ src: 'photos/studio.jpg', alt: 'Le séjour du studio' }],
  example: true,
};

describe('fichier d\'offre', () => {
  it('une offre complète est acceptée telle quelle', () => {
    const r = parseOffer(valid, 'offres/x.json', communes);
    expect(r.problems).toEqual([]);
    expect(r.offer).toMatchObject({ id: valid.id, kind: 'logement', example: true, professions: ['etudiant', 'medecin-generaliste'] });
  });

  it.each([
    ['champ inconnu', { ...valid, titre: 'x' }, 'champ « titre » : champ inconnu'],
    ['commune hors territoire', { ...valid, commune: '75056' }, 'champ « commune » : code INSEE « 75056 » inconnu'],
    ['type inconnu', { ...valid, kind: 'chateau' }, 'champ « kind » : type « chateau » inconnu'],
    ['titre vide', { ...valid, title: '  ' }, 'champ « title » : obligatoire.'],
    ['titre trop long', { ...valid, title: 'x'.repeat(121) }, 'champ « title » : 121 caractères, au-delà de la limite de 120.'],
    ['description démesurée', { ...valid, description: 'x'.repeat(100_000) }, 'champ « description » : 100000 caractères'],
    ['date impossible', { ...valid, expires: '2027-02-30' }, 'champ « expires » : date « 2027-02-30 » impossible'],
    ['date au mauvais format', { ...valid, available: '02/11/2026' }, 'champ « available » : date « 02/11/2026 » impossible'],
    ['expire avant d\'être disponible', { ...valid, expires: '2026-10-01' }, "l'offre expire (2026-10-01) avant d'être disponible (2026-11-02)"],
    ['sans contact joignable', { ...valid, contact: { name: 'Mairie' } }, 'champ « contact » : une adresse e-mail ou un téléphone est obligatoire.'],
    ['courriel invalide', { ...valid, contact: { name: 'M', email: 'x@<script>' } }, 'champ « contact.email » : adresse « x@<script> » invalide'],
    ['courriel avec en-tête mailto (?cc=)', { ...valid, contact: { name: 'M', email: 'a@b.fr?cc=c@d.fr' } }, 'champ « contact.email » : adresse « a@b.fr?cc=c@d.fr » invalide'],
    ['courriel avec &', { ...valid, contact: { name: 'M', email: 'a&body=x@b.fr' } }, 'champ « contact.email »'],
    ['courriel avec %0A (en-tête encodé)', { ...valid, contact: { name: 'M', email: 'a%0Abcc:x@b.fr' } }, 'champ « contact.email »'],
    ['deux adresses', { ...valid, contact: { name: 'M', email: 'a@b.fr,c@d.fr' } }, 'champ « contact.email »'],
    ['lien mailto avec en-têtes', { ...valid, links: [{ label: 'x', url: 'mailto:a@b.fr?bcc=x@y.fr&body=hi' }] }, 'champ « links[0].url »'],
    ['photo https d’une origine non autorisée par la CSP', { ...valid, photos: [{ src: 'https://exemple.fr/a.jpg', alt: 'x' }] }, "d'une origine que le site n'autorise pas (aucune autorisée"],
    ['profession inconnue', { ...valid, professions: ['sorcier'] }, 'champ « professions » : « sorcier » inconnue'],
    ['lien javascript:', { ...valid, links: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'champ « links[0].url » : « javascript:alert(1) » refusé'],
    ['lien data:', { ...valid, links: [{ label: 'x', url: 'data:text/html,<script>alert(1)</script>' }] }, 'refusé : seuls les liens http(s), mailto et tel sont permis.'],
    ['photo hors du dossier', { ...valid, photos: [{ src: '../../etc/passwd.jpg', alt: 'x' }] }, 'champ « photos[0].src » : « ../../etc/passwd.jpg » refusé'],
    ['photo en http', { ...valid, photos: [{ src: 'http://exemple.fr/a.jpg', alt: 'x' }] }, 'champ « photos[0].src »'],
    ['caractère de contrôle', { ...valid, title: 'a\u0000b' }, 'champ « title » : contient des caractères de contrôle.'],
    ['trop de liens', { ...valid, links: Array.from({ length: 6 }, () => ({ label: 'a', url: 'https://a.fr' })) }, 'champ « links » : 6 éléments, au plus 5.'],
  ])('%s : refusée avec le fichier, le champ et la raison', (_name, raw, message) => {
    const r = parseOffer(raw, 'offres/x.json', communes);
    expect(r.offer).toBeUndefined();
    expect(r.problems.every((p) => p.startsWith('offres/x.json'))).toBe(true);
    expect(r.problems.join('\n')).toContain(message);
  });

  it('un texte avec du HTML reste un texte : accepté tel quel, jamais interprété (la vue l\'affiche comme texte)', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    const r = parseOffer({ ...valid, title: payload.slice(0, 100), description: payload, conditions: payload, contact: { ...valid.contact, name: payload } }, 'x.json', communes);
    expect(r.problems).toEqual([]);
    expect(r.offer!.description).toBe(payload);
  });

  it('contact sans nom ni moyen de le joindre : les deux champs sont dits ensemble (le formulaire les marque tous deux)', () => {
    const r = parseOffer({ ...valid, contact: { name: '' } }, 'x.json', communes);
    expect(r.problems).toEqual(['x.json, champ « contact.name » : obligatoire.', 'x.json, champ « contact » : une adresse e-mail ou un téléphone est obligatoire.']);
  });

  it('pas un objet : message clair', () => {
    expect(parseOffer([], 'x.json', communes).problems).toEqual(['x.json : le fichier doit contenir un objet JSON (une offre).']);
  });
});

describe('liens et photos permis', () => {
  it.each([
    ['https://www.exemple.fr/a?b=c', true],
    ['http://exemple.fr', true],
    ['mailto:mairie@exemple.fr', true],
    ['mailto:mairie@exemple.fr?subject=x', false],
    ['mailto:a@b.fr%0D%0ABcc:c@d.fr', false],
    ['tel:+33546000000', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    [' https://exemple.fr', false],
    ['https://exemple.fr/\u0000', false],
    ['//exemple.fr', false],
    ['/relatif', false],
    ['vbscript:x', false],
  ])('lien %s : %s', (url, ok) => expect(safeLink(url)).toBe(ok));
  it.each([
    ['photos/studio.jpg', true],
    ['photos/Cabinet_2.webp', true],
    ['https://exemple.fr/a.jpg', false],
    ['https://photos.exemple.fr/a.jpg', true],
    ['https://photos.exemple.fr.evil.fr/a.jpg', false],
    ['photos/../secret.jpg', false],
    ['photos/a.svg', false],
    ['data:image/png;base64,AAAA', false],
    ['http://exemple.fr/a.jpg', false],
  ])('photo %s : %s (origine autorisée : https://photos.exemple.fr)', (src, ok) => expect(safePhoto(src, ['https://photos.exemple.fr'])).toBe(ok));

  it('une photo https d’une origine autorisée (VITE_PHOTO_ORIGINS, aussi dans la CSP) est acceptée', () => {
    const origins = parsePhotoOrigins('https://photos.exemple.fr, http://x.fr https://a.fr/chemin pas-une-url');
    expect(origins).toEqual(['https://photos.exemple.fr']);
    expect(parseOffer({ ...valid, photos: [{ src: 'https://photos.exemple.fr/a.jpg', alt: 'x' }] }, 'o.json', communes, origins).problems).toEqual([]);
  });
});

describe('expiration', () => {
  it("une offre se montre jusqu'au jour de son expiration inclus, puis disparaît du site (elle reste dans les données)", () => {
    expect(offerActive(valid, '2027-05-01')).toBe(true);
    expect(offerActive(valid, '2027-05-02')).toBe(false);
  });
});

describe('filtres de la page des offres', async () => {
  const { filterOffers, offerFiltersFromParams, offerFiltersToParams } = await import('../../src/core/offers.ts');
  const o = (id: string, patch: object) => parseOffer({ ...valid, id, ...patch }, 'x.json', communes).offer!;
  const offers = [
    o('a', { kind: 'logement', commune: '17300', available: '2026-01-01' }),
    o('b', { kind: 'local', commune: '17028', professions: ['medecin-generaliste'], available: '2026-03-01' }),
    o('c', { kind: 'logement', commune: '17028', available: '2026-02-01', expires: '2026-02-28' }),
  ];
  const ctx = { today: '2026-06-01', zoneOf: (c: string) => (c === '17300' ? 'intermediaire' : 'fragile'), aidOpen: (_aid: string, c: string) => c === '17028' };
  it.each([
    [{}, ['b', 'a']],
    [{ kind: 'logement' }, ['a']],
    [{ audience: 'etudiant' }, ['a']],
    [{ zone: 'fragile' }, ['b']],
    [{ aid: 'cd17-fiche-08' }, ['b']],
    [{ kind: 'vie-locale' }, []],
  ])('%o → %o (expirées exclues, plus récentes d\'abord)', (filters, ids) => {
    expect(filterOffers(offers, filters, ctx).map((x) => x.id)).toEqual(ids);
  });
  it('les filtres vont dans le lien et en reviennent ; une valeur bizarre est ignorée et dite', () => {
    expect(offerFiltersToParams({ kind: 'logement', audience: 'etudiant' })).toBe('type=logement&pour=etudiant');
    expect(offerFiltersFromParams('type=logement&pour=etudiant')).toEqual({ filters: { kind: 'logement', audience: 'etudiant' } });
    expect(offerFiltersFromParams('type=<script>')).toEqual({ filters: {}, problem: "Le filtre « type » n'est pas lisible ; il est ignoré." });
    expect(offerFiltersFromParams('type=logement&zone=zzz', { kind: ['logement'], zone: ['fragile'] })).toEqual({
      filters: { kind: 'logement' },
      problem: 'Le filtre « zone » = « zzz » ne correspond à aucun choix ; il est ignoré.',
    });
  });
});

describe('proposer une offre', async () => {
  const { suggestOfferId, offerMailto } = await import('../../src/core/offers.ts');
  it('identifiant lisible tiré de la commune, du type et du titre', () => {
    expect(suggestOfferId("Saint-Jean-d'Angély", 'logement', 'Studio meublé pour un interne')).toBe('saint-jean-d-angely-logement-studio-meuble-pour-un-interne');
    expect(suggestOfferId('Œuvre', 'local', '')).toBe('oeuvre-local');
    expect(suggestOfferId('A', 'local', 'x'.repeat(100)).length).toBeLessThanOrEqual(60);
    expect(suggestOfferId('', '', '<script>')).toBe('script');
  });
  it("courriel pré-rempli au guichet unique : objet, corps, nom du fichier à joindre", () => {
    const offer = parseOffer(valid, 'x.json', communes).offer!;
    const url = offerMailto({ email: 'guichet@exemple.invalid' }, offer, 'La Rochelle');
    expect(url.startsWith('mailto:guichet@exemple.invalid?subject=')).toBe(true);
    const u = new URL(url);
    expect(u.pathname).toBe('guichet@exemple.invalid');
    expect(u.searchParams.get('subject')).toBe("Proposition d'offre — La Rochelle — Studio meublé pour interne");
    expect(u.searchParams.get('body')).toContain('Le fichier la-rochelle-logement-interne.json, téléchargé depuis le formulaire, est joint à ce message.');
    // The photos: how many, which formats, and the sentence that describes each.
    expect(u.searchParams.get('body')).toContain('Photos : 4 au plus, en JPEG, PNG ou WebP, jointes à ce message');
    // Dates in French in the e-mail, never AAAA-MM-JJ.
    expect(u.searchParams.get('body')).toMatch(/Valable du \d{1,2}(er)? [a-zéû]+ \d{4} au \d{1,2}(er)? [a-zéû]+ \d{4}/);
    expect(u.searchParams.get('body')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('formulaire : lien de l’offre', async () => {
  const { normaliseUrl, formLink, offerMailto } = await import('../../src/core/offers.ts');
  it.each([
    ['www.exemple.fr', 'https://www.exemple.fr'],
    ['  exemple.fr/logement?id=3 ', 'https://exemple.fr/logement?id=3'],
    ['mairie-andilly.fr', 'https://mairie-andilly.fr'],
    ['//www.exemple.fr/x', 'https://www.exemple.fr/x'],
    ['https://www.exemple.fr', 'https://www.exemple.fr'],
    ['http://exemple.fr', 'http://exemple.fr'],
    ['mairie@andilly.fr', 'mailto:mairie@andilly.fr'],
    ['tel:0546000000', 'tel:0546000000'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['pas une adresse', 'pas une adresse'],
    ['', ''],
  ])('« %s » → « %s »', (typed, url) => {
    expect(normaliseUrl(typed)).toBe(url);
  });

  it.each([
    ['', 'www.exemple.fr', [{ label: 'www.exemple.fr', url: 'https://www.exemple.fr' }]],
    ['  ', 'https://exemple.fr:8443/a/b', [{ label: 'exemple.fr:8443', url: 'https://exemple.fr:8443/a/b' }]],
    ['Le site de la mairie', 'www.exemple.fr', [{ label: 'Le site de la mairie', url: 'https://www.exemple.fr' }]],
    ['', 'mairie@andilly.fr', [{ label: 'mairie@andilly.fr', url: 'mailto:mairie@andilly.fr' }]],
    ['', '', []],
    ['Texte seul', '', [{ label: 'Texte seul', url: '' }]],
  ])('texte « %s », adresse « %s »', (label, url, links) => {
    expect(formLink(label, url)).toEqual(links);
  });

  it('une offre avec un lien sans texte est valide ; un lien refusé reste refusé', () => {
    const ok = parseOffer({ ...valid, links: formLink('', 'www.exemple.fr') }, 'x.json', communes);
    expect(ok.problems).toEqual([]);
    expect(ok.offer!.links).toEqual([{ label: 'www.exemple.fr', url: 'https://www.exemple.fr' }]);
    const bad = parseOffer({ ...valid, links: formLink('', 'javascript:alert(1)') }, 'x.json', communes);
    expect(bad.offer).toBeUndefined();
  });

  it('les dates du courriel sont écrites en français', () => {
    const offer = parseOffer(valid, 'x.json', communes).offer!;
    const body = new URL(offerMailto({ email: 'guichet@exemple.invalid' }, offer, 'La Rochelle')).searchParams.get('body')!;
    expect(body).toContain('Valable du 2 novembre 2026 au 1er mai 2027');
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
