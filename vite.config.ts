/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import fs from 'node:fs';
import { parsePhotoOrigins } from './src/core/offers.ts';
import { missingLegal, parseSite } from './src/core/site/settings.ts';

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

// Content-Security-Policy of the built site (no 'unsafe-eval', no inline script). MapLibre's worker is a
// same-origin file (src/ui/map/maplibre-worker.ts). An optional basemap (VITE_BASEMAP_URL) adds its origin to img/connect;
// the national tiles archive (VITE_TILES_URL, when served from another origin, e.g. a CDN) adds its origin to connect.
function contentSecurityPolicy(): Plugin {
  const basemap = process.env.VITE_BASEMAP_URL ? new URL(process.env.VITE_BASEMAP_URL.replace(/\{[a-z]\}/g, '0')).origin : '';
  // A relative VITE_TILES_URL is same-origin: 'self' covers it.
  const tilesUrl = process.env.VITE_TILES_URL ?? '';
  const tiles = /^https?:\/\//.test(tilesUrl) ? new URL(tilesUrl).origin : '';
  const connect = [...new Set(["'self'", basemap, tiles].filter(Boolean))].join(' ');
  // Offer photos at an https address: only from these origins, the same list `offers check` accepts.
  const photos = parsePhotoOrigins(process.env.VITE_PHOTO_ORIGINS).join(' ');
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${basemap} ${photos}`.replace(/\s+/g, ' ').trim(),
    `connect-src ${connect}`,
    "worker-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), siteSettingsWarning()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1100,
    // MapLibre in its own chunk: cached across app releases, and measured separately by the bench.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] } } },
  },
  test: {
    projects: [
      // Some unit tests run the CLI in a process of its own (tsx start-up): room for a loaded 2-core machine.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
