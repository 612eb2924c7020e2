// `npm run bench -- ui [--count N]`: the catalogue UI on a generated library of N titles (default
// 20,000) served by the real server, measured in Chromium. Each figure sits next to a baseline
// measured in the same run. Prints a table and writes bench/results/ui.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
const args = process.argv.slice(2);
const countArg = args.indexOf('--count');
const COUNT = countArg >= 0 ? Number(args[countArg + 1]) : 20_000;
const work = mkdtempSync(join(tmpdir(), 'mc-bench-ui-'));
const tree = join(work, 'films');
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const results = [];
function record(name, value, unit, baselineName, baseline, target) {
  results.push({ name, value: round(value, 2), unit, baseline: baselineName, baselineValue: baseline === null ? null : round(baseline, 2), target });
  process.stderr.write(`${name}: ${round(value, 2)} ${unit}  (baseline ${baselineName}: ${baseline === null ? '-' : round(baseline, 2)})  target ${target}\n`);
}

const GENRES = ['Drama', 'Comedy', 'Thriller', 'Science Fiction', 'Romance', 'Horror', 'Animation', 'Family', 'Documentary', 'Adventure', 'Mystery', 'Crime'];
const FIRST = ['Ada', 'Bo', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kit', 'Lou', 'Max', 'Ned', 'Oona', 'Pia', 'Quin', 'Rae', 'Sol', 'Tess'];
const LAST = ['Quill', 'Lark', 'Moor', 'Dale', 'Fenn', 'Hart', 'Ives', 'Knox', 'Lowe', 'Marsh', 'Noble', 'Orr', 'Pike', 'Reyes', 'Stone', 'Thorne', 'Vale', 'Wilde', 'Yates', 'Zane'];
const person = (n) => `${FIRST[n % 20]} ${LAST[Math.floor(n / 20) % 20]} ${Math.floor(n / 400) || ''}`.trim();

function makeTree() {
  for (let i = 0; i < COUNT; i++) {
    const year = 1950 + (i % 75);
    const name = `Bench Film ${String(i).padStart(5, '0')} (${year})`;
    const folder = join(tree, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.mkv`), 'x');
    const genres = [GENRES[i % 12], GENRES[(i * 7 + 3) % 12]].map((g) => `<genre>${g}</genre>`).join('');
    const actors = [0, 1, 2, 3, 4, 5].map((k) => `<actor><name>${person((i * 13 + k * 97) % 4000)}</name><role>Role ${k}</role></actor>`).join('');
    writeFileSync(
      join(folder, `${name}.nfo`),
      `<movie><title>Bench Film ${i}</title><year>${year}</year>${genres}<runtime>${80 + (i % 70)}</runtime>` +
        `<director>${person((i * 31) % 4000)}</director>${actors}<ratings><rating name="imdb"><value>${(3 + (i % 70) / 10).toFixed(1)}</value></rating></ratings></movie>\n`,
    );
  }
}

function startServer(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir, '--no-watch'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (b) => {
      buf += b.toString();
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(buf);
      if (m) resolve({ child, origin: m[1], token: m[2], url: `${m[1]}/?token=${m[2]}` });
    });
    child.on('error', reject);
  });
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function timed(fn) {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
}

async function main() {
  process.stderr.write(`Generating ${COUNT} titles with NFOs in ${tree}…\n`);
  makeTree();
  const dataDir = join(work, 'data');
  const scan = spawnSync(process.execPath, [cli, 'scan', '--data', dataDir, '--library', tree, '--type', 'movies', '--no-probe', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (scan.status !== 0) throw new Error(scan.stderr);
  // The generated files are not videos: mark them read so the server does not spend the run
  // probing 20,000 placeholders in the background (this measures the catalogue, not probing).
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(dataDir, 'library.db'));
  db.prepare("UPDATE files SET probe_state = 'failed', probe_error = 'bench placeholder'").run();
  db.close();
  const server = await startServer(dataDir);
  const auth = { headers: { Authorization: `Bearer ${server.token}` } };
  try {
    // The list the library loads once, and what it costs on the wire.
    const infoCall = await timed(async () => (await fetch(`${server.origin}/api/v1/info`, auth)).text());
    const items = await timed(async () => (await fetch(`${server.origin}/api/v1/items`, auth)).text());
    const items2 = await timed(async () => (await fetch(`${server.origin}/api/v1/items`, auth)).text());
    const body = items2.out;
    const parsed = JSON.parse(body);
    if (parsed.items.length !== COUNT) throw new Error(`listed ${parsed.items.length}, expected ${COUNT}`);
    const gz = gzipSync(body).length;
    record(`GET /api/v1/items, ${COUNT} titles (first)`, items.ms, 'ms', 'GET /api/v1/info', infoCall.ms, '< 1000 ms');
    record(`GET /api/v1/items, ${COUNT} titles (warm)`, items2.ms, 'ms', 'GET /api/v1/info', infoCall.ms, '< 1000 ms');
    record('items payload, raw', body.length / 1024, 'KiB', '-', null, 'compact');
    record('items payload, gzip', gz / 1024, 'KiB', '-', null, 'compact');
    const home1 = await timed(async () => (await fetch(`${server.origin}/api/v1/home`, auth)).text());
    record('GET /api/v1/home', home1.ms, 'ms', 'GET /api/v1/info', infoCall.ms, '< 200 ms');
    // Related titles: the first page builds the index, the next ones reuse it.
    const ids = parsed.items.slice(0, 21).map((i) => i.id);
    const first = await timed(async () => (await fetch(`${server.origin}/api/v1/items/${ids[0]}`, auth)).text());
    const pages = [];
    const relatedWork = [];
    for (const id of ids.slice(1)) {
      const t0 = performance.now();
      const res = await fetch(`${server.origin}/api/v1/items/${id}`, auth);
      await res.text();
      pages.push(performance.now() - t0);
      relatedWork.push(Number(/related;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
    }
    record('GET /api/v1/items/:id with related (first, builds the index)', first.ms, 'ms', 'GET /api/v1/info', infoCall.ms, '-');
    record('GET /api/v1/items/:id whole page (p95 of 20)', pct(pages, 95), 'ms', 'GET /api/v1/info', infoCall.ms, '-');
    record('related titles + people rows + collection per page (Server-Timing, p95 of 20)', pct(relatedWork, 95), 'ms', '-', null, '< 20 ms');
    record('server RSS after the list, home and 21 pages', rssMb(server.child.pid), 'MB', '-', null, '< 150 MB');

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="media-row"]', { timeout: 60_000 });
    // Home ready: a fresh load of / until its first row is painted; baseline: the same page's DOMContentLoaded.
    await page.reload();
    await page.waitForSelector('[data-testid="media-row"]');
    const homeTiming = await page.evaluate(() => ({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, now: performance.now() }));
    record('home ready (reload → first row in the DOM)', homeTiming.now, 'ms', 'DOMContentLoaded', homeTiming.dcl, '< 1000 ms');

    await page.goto(`${server.origin}/library`);
    await page.waitForSelector('.poster-card', { timeout: 60_000 });
    const grid = await page.evaluate(() => ({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, now: performance.now() }));
    record('library: navigation → first painted grid (list loaded, filtered, rendered)', grid.now, 'ms', 'DOMContentLoaded', grid.dcl, '< 1000 ms');

    // Keystroke → painted result: set the box's value as a key would, then wait for the frame after the next one.
    const keystrokes = (word) => page.evaluate(async (w) => {
      const input = document.querySelector('[data-testid="library-search"]');
      const times = [];
      const paint = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (let round = 0; round < 4; round++) {
        for (let i = 1; i <= w.length; i++) {
          const t0 = performance.now();
          input.value = w.slice(0, i);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await paint();
          times.push(performance.now() - t0);
        }
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await paint();
      }
      return times;
    }, word);
    // Baseline: two empty frames, the least any keystroke can take to show.
    const frames = await page.evaluate(async () => {
      const times = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        times.push(performance.now() - t0);
      }
      return times;
    });
    const typed = await keystrokes('bench film 1234');
    record('search keystroke → painted result, p50', pct(typed, 50), 'ms', 'two empty frames, p50', pct(frames, 50), '-');
    record('search keystroke → painted result, p95', pct(typed, 95), 'ms', 'two empty frames, p95', pct(frames, 95), 'p95 within 16 ms of the baseline');
    const people = await keystrokes('ada quill');
    record('search by person keystroke → painted, p95', pct(people, 95), 'ms', 'two empty frames, p95', pct(frames, 95), 'p95 within 16 ms of the baseline');

    // A filter click → painted grid, for a few filters through their chips.
    const filterTimes = await page.evaluate(async () => {
      const paint = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const times = [];
      for (let round = 0; round < 10; round++) {
        for (const selector of ['.genre-chips .mc-chip:nth-child(2)', '.genre-chips .mc-chip:nth-child(3)', '.genre-chips .mc-chip:nth-child(1)']) {
          const t0 = performance.now();
          document.querySelector(selector).click();
          await paint();
          times.push(performance.now() - t0);
        }
      }
      return times;
    });
    record('genre filter click → painted grid, p50', pct(filterTimes, 50), 'ms', 'two empty frames, p50', pct(frames, 50), '-');
    record('genre filter click → painted grid, p95', pct(filterTimes, 95), 'ms', 'two empty frames, p95', pct(frames, 95), 'p95 within 16 ms of the baseline');

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    record('library page JS heap used', heap / 1024 / 1024, 'MB', '-', null, '-');
    record('server RSS at the end', rssMb(server.child.pid), 'MB', '-', null, '< 150 MB');
    await browser.close();
  } finally {
    server.child.kill('SIGTERM');
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'ui.json'), `${JSON.stringify({ count: COUNT, results }, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

await main();
