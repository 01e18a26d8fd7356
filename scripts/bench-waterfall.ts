// npm run bench (BENCH_ONLY=waterfall): what the territory map asks for and does, in order, on one desktop load
// of the built app — each request (start → end, from the page's resource timing) and each main-thread task
// over 50 ms (long tasks), beside the marks « territory-drawn » and « map-ready ». Says whether anything
// was asked for before the territory's classes were drawn that the first view does not show.
import type { Browser } from 'playwright-core';

interface Row {
  start: number;
  end: number;
  what: string;
}

export async function benchWaterfall(browser: Browser, url: string, label: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } }); // empty cache
  const page = await context.newPage();
  await page.addInitScript(() => {
    const long: Array<{ start: number; duration: number }> = [];
    (window as unknown as { __long: typeof long }).__long = long;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 120_000 });
  // The tiles of the context may still be settling: a moment for the last ones to be counted.
  await page.waitForTimeout(500);
  const { resources, long, marks } = await page.evaluate(() => ({
    resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
    long: (window as unknown as { __long: Array<{ start: number; duration: number }> }).__long,
    marks: ['territory-drawn', 'map-ready'].map((m) => ({ name: m, at: performance.getEntriesByName(m)[0]?.startTime ?? NaN })),
  }));
  await context.close();
  const origin = new URL(url).origin;
  const rows: Row[] = [
    ...resources.map((r) => ({ start: r.start, end: r.end, what: r.name.replace(origin, '') })),
    ...long.map((t) => ({ start: t.start, end: t.start + t.duration, what: `tâche longue ${t.duration.toFixed(0)} ms` })),
    ...marks.map((m) => ({ start: m.at, end: m.at, what: `« ${m.name} »` })),
  ].sort((a, b) => a.start - b.start);
  const drawn = Number.isNaN(marks[0].at) ? marks[1].at : marks[0].at;
  console.log(`\n## Cascade des requêtes et tâches longues, ${label} (un chargement, bureau 1280 × 800)`);
  console.log('début | fin | quoi');
  for (const r of rows) console.log(`${r.start.toFixed(0)} ms | ${r.end.toFixed(0)} ms | ${r.what}`);
  const early = resources.filter((r) => r.start < drawn && /france\.pmtiles|tiles-protocol|pmtiles/.test(r.name));
  console.log(`avant « territoire dessiné » (${drawn.toFixed(0)} ms), requêtes du contexte national : ${early.length ? early.map((r) => r.name.replace(origin, '')).join(', ') : 'aucune'}`);
}
