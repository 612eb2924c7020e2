// `npm run bench -- nfo`: how fast the NFO parser refuses or reads hostile input, each case against a
// baseline measured in the same run on the same bytes (one linear pass over the input, or the parse of an
// ordinary NFO). These are the speed halves of tests/unit/nfo-hostile.test.ts: the unit tests check what is
// refused and why; whether it is refused quickly is a measurement, and it lives here, not in a timed test.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'mc-bench-nfo-'));

// The parser is TypeScript with no Electron or native imports: bundle just it for plain Node.
const bundle = join(work, 'nfo.mjs');
await build({
  input: join(root, 'src/main/library/nfo/index.ts'),
  platform: 'node',
  output: { file: bundle, format: 'esm' },
  logLevel: 'silent',
});
const { parseNfo } = await import(pathToFileURL(bundle).href);

function attempt(input) {
  try {
    parseNfo(input);
    return 'parsed';
  } catch (err) {
    return err && typeof err === 'object' && 'code' in err ? String(err.code) : `threw ${String(err)}`;
  }
}

/** The best of a few runs: the fastest is the least disturbed by whatever else the machine does. */
function best(fn, runs = 5) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}

const ordinary = '<movie><title>Alien</title><year>1979</year><genre>Sci-Fi</genre><actor><name>Sigourney Weaver</name><role>Ripley</role></actor></movie>';
const bombLines = ['<!ENTITY lol "lol">'];
for (let i = 1; i <= 9; i++) bombLines.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${bombLines.join('\n')}\n]>\n<movie><title>&lol9;</title></movie>`;
const hugeString = `<movie><plot>${'x'.repeat(50 * 1024 * 1024)}</plot></movie>`;
const hugeBuffer = Buffer.alloc(50 * 1024 * 1024, 0x41);
const deep = `<movie>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</movie>`;
const flood = `<movie>${'<a/>'.repeat(400_000)}</movie>`;
const actors = [];
for (let i = 9_999; i >= 0; i--) actors.push(`<actor><name>Actor ${i}</name><role>Role ${i}</role><order>${i}</order></actor>`);
const cast = `<movie><title>Cast of thousands</title>${actors.join('\n')}</movie>`;
const slashes = `<movie><genre>A${' '.repeat(1_000_000)}B / C</genre></movie>`;
// The same size with no whitespace run: splitting that is linear, so a quadratic split shows as a ratio.
const noRun = `<movie><genre>A${'x'.repeat(1_000_000)}B / C</genre></movie>`;

const cases = [
  // [name, input, expected outcome, baseline name, baseline fn, target ratio]
  ['billion laughs refused', bomb, 'dtd-forbidden', 'parse of an ordinary NFO x 10', () => { for (let i = 0; i < 10; i++) parseNfo(ordinary); }, 1],
  ['50 MB string refused', hugeString, 'too-large', 'one lastIndexOf pass over it', () => hugeString.lastIndexOf('\u0001'), 0.25],
  ['50 MB Buffer refused', hugeBuffer, 'too-large', 'one latin1 decode of it', () => hugeBuffer.toString('latin1').length, 0.25],
  ['10,000-deep nesting refused', deep, 'malformed', 'one lastIndexOf pass x 1000', () => { for (let i = 0; i < 1000; i++) deep.lastIndexOf('\u0001'); }, 1],
  ['400,000-element flood refused', flood, 'too-large', 'one split over it', () => flood.split('<').length, 2],
  ['10,000 actors read', cast, 'parsed', 'parse of an ordinary NFO x 10,000', () => { for (let i = 0; i < 10_000; i++) parseNfo(ordinary); }, 2],
  ['1 MB whitespace between slashes', slashes, 'parsed', 'parse of the same size without the run', () => parseNfo(noRun), 2],
];

const results = [];
for (const [name, input, expected, baselineName, baselineFn, target] of cases) {
  const outcome = attempt(input);
  if (outcome !== expected) throw new Error(`${name}: expected ${expected}, got ${outcome}`);
  const ms = best(() => attempt(input), 3);
  const baselineMs = best(baselineFn, 3);
  const ratio = Math.round((ms / baselineMs) * 100) / 100;
  results.push({ name, ms: Math.round(ms * 100) / 100, baseline: baselineName, baselineMs: Math.round(baselineMs * 100) / 100, ratio, target: `ratio <= ${target}`, met: ratio <= target });
  process.stderr.write(`${name}: ${ms.toFixed(2)} ms (baseline ${baselineName}: ${baselineMs.toFixed(2)} ms, ratio ${ratio}) target <= ${target}\n`);
}

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'nfo.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
if (results.some((r) => !r.met)) process.exitCode = 1;
