// The checks of `offers accept`, shared with « Gestion » (issue 28: offers accepted from the staff space,
// the same checks, into the same publication).
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkOfferBatch, photoProblem, publishedOffers, type OfferSubmission } from '../../src/core/offer-batch.ts';
import type { Offer } from '../../src/core/offers.ts';
import { offersJson, publicationInstructions, publicationZip, publicationZipName } from '../../src/core/publication.ts';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const communes = new Set(['17008', '17024']);
const raw = (id: string, more: Record<string, unknown> = {}) => ({
  id, commune: '17024', kind: 'logement', title: 'Chambre pour un remplaçant', description: 'Chambre meublée.', professions: ['medecin-generaliste'],
  available: '2026-12-01', expires: '2027-06-30', contact: { name: 'Mairie', phone: '05 46 00 00 09' }, ...more,
});
const sub = (name: string, value: unknown): OfferSubmission => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { file: name, name, size: text.length, text: () => text };
};
/** The staff space's context: photos sent with the offer files, by name. */
const ctx = (photos: Record<string, Uint8Array> = {}, existing: string[] = [], replace = false) => ({
  communes,
  existing: new Set(existing),
  replace,
  replaceHint: 'cochez « Remplacer »',
  photo: (_s: OfferSubmission, src: string) => {
    const b = photos[src.slice(7)];
    return b ? photoProblem(src.slice(7), b) : `${src} introuvable.`;
  },
});

describe('un lot d’offres reçues : les contrôles de « offers accept »', () => {
  it('une offre valide avec sa photo est retenue ; une offre fautive est refusée en nommant le fichier et le champ', () => {
    const { report, offers } = checkOfferBatch(
      [sub('bonne.json', raw('aulnay-chambre', { photos: [{ src: 'photos/chambre.jpg', alt: 'La chambre' }] })), sub('fautive.json', raw('aulnay-x', { commune: '99999', contact: { name: 'Mairie' } }))],
      ctx({ 'chambre.jpg': JPEG }),
    );
    expect(report[0]).toEqual({ file: 'bonne.json', id: 'aulnay-chambre', valid: true, problems: [] });
    expect(report[1].valid).toBe(false);
    expect(report[1].problems).toEqual([
      'fautive.json, champ « commune » : code INSEE « 99999 » inconnu dans ce territoire.',
      'fautive.json, champ « contact » : une adresse e-mail ou un téléphone est obligatoire.',
    ]);
    expect(offers.map((o) => [o.offer.id, o.submission.name])).toEqual([['aulnay-chambre', 'bonne.json']]);
  });

  it.each([
    ['absente', {}, 'bonne.json, champ « photos » : photos/chambre.jpg introuvable.'],
    ['pas une image', { 'chambre.jpg': new TextEncoder().encode('root:x:0:0') }, "bonne.json, champ « photos » : chambre.jpg : ce n'est pas une image JPEG, PNG ou WebP (premiers octets) ; refusé."],
    ['PNG nommée .jpg', { 'chambre.jpg': PNG }, 'bonne.json, champ « photos » : chambre.jpg : image PNG sous une extension .jpeg ; renommez-la.'],
  ])('photo %s : offre refusée, le message nomme le fichier, le champ et la photo', (_, photos, message) => {
    const { report, offers } = checkOfferBatch([sub('bonne.json', raw('aulnay-chambre', { photos: [{ src: 'photos/chambre.jpg', alt: 'La chambre' }] }))], ctx(photos));
    expect(report[0].problems).toEqual([message]);
    expect(offers).toEqual([]);
  });

  it('une photo trop lourde est refusée sans être lue', () => {
    expect(photoProblem('grande.jpg', new Uint8Array(), 6_000_000)).toBe('grande.jpg : 6 Mo, au-delà de la limite de 5 Mo ; refusé.');
  });

  it('un identifiant déjà publié demande de remplacer ; deux offres du même identifiant dans un lot sont refusées toutes deux', () => {
    expect(checkOfferBatch([sub('a.json', raw('andilly-logement-interne'))], ctx({}, ['andilly-logement-interne'])).report[0].problems).toEqual([
      'a.json : une offre « andilly-logement-interne » existe déjà (cochez « Remplacer »).',
    ]);
    expect(checkOfferBatch([sub('a.json', raw('andilly-logement-interne'))], ctx({}, ['andilly-logement-interne'], true)).report[0].valid).toBe(true);
    const twice = checkOfferBatch([sub('un.json', raw('aulnay-double')), sub('deux.json', raw('aulnay-double'))], ctx());
    expect(twice.report.map((r) => r.valid)).toEqual([false, false]);
    expect(twice.report[0].problems[0]).toContain('même identifiant « aulnay-double » que deux.json dans ce lot');
  });

  it('un fichier refusé avant lecture (lien, pas un fichier ordinaire) garde le seul message du lecteur', () => {
    const r = checkOfferBatch([{ file: 'l.json', name: 'l.json', size: 0, text: () => '', refused: 'l.json : lien symbolique refusé.' }], ctx());
    expect(r.report[0]).toEqual({ file: 'l.json', id: null, valid: false, problems: ['l.json : lien symbolique refusé.'] });
  });
});

describe('les offres dans la publication unique', () => {
  const offer = (id: string, available: string, expires = '2027-12-31') => ({ ...raw(id), available, expires, links: [], photos: [], example: false, source: 's', contact: { name: 'Mairie', phone: '05 46 00 00 09' } }) as Offer;

  it('offres.json du site : les offres publiées, la nouvelle ajoutée ou remplaçant la sienne, les expirées laissées de côté, la plus récente d’abord', () => {
    const published = [offer('a', '2026-01-01'), offer('b', '2026-03-01'), offer('vieille', '2025-01-01', '2026-01-31')];
    const json = JSON.parse(offersJson('charente-maritime', published, [offer('b', '2026-02-01'), offer('c', '2026-06-01')], '2026-12-04')) as { territory: string; offers: Offer[] };
    expect(json.territory).toBe('charente-maritime');
    expect(json.offers.map((o) => `${o.id} ${o.available}`)).toEqual(['c 2026-06-01', 'b 2026-02-01', 'a 2026-01-01']);
    expect(publishedOffers(published, '2026-12-04').map((o) => o.id)).toEqual(['b', 'a']);
  });

  it('le ZIP : offres.json et photos pour le serveur, le fichier d’offre et ses photos pour le projet, le LISEZMOI dit où va chaque fichier', () => {
    const p = {
      territory: 'charente-maritime',
      territoryName: 'Charente-Maritime',
      files: [],
      bundleJson: '{}\n',
      offers: [{ offer: { ...offer('aulnay-chambre', '2026-12-01'), photos: [{ src: 'photos/chambre.jpg', alt: 'La chambre' }] }, sourceFile: 'aulnay.json', photos: [{ src: 'photos/chambre.jpg', bytes: JPEG }] }],
      publishedOffers: [offer('a', '2026-01-01')],
      asOf: '2026-12-04',
    };
    const zip = unzipSync(publicationZip(p));
    expect(Object.keys(zip).sort()).toEqual([
      'LISEZMOI.txt',
      'projet/data/territories/charente-maritime/offres/aulnay-chambre.json',
      'projet/data/territories/charente-maritime/offres/photos/chambre.jpg',
      'site/data/charente-maritime/offres.json',
      'site/data/charente-maritime/photos/chambre.jpg',
    ]);
    expect(zip['site/data/charente-maritime/photos/chambre.jpg']).toEqual(JPEG);
    expect((JSON.parse(strFromU8(zip['site/data/charente-maritime/offres.json'])) as { offers: Offer[] }).offers.map((o) => o.id)).toEqual(['aulnay-chambre', 'a']);
    expect(JSON.parse(strFromU8(zip['projet/data/territories/charente-maritime/offres/aulnay-chambre.json']))).toMatchObject({ id: 'aulnay-chambre', commune: '17024' });
    const readme = publicationInstructions(p);
    expect(readme).toContain('- offre « aulnay-chambre » : fichier reçu aulnay.json et 1 photo');
    expect(readme).toContain('1. Publier les offres sur le site :');
    expect(readme).toContain('à la place du fichier data/charente-maritime/offres.json');
    expect(readme).toContain('les photos de site/data/charente-maritime/photos/ dans le dossier data/charente-maritime/photos/');
    expect(readme).toContain('(les offres vont dans offres/, leurs photos dans offres/photos/)');
    expect(readme).not.toContain('zonage.json sur le serveur');
    expect(publicationZipName(p)).toBe('publication-charente-maritime-offres.zip');
  });
});
