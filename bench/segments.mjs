// `npm run bench -- segments [--keep] [--small]`: intros and credits on generated full-size seasons with
// planted intros (shared theme and title card of 20–90 s after a cold open of 0–4 min, different content,
// noise, loudness changes, shared credits), one season with no shared intro and one film.
//  - accuracy: start and end within 1.0 s of the truth (target: ≥ 95 % of episodes); no segment where
//    nothing is shared, no intro in the film;
//  - cost: CPU seconds of phase three per episode (scan minus scan --no-segments on the same tree),
//    beside the baseline measured in the same run: plain ffmpeg decoding the same audio windows.
// Writes bench/results/segments.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { makeEpisode, planSeason } from './segment-seasons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = join(root, 'out', 'main', 'cli.js');
const ffmpeg = require('@ffmpeg-installer/ffmpeg').path;
const Database = require('better-sqlite3');
const keep = process.argv.includes('--keep');
const small = process.argv.includes('--small');
const work = mkdtempSync(join(tmpdir(), 'mc-bench-segments-'));
const round = (n, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/** CPU seconds (user + system) of a command and all its children, from the shell's `times`. */
function cpuOf(argv) {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('sh', ['-c', `${quoted} >/dev/null 2>&1; s=$?; times; exit $s`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status})`);
  const lines = r.stdout.trim().split('\n');
  const toSeconds = (t) => {
    const m = /(\d+)m([\d.]+)s/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  };
  const [u, s] = (lines[lines.length - 1] ?? '').trim().split(/\s+/);
  return toSeconds(u) + toSeconds(s);
}

const scale = small ? 0.25 : 1;
const SEASONS = [
  { name: 'Theme Park', seed: 21, episodes: 6, introSeconds: 35, creditsSeconds: 40, theme: 101 },
  { name: 'Long Intro', seed: 22, episodes: 6, introSeconds: 85, creditsSeconds: 55, theme: 202 },
  { name: 'Short Intro', seed: 23, episodes: 5, introSeconds: 21, creditsSeconds: 30, theme: 303 },
];

async function main() {
  const shows = join(work, 'Shows');
  const movies = join(work, 'Movies');
  const truth = [];
  const jobs = [];
  const queue = (key, path, plan, season) => jobs.push(() => makeEpisode(ffmpeg, path, plan).then((t) => truth.push({ key, season, ...t })));
  for (const s of SEASONS) {
    const plans = planSeason({ seed: s.seed, episodes: s.episodes, introSeconds: s.introSeconds, coldOpen: [0, 240 * scale], content: [300 * scale, 480 * scale], creditsSeconds: s.creditsSeconds, theme: s.theme });
    plans.forEach((p, i) => queue(`${s.name} - S01E0${i + 1}.mp4`, join(shows, s.name, 'Season 1', `${s.name} - S01E0${i + 1}.mp4`), p, s.name));
  }
  planSeason({ seed: 24, episodes: 4, introSeconds: 30, coldOpen: [0, 240 * scale], content: [300 * scale, 480 * scale], theme: 404, sharedIntro: false }).forEach((p, i) =>
    queue(`Nothing Shared - S01E0${i + 1}.mp4`, join(shows, 'Nothing Shared', 'Season 1', `Nothing Shared - S01E0${i + 1}.mp4`), p, 'Nothing Shared'),
  );
  queue('Bench Film (2021).mp4', join(movies, 'Bench Film (2021)', 'Bench Film (2021).mp4'), { seed: 9001, coldOpen: 0, content: 900 * scale, noise: 0.04 }, 'film');
  process.stderr.write(`Generating ${jobs.length} files in ${work}…\n`);
  const t0 = performance.now();
  for (let i = 0; i < jobs.length; i += 2) await Promise.all(jobs.slice(i, i + 2).map((j) => j()));
  process.stderr.write(`  made in ${round((performance.now() - t0) / 1000, 1)} s\n`);

  const episodes = truth.filter((t) => t.season !== 'film');
  // Baseline: plain ffmpeg decoding the very audio windows phase three decodes (head and tail of each).
  const baseline = episodes.reduce((sum, t) => {
    const head = Math.min(t.duration, Math.max(600, t.duration / 4));
    const tail = Math.min(t.duration / 2, Math.max(300, t.duration / 5));
    const args = (ss, len) => [ffmpeg, '-nostdin', '-v', 'error', ...(ss > 0 ? ['-ss', String(ss)] : []), '-t', String(len), '-i', t.path, '-map', '0:a:0', '-ac', '1', '-ar', '11025', '-f', 's16le', '-y', '/dev/null'];
    return sum + cpuOf(args(0, head)) + cpuOf(args(t.duration - tail, tail));
  }, 0);

  const scanArgs = (data, extra = []) => [process.execPath, cli, 'scan', '--data', data, '--library', shows, '--type', 'shows', '--library', movies, '--type', 'movies', '--json', ...extra];
  const without = cpuOf(scanArgs(join(work, 'data-a'), ['--no-segments']));
  const dataB = join(work, 'data-b');
  const withSegments = cpuOf(scanArgs(dataB));
  const rescan = cpuOf(scanArgs(dataB));
  const rescanBase = cpuOf(scanArgs(join(work, 'data-a'), ['--no-segments']));

  const db = new Database(join(dataB, 'library.db'), { readonly: true });
  const rows = db.prepare('SELECT f.rel_path AS rel, s.kind, s.source, s.start_seconds AS start, s.end_seconds AS end FROM media_segments s JOIN files f ON f.item_id = s.item_id').all();
  db.close();
  const byFile = new Map();
  for (const r of rows) {
    const key = r.rel.split('/').pop();
    byFile.set(key, [...(byFile.get(key) ?? []), r]);
  }
  const within = (seg, want) => seg && Math.abs(seg.start - want.start) <= 1 && Math.abs(seg.end - want.end) <= 1;
  const planted = episodes.filter((t) => t.intro);
  const introsOk = planted.filter((t) => within(byFile.get(t.key)?.find((s) => s.kind === 'intro'), t.intro));
  const creditsOk = planted.filter((t) => within(byFile.get(t.key)?.find((s) => s.kind === 'credits'), t.credits));
  const errors = planted.map((t) => {
    const s = byFile.get(t.key)?.find((x) => x.kind === 'intro');
    return s ? Math.max(Math.abs(s.start - t.intro.start), Math.abs(s.end - t.intro.end)) : null;
  });
  const falseSegments = truth.filter((t) => !t.intro && (byFile.get(t.key) ?? []).some((s) => s.kind === 'intro' || s.kind === 'recap' || (t.season !== 'film' && s.kind === 'credits'))).map((t) => t.key);
  const phaseThree = withSegments - without;
  const results = {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    node: process.version,
    size: small ? 'small (--small: a quarter of the length)' : 'full',
    episodes: episodes.length,
    accuracy: {
      introsWithin1s: `${introsOk.length}/${planted.length}`,
      introShare: round(introsOk.length / planted.length, 3),
      creditsWithin1s: `${creditsOk.length}/${planted.length}`,
      creditsShare: round(creditsOk.length / planted.length, 3),
      worstIntroErrorSeconds: Math.max(...errors.filter((e) => e !== null)),
      missedIntros: planted.filter((t, i) => errors[i] === null).map((t) => t.key),
      falseSegments,
      target: '≥ 95 % within 1.0 s; no segment where nothing is shared, no intro in the film',
    },
    cost: {
      phaseThreeCpuSecondsPerEpisode: round(phaseThree / episodes.length),
      baselineFfmpegDecodeCpuSecondsPerEpisode: round(baseline / episodes.length),
      ratioToBaseline: round(phaseThree / baseline, 2),
      scanCpuSeconds: round(withSegments),
      scanNoSegmentsCpuSeconds: round(without),
      rescanUnchangedCpuSeconds: round(rescan),
      rescanUnchangedNoSegmentsCpuSeconds: round(rescanBase),
      target: '< 3 s of CPU per episode',
    },
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'segments.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main()
  .catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!keep) rmSync(work, { recursive: true, force: true });
  });
