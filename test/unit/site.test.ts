import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { missingLegal, parseSite } from '../../src/core/site/settings.ts';

const full = {
  publisher: { name: 'Syndicat mixte X', address: '1 rue Y, 17000 La Rochelle', email: 'contact@x.fr', director: 'Mme Z' },
  host: { name: 'Hébergeur H', address: '2 rue W, 75000 Paris', url: 'https://h.example' },
};

describe('réglages du déploiement (data/site.json)', () => {
  it('le fichier livré se lit et dit tout ce qui manque avant la mise en ligne', () => {
    const site = parseSite(JSON.parse(fs.readFileSync('data/site.json', 'utf8')));
    expect(site.publisher.name).toBeNull();
    expect(missingLegal(site)).toEqual([
      "le nom de l'éditeur",
      "l'adresse de l'éditeur",
      "un moyen de joindre l'éditeur (e-mail ou téléphone)",
      'le directeur de la publication',
      "le nom de l'hébergeur",
      "l'adresse de l'hébergeur",
    ]);
  });

  it("complet : rien ne manque, le contact est l'e-mail de l'éditeur par défaut", () => {
    const site = parseSite(full);
    expect(missingLegal(site)).toEqual([]);
    expect(site.contact).toEqual({ email: 'contact@x.fr', url: null });
    expect(parseSite({ ...full, contact: { email: 'sante@x.fr' } }).contact.email).toBe('sante@x.fr');
  });

  it.each([
    [[], 'objet JSON attendu'],
    [{ publisher: 'X' }, '« publisher » doit être un objet'],
    [{ publisher: { name: 3 } }, '« publisher.name » doit être un texte ou null'],
    [{ publisher: { email: 'pas une adresse' } }, "« publisher.email » n'est pas une adresse e-mail"],
    [{ host: { url: 'javascript:alert(1)' } }, '« host.url » doit être une adresse https://'],
    [{ contact: { url: 'http://x.fr' } }, '« contact.url » doit être une adresse https://'],
  ])('%j refusé : %s', (raw, message) => {
    expect(() => parseSite(raw, 'data/site.json')).toThrow(message);
    expect(() => parseSite(raw, 'data/site.json')).toThrow('data/site.json');
  });
});
