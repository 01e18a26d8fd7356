// Modules made by vite.config.ts plugins.
declare module 'virtual:territories' {
  const territories: import('./core/territory.ts').Territory[];
  export default territories;
}
