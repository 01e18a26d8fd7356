/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentSecurityPolicy, headersFile, policyOrigins } from './src/core/csp.ts';
import { missingLegal, parseSite } from './src/core/site/settings.ts';
import { parseTerritories } from './src/core/territory.ts';

// The build says, each time, what data/site.json still lacks (placeholders): the pages then say whom to ask.
function siteSettingsWarning(): Plugin {
  return {
    name: 'site-settings-warning',
    apply: 'build',
    buildStart() {
      const site = parseSite(JSON.parse(fs.readFileSync('data/site.json', 'utf8')));
      const missing = [...missingLegal(site), ...(site.contact.email || site.contact.url ? [] : ['une adresse de contact du site'])];
      if (missing.length) this.warn(`data/site.json n'est pas complet (${missing.join(', ')}) : les pages l'indiquent « à compléter » ; à remplir avant toute mise en ligne publique.`);
    },
  };
}

// The territories (data/territories/*/territory.json) checked here, at build and dev-server start, by the same
// schema as the CLI and the tests: the page receives them parsed (notes stripped, defaults set) as a module,
// so the schema library stays out of its first load, and a misspelled key stops the build naming the file.
function territoriesModule(): Plugin {
  const id = 'virtual:territories';
  return {
    name: 'territories',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(source) {
      if (source !== `\0${id}`) return;
      const dir = 'data/territories';
      const files = fs.readdirSync(dir).sort().map((d) => `${dir}/${d}/territory.json`).filter((f) => fs.existsSync(f));
      const entries = files.map((f): [string, unknown] => {
        this.addWatchFile(path.resolve(f));
        if (!fs.lstatSync(f).isFile()) throw new Error(`${f} : fichier ordinaire attendu (lien symbolique refusé).`);
        try {
          return [f, JSON.parse(fs.readFileSync(f, 'utf8'))];
        } catch (e) {
          throw new Error(`${f} : JSON illisible (${(e as Error).message}).`);
        }
      });
      return `export default ${JSON.stringify(parseTerritories(entries))};`;
    },
  };
}

// Content-Security-Policy of the built site (src/core/csp.ts): no 'unsafe-eval', no inline script. MapLibre's
// worker is a same-origin file (src/ui/map/maplibre-worker.ts). An optional basemap (VITE_BASEMAP_URL) adds its
// origin to img/connect; the national tiles archive (VITE_TILES_URL, from a CDN) adds its origin to connect;
// offer photos at an https address, the origins of VITE_PHOTO_ORIGINS. Each origin is checked (the build
// fails naming the variable). The policy goes in a <meta> tag and, with frame-ancestors, in dist/_headers.
function securityPolicy(): Plugin {
  const origins = policyOrigins(process.env);
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(origins) }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(origins) });
    },
  };
}

/** Unit files that set the paths in effect for the whole file (setPaths) or the environment (vi.stubEnv). */
const ISOLATED_TESTS = ['publish-hostile', 'publish'].map((name) => `test/unit/${name}.test.ts`);

export default defineConfig({
  base: './',
  plugins: [svelte(), territoriesModule(), securityPolicy(), siteSettingsWarning()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1100,
    // MapLibre in its own chunk: cached across app releases, and measured separately by the bench.
    // The territory's early requests in a chunk of their own, imported first: they start before MapLibre and
    // the application are evaluated (src/ui/app/early-data.ts).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'early', test: /src[\\/]ui[\\/]app[\\/]early-data|data[\\/]territories[\\/][^\\/]+[\\/]territory\.json/ },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      // Some unit tests run the CLI in a process of its own (tsx start-up): room for a loaded 2-core machine.
      // Every core for the unit files (vitest's default leaves one free: a single worker on 2 cores).
      // The unit files share one module graph per worker (isolate: false): re-importing the core and the
      // scripts for each file was most of the unit time (57 s → 38 s). The CLI runs in process with its paths
      // passed down (runCli, withPaths restores them); the files that set paths or environment for their
      // whole duration keep a graph of their own (unit-isolated).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: ISOLATED_TESTS, isolate: false, testTimeout: 60_000, maxWorkers: os.availableParallelism() } },
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED_TESTS, testTimeout: 60_000, maxWorkers: os.availableParallelism() } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/server.ts'],
          // Failure thresholds only: a loaded 2-core machine runs these pages several times slower.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for a state (a list loaded, a map drawn) up to this, not vitest's 1 s default.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          // One worker runs the files in turn and keeps its modules: one Chromium for all (test/e2e/browser.ts).
          isolate: false,
          // After the unit files (a group of its own: its worker count differs).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
