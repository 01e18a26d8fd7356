// The configured origins go into the security policy only as https://host[:port] (issue 23): a wildcard,
// a quote or a « ; » would widen it or add a directive; the build fails naming the variable.
import { describe, expect, it } from 'vitest';
import { configuredOrigin, contentSecurityPolicy, headersFile, policyOrigins } from '../../src/core/csp.ts';

describe('origines configurées', () => {
  it.each([
    ['VITE_TILES_URL', 'https://*'],
    ['VITE_TILES_URL', 'https://*.cdn.fr/france.pmtiles'],
    ['VITE_BASEMAP_URL', "https://tuiles.fr; script-src 'unsafe-inline'/{z}/{x}/{y}.png"],
    ['VITE_BASEMAP_URL', 'http://tuiles.fr/{z}/{x}/{y}.png'],
    ['VITE_BASEMAP_URL', 'https://moi:secret@tuiles.fr/{z}/{x}/{y}.png'],
    ['VITE_PHOTO_ORIGINS', "https://photos.fr 'unsafe-eval'"],
    ['VITE_PHOTO_ORIGINS', 'https://photos.fr;frame-ancestors'],
    ['VITE_TILES_URL', "tiles/x.pmtiles; script-src 'unsafe-eval'"],
  ])('%s=%s : la construction échoue en nommant la variable', (variable, value) => {
    expect(() => policyOrigins({ [variable]: value })).toThrow(new RegExp(`^${variable} `));
  });

  it('des origines correctes passent, l’adresse relative des tuiles est la même origine', () => {
    const o = policyOrigins({ VITE_BASEMAP_URL: 'https://tuiles.exemple.fr/{z}/{x}/{y}.png', VITE_TILES_URL: 'tiles/france.pmtiles', VITE_PHOTO_ORIGINS: 'https://a.fr, https://b.fr:8443/' });
    expect(o).toEqual({ basemap: 'https://tuiles.exemple.fr', tiles: '', photos: ['https://a.fr', 'https://b.fr:8443'] });
    expect(configuredOrigin('VITE_TILES_URL', 'https://cdn.exemple.fr/france-abc.pmtiles')).toBe('https://cdn.exemple.fr');
    expect(contentSecurityPolicy(o)).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https://tuiles.exemple.fr https://a.fr https://b.fr:8443; connect-src 'self' https://tuiles.exemple.fr; worker-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'");
  });

  it('_headers : la même politique pour toutes les adresses (workers compris), avec frame-ancestors et les autres en-têtes', () => {
    const h = headersFile(policyOrigins({}));
    expect(h.split('\n')[0]).toBe('/*');
    expect(h).toContain("frame-ancestors 'none'");
    expect(h).toContain('X-Content-Type-Options: nosniff');
    expect(h).toContain('Referrer-Policy: no-referrer');
    expect(h).not.toContain('unsafe-eval');
  });
});
