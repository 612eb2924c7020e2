// `media-centre scan` with online metadata: keys and URLs as flags or environment variables, a scan that fetches
// and waits, `--no-metadata` that skips it, and a bad URL refused as a usage error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { requireBuilt } from '../helpers/built';
import { FAKE_OMDB_KEY, FAKE_TMDB_KEY, startFakeProviders, type FakeProviders } from '../helpers/fake-providers';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';

let fake: FakeProviders;
let dir: string;
let cli: string;

/** Async, so the stand-in provider in this process can answer while the CLI runs. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  cli = requireBuilt();
  fake = await startFakeProviders();
  dir = tempDir('mc-metadata-cli-');
  writeFile(join(dir, 'lib'), 'Alien (1979)/Alien (1979).mkv');
  writeFile(join(dir, 'lib'), 'Holiday Video (2019)/Holiday Video (2019).mkv');
});

afterAll(async () => {
  await fake.close();
  removeDir(dir);
});

describe('media-centre scan with online metadata', () => {
  it('--no-metadata scans as before, even with a key given', async () => {
    const r = await run(['scan', '--data', join(dir, 'd1'), '--library', join(dir, 'lib'), '--type', 'movies', '--no-probe', '--no-metadata', '--json', '--tmdb-key', FAKE_TMDB_KEY, '--tmdb-url', fake.tmdbBaseUrl]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('metadata');
  });

  it('fetches and waits, with the keys and URLs from flags', async () => {
    const r = await run(['scan', '--data', join(dir, 'd2'), '--library', join(dir, 'lib'), '--type', 'movies', '--no-probe', '--json', '--tmdb-key', FAKE_TMDB_KEY, '--tmdb-url', fake.tmdbBaseUrl, '--omdb-key', FAKE_OMDB_KEY, '--omdb-url', fake.omdbBaseUrl]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).metadata).toEqual({ matched: 1, 'needs-match': 1, waiting: 0, locked: 0 });
  });

  it('takes the same settings from MEDIA_CENTRE_* variables', async () => {
    const r = await run(['scan', '--data', join(dir, 'd3'), '--library', join(dir, 'lib'), '--type', 'movies', '--no-probe'], {
      MEDIA_CENTRE_TMDB_KEY: FAKE_TMDB_KEY,
      MEDIA_CENTRE_TMDB_URL: fake.tmdbBaseUrl,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Online metadata: 1 matched, 1 need a match, 0 waiting/);
  });

  it('refuses a URL that is not one, naming the flag', async () => {
    const r = await run(['scan', '--data', join(dir, 'd4'), '--library', join(dir, 'lib'), '--type', 'movies', '--no-probe', '--tmdb-url', 'ftp://x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tmdbBaseUrl: an http\(s\) URL/);
  });
});
