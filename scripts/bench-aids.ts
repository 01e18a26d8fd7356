// Part of npm run bench: every commune × every aid, for each territory with its own data, and for a
// synthetic territory of all 34,969 current communes evaluated against the Charente-Maritime catalogue.
// Each figure is the median of three passes after a warm-up, each with a cold engine memo.
import { createRequire } from 'node:module';
import { evaluateAids } from '../src/core/aids/catalogue.ts';
import { Cog, type CogCommune, type CogEpci } from '../src/core/communes.ts';
import { zoneResolver } from '../src/core/zonage/resolver.ts';
import type { ZonageBundle } from '../src/core/zonage/bundle.ts';
import { buildAidCatalogue } from './build-aids.ts';
import { buildZonageBundle } from './build-zonage.ts';
import { loadCog, loadTerritories, loadZonageConfig } from './lib/inputs.ts';
import { territoryCommunes, type Commune } from '../src/core/communes.ts';
import type { ResolvedAid } from '../src/core/aids/model.ts';

const require = createRequire(import.meta.url);
const DATE = '2026-06-01';

/** One pass over every commune, with a cold engine memo (a fresh copy of the catalogue) and the
 * effective zonage computed anew. */
function pass(aids: ResolvedAid[], communes: Commune[], bundle: ZonageBundle): { ms: number; cpu: number; open: number } {
  const copy = [...aids];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const zones = zoneResolver(bundle, DATE);
  let open = 0;
  for (const c of communes) {
    const e = evaluateAids(copy, { date: DATE, commune: { code: c.code, nom: c.nom, population: c.population }, zone: zones(c.code) });
    for (const r of e.results) if (r.eligible !== 'no') open++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, open };
}

/** A warm-up pass, then the median of three (the machine may be shared: CPU time is given too). */
function run(aids: ResolvedAid[], communes: Commune[], bundle: ZonageBundle): { ms: number; cpu: number; evaluations: number; open: number } {
  pass(aids, communes, bundle);
  const runs = [0, 1, 2].map(() => pass(aids, communes, bundle)).sort((a, b) => a.ms - b.ms);
  return { ...runs[1], evaluations: communes.length * aids.length };
}

export function benchAids(): void {
  console.log(`\n## Aides : chaque commune × chaque aide au ${DATE} (une évaluation complète, zonage effectif compris)`);
  for (const t of loadTerritories()) {
    const { catalogue } = buildAidCatalogue(t.id);
    if (!catalogue.aids.length) continue; // a territory without a local plan (Charente) has nothing to evaluate
    const { bundle } = buildZonageBundle(t.id);
    const communes = territoryCommunes(loadCog(), t);
    const r = run(catalogue.aids, communes, bundle);
    console.log(`${t.name} : ${communes.length} communes × ${catalogue.aids.length} aides = ${r.evaluations} évaluations en ${r.ms.toFixed(0)} ms (temps CPU ${r.cpu.toFixed(0)} ms ; ${((r.ms * 1000) / r.evaluations).toFixed(1)} µs par aide, ${(r.ms / communes.length).toFixed(2)} ms par commune)`);
  }
  // Synthetic: all current communes, a CD17-like zonage with classes in turn, one GP in every other commune.
  const cog = new Cog(require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[], require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[]);
  const communes = [...cog.current.values()].map((c) => cog.describe(c));
  const config = loadZonageConfig('charente-maritime');
  const classes = config.schemes[0].classes.map((k) => k.id);
  const bundle: ZonageBundle = {
    territory: 'france',
    schemes: config.schemes,
    rules: config.rules,
    zonages: [{ ...config.years[1], classes: Object.fromEntries(communes.map((c, i) => [c.code, classes[i % classes.length]])) }],
    practitioners: { ...config.practitioners, rows: communes.filter((_, i) => i % 2).map((c) => ({ commune: c.code, profession: 'medecin-generaliste', mode: 'liberal' as const, start: '2000-01-01', end: null })) },
    pharmacies: { ...config.pharmacies, rows: communes.filter((_, i) => i % 3 === 0).map((c) => ({ commune: c.code, opened: null, closed: null })) },
    movements: { declared: null, rows: [], duplicates: 0, notes: [] },
  };
  const { catalogue } = buildAidCatalogue('charente-maritime');
  const r = run(catalogue.aids, communes, bundle);
  console.log(`Territoire synthétique : ${communes.length} communes × ${catalogue.aids.length} aides = ${r.evaluations} évaluations en ${r.ms.toFixed(0)} ms (temps CPU ${r.cpu.toFixed(0)} ms ; ${((r.ms * 1000) / r.evaluations).toFixed(1)} µs par aide), ${r.open} aides ouvertes ou à préciser`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) benchAids();
