import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { exportTitle, zonageSvg, type Place } from '../../src/core/zonage/svg.ts';
import { zonageView, type ZonageBundle } from '../../src/core/zonage/bundle.ts';
import type { TerritoryTopology } from '../../src/core/geometry.ts';
import type { Commune } from '../../src/core/communes.ts';

describe('carte annuelle en SVG (fiche 1 : « une carte annuelle définissant les différentes zones prioritaires »)', () => {
  const topo = JSON.parse(fs.readFileSync('public/geo/charente-maritime.topojson', 'utf8')) as TerritoryTopology;
  const communes = feature(topo, topo.objects.communes) as unknown as FeatureCollection<MultiPolygon, { code: string; nom: string }>;
  const outline = feature(topo, topo.objects.outline) as unknown as FeatureCollection<MultiPolygon>;
  const points = new Map(communes.features.map((f) => [f.properties.code, pointOnFeature(f).geometry.coordinates as [number, number]]));
  const reference = (JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')) as { communes: Commune[] }).communes;
  const places: Place[] = reference.map((c) => ({ code: c.code, nom: c.nom, population: c.population, point: points.get(c.code)! }));
  const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
  const view = zonageView(bundle, 'medecin-generaliste', 2026, '2026-06-01')!;
  const attribution = 'Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte';
  const svg = zonageSvg({ view, places, communes, outline, points, attribution });
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it('titre avec la profession, une forme par commune, légende avec effectifs, source, date et mention « Exemple »', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="794" height="1123"')).toBe(true);
    expect(texts[0]).toBe('Zonage départemental 2026 — médecins généralistes');
    expect(svg.match(/<path d="M[^"]+" fill="#[\da-f]{6}" stroke="#6f7c85"/g)).toHaveLength(462);
    for (const c of view.counts) expect(svg).toContain(` : ${c.count} commune`);
    expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="3.5"/g)).toHaveLength(view.ruled.length);
    expect(svg).toContain('Département de la Charente-Maritime — situation au 1er juin 2026');
    expect(svg).toContain('Exemple — données fictives');
    expect(svg).toContain(attribution);
  });

  it.each([
    ['medecin-generaliste', 2026, 'cd17', 'Zonage départemental 2026 — médecins généralistes'],
    ['medecin-generaliste', 2025, 'ars-medecin-generaliste', 'Zonage ARS des médecins généralistes 2025'],
    ['masseur-kinesitherapeute', 2025, 'ars-masseur-kinesitherapeute', 'Zonage ARS des masseurs-kinésithérapeutes 2025'],
  ])('titre de %s %i (%s) : « %s », la profession une seule fois, sans sous-titre qui le répète', (profession, year, scheme, title) => {
    const v = zonageView(bundle, profession, year, '2025-10-01', scheme)!;
    expect(exportTitle(v)).toBe(title);
    const out = zonageSvg({ view: v, communes, outline, points, attribution });
    expect(out.split(v.scheme.label).length - 1).toBe(1);
  });

  it("un zonage qui ne nomme qu'une partie du territoire : les autres communes, en blanc, sont dites absentes ; jamais quand toutes y sont", () => {
    expect(texts.some((t) => t.startsWith('Absentes de ce zonage'))).toBe(false);
    const two = new Map([...view.classes].slice(0, 2));
    const part = zonageSvg({ view: { ...view, classes: two }, places, communes, outline, points, attribution });
    expect(part).toContain('Absentes de ce zonage : 460 communes');
    expect(part.match(/<path d="M[^"]+" fill="#ffffff" stroke="#6f7c85"/g)).toHaveLength(460);
  });

  it('chaque commune est un groupe avec son code en id et son nom dans un <title>', () => {
    const groups = [...svg.matchAll(/<g id="commune-(\d[\dAB]\d{3})" data-code="\1" data-nom="([^"]+)"><title>([^<]+)<\/title><path d="M/g)];
    expect(groups).toHaveLength(462);
    expect(new Set(groups.map((g) => g[1])).size).toBe(462);
    const laRochelle = groups.find((g) => g[1] === '17300')!;
    expect(laRochelle[2]).toBe('La Rochelle');
    expect(laRochelle[3]).toBe(`La Rochelle (17300) — ${view.scheme.classes.find((k) => k.id === view.classes.get('17300')!.effective)!.label}`);
  });

  it('nomme les communes les plus peuplées, avec un halo blanc, sans chevauchement', () => {
    const lieux = svg.match(/<g id="lieux"[^]*?<\/g>/)![0];
    const names = [...lieux.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle" font-size="\d+"(?: font-weight="bold")?>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['La Rochelle', 'Saintes', 'Rochefort']);
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names.length).toBeLessThanOrEqual(14);
    const halos = [...lieux.matchAll(/stroke="#fff" stroke-width="3.5" stroke-linejoin="round">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(halos).toEqual(names);
    // Every named commune is more populated than the largest commune left unnamed that could fit… at least the first ones.
    const pop = new Map(reference.map((c) => [c.nom, c.population ?? 0]));
    expect(Math.min(...names.map((n) => pop.get(n)!))).toBeGreaterThan(3000);
    expect(zonageSvg({ view, communes, outline, points, attribution })).not.toContain('La Rochelle</text>');
  });

  it("barre d'échelle d'une longueur ronde, à la bonne mesure ; flèche du nord", () => {
    const scale = svg.match(/<g id="echelle"[^]*?<\/g>/)![0];
    const widths = [...scale.matchAll(/width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const km = Number(scale.match(/>(\d+) km</)![1]);
    expect([5, 10, 20, 25, 50]).toContain(km);
    // La Rochelle – Rochefort: about 28 km as the crow flies; the scale bar must say the same on the map.
    const xy = (code: string) => {
      const [x, y] = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="2.2"[^>]*\/><text x="[\d.]+" y="[\d.]+"[^>]*>([^<]+)</g)].find((m) => m[3] === code)!.slice(1, 3).map(Number);
      return [x, y];
    };
    const [a, b] = [xy('La Rochelle'), xy('Rochefort')];
    const pxPerKm = (widths[0] + widths[1]) / km;
    const distance = Math.hypot(a[0] - b[0], a[1] - b[1]) / pxPerKm;
    expect(distance).toBeGreaterThan(20);
    expect(distance).toBeLessThan(32);
    expect(svg).toMatch(/<g id="nord" aria-label="Nord"><path d="M[^"]+"[^>]*\/><text[^>]*>N<\/text><\/g>/);
  });

  it("un aperçu (import non publié) porte « Aperçu — non publié » en bandeau, en travers de la carte et dans la source ; la carte publiée, jamais", () => {
    expect(svg).not.toContain('Aperçu');
    const previewed = zonageSvg({ view: { ...view, example: false }, places, communes, outline, points, attribution, preview: true });
    const marks = [...previewed.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((t) => t.startsWith('Aperçu — non publié'));
    expect(marks).toEqual(['Aperçu — non publié', 'Aperçu — non publié', 'Aperçu — non publié : données importées dans « Gestion », vérifiées sur le poste, pas encore publiées sur le site.']);
    // The mark across the map is drawn after the communes and the place names, so no fill covers it.
    expect(previewed.indexOf('id="apercu"')).toBeGreaterThan(previewed.indexOf('<g id="lieux"'));
    // The banner and the example label, when both apply, do not overlap: the map starts below them.
    const both = zonageSvg({ view, communes, outline, points, attribution, preview: true });
    const ys = [...both.matchAll(/<text x="3\d" y="(\d+)"[^>]*>(Aperçu — non publié|Exemple — données fictives)<\/text>/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(2);
    expect(ys[1] - ys[0]).toBeGreaterThanOrEqual(24);
  });

  it('les textes des données sont échappés', () => {
    const hostile = { ...view, zonage: { ...view.zonage, source: '<script>alert(1)</script>' }, example: false };
    const out = zonageSvg({
      view: hostile,
      title: 'A & <b>',
      places: [{ code: '17300', nom: '<i>"x"</i>', population: 1e6, point: points.get('17300')! }],
      communes,
      outline,
      points,
      attribution: 'x',
    });
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<i>');
    expect(out).toContain('A &amp; &lt;b&gt;');
    expect(out).toContain('&lt;i&gt;&quot;x&quot;&lt;/i&gt;');
  });
});
