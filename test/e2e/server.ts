// Global setup of the e2e project: serves the built app (dist/, built by `npm test` just before)
// with Vite's static preview server on a free local port.
import fs from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync('dist/index.html')) throw new Error('dist/ absent : lancez `npm run build` avant les tests e2e (npm test le fait).');
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("Le serveur de prévisualisation n'a pas d'adresse locale.");
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}
