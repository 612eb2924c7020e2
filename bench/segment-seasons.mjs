// Generated test seasons with planted intros and credits, made with the bundled ffmpeg: the ground truth of
// the segments tests (tests/integration/segments.test.ts, small) and benchmark (bench/segments.mjs, full size).
// Each episode: a cold open of its own, the shared theme tune over a title card (the intro), content of its
// own, and the shared credits music over black with white lines. Every episode also carries its own noise
// and plays its intro at its own loudness, so nothing but the theme is shared sample for sample.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const W = 160;
const H = 90;
const FPS = 10;
const RATE = 22050;

/** A melody from a hashed note table: the same `seed` always gives the same tune, sample for sample. */
function melody(seed, notesPerSecond, base, gain) {
  // Two incommensurate terms, so two seeds never give one tune shifted in time.
  const note = `floor(mod(abs(sin(floor(t*${notesPerSecond})*12.9898+${seed}*78.233))*43758.5453,1)*14)`;
  const f = `(${base}*pow(2,${note}/12))`;
  return `${gain}*(0.6*sin(2*PI*${f}*t)+0.25*sin(4*PI*${f}*t)+0.1*sin(6*PI*${f}*t))`;
}

function part(video, audio, seconds) {
  return { video, audio, seconds };
}

/** Each part as two lavfi inputs (picture, sound); all parts joined by concat, then the episode's noise mixed in. */
function episodeArgs(ep, output) {
  const parts = [];
  if (ep.coldOpen > 0) parts.push(part(`testsrc2=s=${W}x${H}:r=${FPS}`, melody(ep.seed, 5, 180 + (ep.seed % 7) * 20, 0.5), ep.coldOpen));
  if (ep.intro) {
    parts.push(part(`color=c=0x1d3557:s=${W}x${H}:r=${FPS},drawbox=x='mod(t*20,${W})':y=30:w=30:h=30:c=gold:t=fill`, `${melody(ep.intro.theme, 3, 220, 0.7)}*${ep.intro.gain}`, ep.intro.seconds));
  }
  parts.push(part(`testsrc2=s=${W}x${H}:r=${FPS},hue=h=${(ep.seed * 47) % 360}`, melody(ep.seed + 500, 4, 260 + (ep.seed % 5) * 30, 0.5), ep.content));
  if (ep.credits) {
    parts.push(part(`color=c=black:s=${W}x${H}:r=${FPS},drawbox=x=50:y='${H}-mod(t*15,${H})':w=60:h=3:c=white:t=fill`, `${melody(ep.credits.theme, 2, 330, 0.6)}*${ep.credits.gain}`, ep.credits.seconds));
  }
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'];
  parts.forEach((p) => {
    args.push('-f', 'lavfi', '-t', String(p.seconds), '-i', p.video);
    args.push('-f', 'lavfi', '-t', String(p.seconds), '-i', `aevalsrc='${p.audio}':s=${RATE}:c=mono`);
  });
  const total = parts.reduce((s, p) => s + p.seconds, 0);
  args.push('-f', 'lavfi', '-t', String(total), '-i', `anoisesrc=c=pink:r=${RATE}:a=${ep.noise}:seed=${ep.seed}`);
  const n = parts.length;
  const chain = parts.map((_, i) => `[${2 * i}:v][${2 * i + 1}:a]`).join('');
  // A file without audio still makes the sound (same graph) and throws it away.
  const sink = ep.audio === false ? ';[mix]anullsink' : '';
  const graph = `${chain}concat=n=${n}:v=1:a=1[v][a];[a][${2 * n}:a]amerge=inputs=2,pan=mono|c0=c0+c1[mix]${sink}`;
  args.push('-filter_complex', graph, '-map', '[v]');
  if (ep.audio !== false) args.push('-map', '[mix]');
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(FPS * 2), '-pix_fmt', 'yuv420p', '-threads', '1');
  if (ep.audio !== false) args.push('-c:a', 'aac', '-b:a', '64k', '-ar', String(RATE));
  args.push('-t', String(total), output);
  return { args, total };
}

function run(ffmpeg, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${err.slice(-500)}`))));
  });
}

/** A deterministic 0..1 sequence, so a season is the same at every run. */
export function randomFrom(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Writes one episode (or film) and returns its truth: where the intro and credits are, in seconds.
 * @param {string} ffmpeg
 * @param {string} output
 * @param {{ seed: number, coldOpen: number, content: number, noise: number,
 *           intro?: { theme: number, seconds: number, gain: number },
 *           credits?: { theme: number, seconds: number, gain: number }, audio?: boolean }} ep
 */
export async function makeEpisode(ffmpeg, output, ep) {
  mkdirSync(dirname(output), { recursive: true });
  const { args, total } = episodeArgs(ep, output);
  await run(ffmpeg, args);
  const intro = ep.intro ? { start: ep.coldOpen, end: ep.coldOpen + ep.intro.seconds } : null;
  const credits = ep.credits ? { start: total - ep.credits.seconds, end: total } : null;
  return { path: output, duration: total, intro, credits };
}

/**
 * A season's worth of episode plans with a planted intro: cold opens, intro lengths and loudness drawn from
 * the given ranges; one intro and one credits length for the whole season, as in real shows.
 */
export function planSeason({ seed, episodes, introSeconds, coldOpen: [coMin, coMax], content: [cMin, cMax], creditsSeconds, theme, sharedIntro = true, noise = 0.04 }) {
  const rnd = randomFrom(seed);
  const plans = [];
  for (let i = 0; i < episodes; i++) {
    plans.push({
      seed: seed * 100 + i + 1,
      coldOpen: Math.round(coMin + rnd() * (coMax - coMin)),
      content: Math.round(cMin + rnd() * (cMax - cMin)),
      noise,
      ...(sharedIntro ? { intro: { theme, seconds: introSeconds, gain: Math.round((0.45 + rnd() * 0.9) * 100) / 100 } } : {}),
      ...(creditsSeconds && sharedIntro ? { credits: { theme: theme + 7, seconds: creditsSeconds, gain: Math.round((0.5 + rnd() * 0.7) * 100) / 100 } } : {}),
    });
  }
  return plans;
}
