// `npm run bench -- scan [--count N]`: the scanner on a generated tree of N film folders (default 10,000),
// every figure measured in the same run as its baseline. Prints a table and writes bench/results/scan.json.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = join(root, 'out', 'main', 'cli.js');
const ffmpeg = require('@ffmpeg-installer/ffmpeg').path;
const ffprobe = require('@ffprobe-installer/ffprobe').path;

const args = process.argv.slice(2);
const suite = args.find((a) => !a.startsWith('--')) ?? 'scan';
const countArg = args.indexOf('--count');
const COUNT = countArg >= 0 ? Number(args[countArg + 1]) : 10_000;
const keep = args.includes('--keep');
if (suite === 'ui') {
  await import('./ui.mjs');
  process.exit(0);
}
if (suite === 'nfo') {
  await import('./nfo.mjs');
  process.exit(process.exitCode ?? 0);
}
if (suite === 'segments') {
  await import('./segments.mjs');
} else if (suite === 'playback') {
  // Its own file: the playback suite shares nothing with the scanner's but this dispatch.
  await import('./playback.mjs');
} else if (suite !== 'scan') {
  process.stderr.write(`unknown benchmark "${suite}" (known: scan, playback, ui, segments, nfo)\n`);
  process.exit(2);
}
if (!existsSync(cli)) {
  process.stderr.write('out/main/cli.js is missing: npm run bench builds it first.\n');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'mc-bench-'));
const tree = join(work, 'films');
const results = [];

function time(label, fn) {
  const t0 = process.hrtime.bigint();
  const out = fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, out };
}

function runCli(cliArgs, input) {
  const r = spawnSync(process.execPath, [cli, ...cliArgs], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`media-centre ${cliArgs.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function record(name, ours, baselineName, baseline, target) {
  const row = { name, seconds: round(ours), baseline: baselineName, baselineSeconds: baseline === null ? null : round(baseline), ratio: baseline ? round(ours / baseline, 2) : null, target };
  results.push(row);
  process.stderr.write(`${name}: ${row.seconds} s  (baseline ${baselineName}: ${row.baselineSeconds ?? '-'} s, ratio ${row.ratio ?? '-'})  target ${target}\n`);
}

const round = (n, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

function makeTree(count, offset = 0) {
  const clip = join(work, 'clip.mp4');
  if (!existsSync(clip)) {
    const r = spawnSync(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10:duration=1', '-f', 'lavfi', '-i', 'sine=duration=1',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip]);
    if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr}`);
  }
  for (let i = offset; i < offset + count; i++) {
    const name = `Bench Film ${String(i).padStart(5, '0')} (${1950 + (i % 75)})`;
    const folder = join(tree, name);
    mkdirSync(folder, { recursive: true });
    copyFileSync(clip, join(folder, `${name}.mp4`));
    writeFileSync(join(folder, `${name}.nfo`), `<movie><title>${name.replace(/ \(\d+\)$/, '')}</title><year>${1950 + (i % 75)}</year><genre>Drama</genre></movie>\n`);
  }
}

function allVideos() {
  return readdirSync(tree).map((d) => join(tree, d, `${d}.mp4`));
}

async function serverRss(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir, '--no-watch'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    child.stdout.on('data', async (b) => {
      buf += b.toString();
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(buf);
      if (!m) return;
      child.stdout.removeAllListeners('data');
      try {
        const t0 = performance.now();
        const res = await fetch(`${m[1]}/api/v1/items`, { headers: { Authorization: `Bearer ${m[2]}`, 'Accept-Encoding': 'gzip' } });
        const body = await res.arrayBuffer();
        const itemsMs = performance.now() - t0;
        const gz = Number(res.headers.get('content-length') ?? body.byteLength);
        await new Promise((r) => setTimeout(r, 500));
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        child.kill('SIGTERM');
        resolve({ rssMb: round(rssKb / 1024, 1), itemsMs: round(itemsMs, 1), itemsBytes: gz });
      } catch (e) {
        child.kill('SIGKILL');
        reject(e);
      }
    });
    child.on('error', reject);
  });
}

async function main() {
  process.stderr.write(`Generating ${COUNT} film folders in ${tree}…\n`);
  makeTree(COUNT);
  spawnSync('sync');

  // Warm the page cache for both sides alike: we measure the scanner, not the disk.
  spawnSync('find', [tree, '-type', 'f'], { stdio: 'ignore' });

  // (a) phase one, whole command, fresh data dir; baseline: find + reading every NFO (the least any scanner must do).
  const baseA = time('find+cat', () => spawnSync('sh', ['-c', `find "${tree}" -type f -name '*.nfo' -print0 | xargs -0 cat > /dev/null`])).seconds;
  const dataA = join(work, 'data-a');
  const a = time('scan --no-probe', () => runCli(['scan', '--data', dataA, '--library', tree, '--type', 'movies', '--no-probe', '--json']));
  const aSummary = JSON.parse(a.out);
  if (aSummary.items !== COUNT) throw new Error(`phase one found ${aSummary.items} titles, expected ${COUNT}`);
  record('(a) phase one: every title browsable (scan --no-probe, fresh)', a.seconds, 'find + cat of every NFO', baseA, '< 10 s');

  // (b) both phases on a fresh data dir vs sequential ffprobe over the same files with the same arguments.
  const videos = allVideos();
  const probeArgs = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', '-i'];
  const baseB = time('sequential ffprobe', () => {
    for (const v of videos) spawnSync(ffprobe, [...probeArgs, v], { stdio: ['ignore', 'pipe', 'ignore'] });
  }).seconds;
  const dataB = join(work, 'data-b');
  const b = time('scan', () => runCli(['scan', '--data', dataB, '--library', tree, '--type', 'movies', '--json']));
  const bSummary = JSON.parse(b.out);
  if (bSummary.libraries[0].probed !== COUNT) throw new Error(`probed ${bSummary.libraries[0].probed}, expected ${COUNT}`);
  record(`(b) both phases (scan, fresh, ${availableParallelism()} cores)`, b.seconds, 'sequential ffprobe, same files', baseB, `baseline/ours >= 1.8 (got ${round(baseB / b.seconds, 2)})`);

  // (c) the unchanged tree, whole command; baseline: a plain stat walk of the tree.
  const baseC = time('find -printf', () => spawnSync('sh', ['-c', `find "${tree}" -printf '%s %T@\\n' > /dev/null`])).seconds;
  const c = time('scan unchanged', () => runCli(['scan', '--data', dataB, '--json']));
  const cSummary = JSON.parse(c.out);
  if (cSummary.libraries[0].added !== 0 || cSummary.libraries[0].updated !== 0) throw new Error('the unchanged rescan changed something');
  record('(c) rescan of the unchanged tree (scan)', c.seconds, 'find -printf size+mtime of every file', baseC, '< 1 s');

  // (d) ten new folders, then scan (both phases for the new ones).
  makeTree(10, COUNT);
  const d = time('scan +10', () => runCli(['scan', '--data', dataB, '--json']));
  const dSummary = JSON.parse(d.out);
  if (dSummary.libraries[0].added !== 10) throw new Error(`expected 10 added, got ${dSummary.libraries[0].added}`);
  record('(d) 10 new folders, then scan', d.seconds, 'find -printf (as in c)', baseC, '< 1 s');

  // (e) identify 10,000 paths, whole command; baseline: node starting and reading the same input.
  const paths = Array.from({ length: 10_000 }, (_, i) =>
    i % 3 === 0 ? `Movies/The.Film.${i}.${1950 + (i % 70)}.1080p.BluRay.x264-GRP.mkv` : i % 3 === 1 ? `Shows/Show ${i % 50} (2010)/Season ${1 + (i % 9)}/Show ${i % 50} - S0${1 + (i % 9)}E${String(i % 24).padStart(2, '0')} - Title.mkv` : `Movies/Film ${i} (${1950 + (i % 70)})/Film ${i} (${1950 + (i % 70)}).mkv`,
  ).join('\n');
  const baseE = time('node read stdin', () => spawnSync(process.execPath, ['-e', "require('fs').readFileSync(0,'utf8').split('\\n').length"], { input: paths })).seconds;
  const e = time('identify', () => runCli(['identify', '--type', 'mixed', '--stdin'], paths));
  if (e.out.trim().split('\n').length !== 10_000) throw new Error('identify did not print 10,000 lines');
  record('(e) identify 10,000 paths (whole command)', e.seconds, 'node start + read the same stdin', baseE, '< 0.5 s');

  // (f) memory of the server holding the catalogue, against the same server with an empty catalogue.
  const empty = await serverRss(join(work, 'data-empty'));
  const full = await serverRss(dataB);
  results.push({ name: `(f) server memory with ${COUNT + 10} titles`, rssMb: full.rssMb, baseline: 'same server, empty catalogue', baselineRssMb: empty.rssMb, itemsMs: full.itemsMs, itemsGzipBytes: full.itemsBytes, target: 'report' });
  process.stderr.write(`(f) server RSS ${full.rssMb} MB with ${COUNT + 10} titles (empty catalogue ${empty.rssMb} MB); GET /api/v1/items ${full.itemsMs} ms, ${full.itemsBytes} bytes gzipped\n`);

  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const report = { date: new Date().toISOString(), count: COUNT, cores: availableParallelism(), node: process.version, results };
  writeFileSync(join(root, 'bench', 'results', 'scan.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (suite === 'scan') main()
  .catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!keep) rmSync(work, { recursive: true, force: true });
  });
