import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { existsSync, renameSync, symlinkSync } from 'node:fs';
import { rawDatabase } from '../helpers/sqlite';
import { binPath, projectRoot, requireBuilt } from '../helpers/built';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';

let dir: string;

// Every command goes through the installed command, as users run it; it loads the built out/main/cli.js.
const cli = binPath;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });

/**
 * Starts the CLI and, in the same tick, the promise of its exit: a fast machine may finish the
 * command before the test gets round to waiting for it.
 */
function start(...args: string[]): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited };
}

/** Resolves after `ms`, or as soon as the child has exited, whichever comes first. */
const delayOrExit = (ms: number, exited: Promise<void>) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), exited]);

beforeAll(() => {
  requireBuilt();
  dir = tempDir();
});
afterAll(() => removeDir(dir));

describe('media-centre CLI', () => {
  it('answers --help for every command', () => {
    for (const cmd of [[], ['serve'], ['scan'], ['identify'], ['library'], ['demo'], ['doctor']]) {
      const r = run(...cmd, '--help');
      expect(r.status, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Usage: media-centre/);
    }
  });

  it('runs from a linked command and through npx, as `npm link` and the README have users run it', () => {
    const linked = join(dir, 'bin', 'media-centre');
    writeFile(dir, 'bin/.keep');
    symlinkSync(binPath, linked);
    const viaLink = spawnSync(process.execPath, [linked, 'identify', '--type', 'movies', 'Heat (1995)/Heat (1995).mkv'], { encoding: 'utf8', timeout: 60_000 });
    expect(viaLink.status, viaLink.stderr).toBe(0);
    expect(JSON.parse(viaLink.stdout)).toMatchObject({ kind: 'movie', title: 'Heat', year: 1995 });
    const viaNpx = spawnSync('npm', ['exec', '--no', '--', 'media-centre', '--help'], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
    expect(viaNpx.status, viaNpx.stderr).toBe(0);
    expect(viaNpx.stdout).toMatch(/Usage: media-centre <command>/);
  });

  it('rejects an unknown command or flag with a clear message and exit code 2', () => {
    const a = run('frobnicate');
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/unknown command "frobnicate"/);
    const b = run('serve', '--frob');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--frob/);
    const c = run('identify', '--type', 'films', 'x.mkv');
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/--type/);
  });

  it('identify prints one JSON object per path', () => {
    const r = run('identify', '--type', 'mixed', 'Movies/The.Matrix.1999.1080p.BluRay.x264-GRP.mkv', 'TV/Doctor Who (2005)/Season 1/Doctor Who - S01E02 - The End.mkv', 'Movies/Alien (1979)/trailers/Teaser.mp4');
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ path: 'Movies/The.Matrix.1999.1080p.BluRay.x264-GRP.mkv', kind: 'movie', title: 'The Matrix', year: 1999 });
    expect(rows[1]).toMatchObject({ kind: 'episode', series: 'Doctor Who', season: 1, episode: 2, title: 'The End' });
    expect(rows[2]).toMatchObject({ kind: 'extra', extraType: 'trailer' });
  });

  it('doctor names ffmpeg, ffprobe, SQLite and the encoders we rely on', () => {
    const r = run('doctor');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ffmpeg .*ffmpeg/);
    expect(r.stdout).toMatch(/ffprobe version/);
    expect(r.stdout).toMatch(/SQLite\s+3\.\d+/);
    // Whichever Node runs the suite (CI runs it under two) runs the command and loads its own SQLite build.
    expect(r.stdout).toContain(`Node     ${process.version} (ABI ${process.versions.modules})`);
    expect(r.stdout).toMatch(/libx264: yes/);
    expect(r.stdout).toMatch(/aac: yes/);
    // Every hardware encoder has a line: usable, or why not.
    for (const encoder of ['h264_vaapi', 'h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_amf']) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${encoder}: (yes|no, \\S.+)$`, 'm'));
    }
    expect(r.stdout).toMatch(/^Hardware +(none usable: transcodes use libx264|.*h264_)/m);
  });

  it('scan --json reports a summary, and library list shows the folder', () => {
    const lib = join(dir, 'lib1');
    writeFile(lib, 'Film A (2001)/Film A (2001).mkv');
    writeFile(lib, 'Film B (2002)/Film B (2002).mkv');
    const data = join(dir, 'data1');
    const r = run('scan', '--data', data, '--library', lib, '--type', 'movies', '--no-probe', '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.items).toBe(2);
    expect(summary.libraries[0]).toMatchObject({ found: 2, added: 2, type: 'movies' });
    const again = JSON.parse(run('scan', '--data', data, '--json', '--no-probe').stdout);
    expect(again.libraries[0]).toMatchObject({ added: 0, unchanged: 2 });
    expect(run('library', 'list', '--data', data).stdout).toContain(lib);
  });

  it('scan says how many items a naming-rules update identified anew, in text and in --json', () => {
    const lib = join(dir, 'lib-rules');
    writeFile(lib, 'The.Show.S01.1080p.WEB-DL/The.Show.S01E02.1080p.WEB-DL.mkv');
    const data = join(dir, 'data-rules');
    expect(run('scan', '--data', data, '--library', lib, '--type', 'shows', '--no-probe').status).toBe(0);
    // Leave the catalogue as the previous rules did: the release tags in the series' name, the folders signed version 3.
    const age = (): void => {
      const db = rawDatabase(join(data, 'library.db'));
      db.prepare("UPDATE items SET title = 'The Show S01' WHERE kind = 'series'").run();
      db.prepare("UPDATE dirs SET signature = '3.' || substr(signature, instr(signature, '.') + 1)").run();
      db.close();
    };
    age();
    const text = run('scan', '--data', data, '--no-probe');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/1 unchanged; 1 identified anew; 0 failed/);
    age();
    const json = JSON.parse(run('scan', '--data', data, '--no-probe', '--json').stdout);
    expect(json.libraries[0]).toMatchObject({ reidentified: 1, unchanged: 1 });
    expect(JSON.parse(run('scan', '--data', data, '--no-probe', '--json').stdout).libraries[0]).toMatchObject({ reidentified: 0 });
  });

  it('library add, list and remove manage the folders a user scans', () => {
    const films = join(dir, 'lib-manage');
    writeFile(films, 'Kept (2003)/Kept (2003).mkv');
    const data = join(dir, 'data-manage');
    const added = run('library', 'add', '--data', data, '--type', 'movies', '--name', 'My films', '--poll', '30', films);
    expect(added.status, added.stderr).toBe(0);
    const id = added.stdout.trim();
    const listed = JSON.parse(run('library', 'list', '--data', data, '--json').stdout) as { id: string; name: string; type: string; poll_minutes: number; roots: { path: string }[] }[];
    expect(listed).toEqual([expect.objectContaining({ id, name: 'My films', type: 'movies', poll_minutes: 30, roots: [expect.objectContaining({ path: films })] })]);
    expect(JSON.parse(run('scan', '--data', data, '--json', '--no-probe').stdout).items).toBe(1);
    const missingType = run('library', 'add', '--data', data, films);
    expect(missingType.status).toBe(2);
    expect(missingType.stderr).toMatch(/--type is required/);
    expect(run('library', 'add', '--data', data, '--type', 'movies', join(dir, 'no-such-folder')).status).toBe(2);
    expect(run('library', 'remove', '--data', data, id).status).toBe(0);
    expect(JSON.parse(run('library', 'list', '--data', data, '--json').stdout)).toEqual([]);
    const again = run('library', 'remove', '--data', data, id);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`No library ${id}`);
  });

  it('library remove takes an id that begins with "-" after "--", as older versions could make', () => {
    const films = join(dir, 'lib-dash');
    writeFile(films, 'Dash (2004)/Dash (2004).mkv');
    const data = join(dir, 'data-dash');
    const id = run('library', 'add', '--data', data, '--type', 'movies', films).stdout.trim();
    const db = rawDatabase(join(data, 'library.db'));
    db.pragma('foreign_keys = OFF');
    db.prepare('UPDATE libraries SET id = ? WHERE id = ?').run('-dashFirst01', id);
    db.prepare('UPDATE library_roots SET library_id = ? WHERE library_id = ?').run('-dashFirst01', id);
    db.close();
    const asOption = run('library', 'remove', '--data', data, '-dashFirst01');
    expect(asOption.status).toBe(2);
    expect(asOption.stderr).toMatch(/Unknown option|unknown option/i);
    const removed = run('library', 'remove', '--data', data, '--', '-dashFirst01');
    expect(removed.status, removed.stderr).toBe(0);
    expect(JSON.parse(run('library', 'list', '--data', data, '--json').stdout)).toEqual([]);
  });

  it('a scan killed with SIGKILL at any moment leaves a consistent catalogue that the next scan completes without duplicates', async () => {
    const lib = join(dir, 'big');
    const count = 1500;
    for (let i = 0; i < count; i++) writeFile(lib, `Film ${i} (2000)/Film ${i} (2000).mkv`, `file ${i}`);
    const data = join(dir, 'data2');
    for (const delay of [0, 150, 400]) {
      const { child, exited } = start('scan', '--data', data, '--library', lib, '--type', 'movies', '--no-probe');
      // Kill it once it has begun writing (a loaded machine starts node slowly), plus a different delay each round.
      // A fast machine may finish the scan first: then there is nothing to kill, and the checks below still hold.
      while (!existsSync(join(data, 'library.db')) && child.exitCode === null) await delayOrExit(10, exited);
      await delayOrExit(delay, exited);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    // Opened read-write, as the next run would: a killed writer leaves a WAL to recover.
    const db = rawDatabase(join(data, 'library.db'));
    // Killed during the first migration, the database has no tables yet: that too is consistent.
    const hasItems = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'items'").get() !== undefined;
    const partial = hasItems ? (db.prepare("SELECT COUNT(*) AS n FROM items WHERE kind = 'movie'").get() as { n: number }).n : 0;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(partial).toBeLessThanOrEqual(count);
    const r = run('scan', '--data', data, '--library', lib, '--type', 'movies', '--no-probe', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).items).toBe(count);
    const check = rawDatabase(join(data, 'library.db'));
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((check.prepare("SELECT COUNT(*) AS n FROM items WHERE kind = 'movie'").get() as { n: number }).n).toBe(count);
    expect((check.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n).toBe(count);
    check.close();
  });

  it('a share that vanishes at any moment of a scan loses no title', async () => {
    const lib = join(dir, 'share');
    const count = 2000;
    for (let i = 0; i < count; i++) writeFile(lib, `Film ${i} (2000)/Film ${i} (2000).mkv`, `file ${i}`);
    const data = join(dir, 'data3');
    expect(run('scan', '--data', data, '--library', lib, '--type', 'movies', '--no-probe').status).toBe(0);
    for (const delay of [60, 200, 500]) {
      writeFile(lib, `New ${delay} (2001)/New ${delay} (2001).mkv`);
      const { exited } = start('scan', '--data', data, '--no-probe', '--full');
      // The share goes away after `delay`, or after the scan if it finished first: a later vanishing must lose
      // nothing either, since the next scan reads the share offline.
      await delayOrExit(delay, exited);
      renameSync(lib, `${lib}-unmounted`);
      await exited;
      if (delay === 500) {
        // Whatever the machine's speed, one round reads the share while it is gone.
        const offline = run('scan', '--data', data, '--no-probe', '--full');
        expect(offline.status, offline.stderr).toBe(0);
      }
      renameSync(`${lib}-unmounted`, lib);
      const db = rawDatabase(join(data, 'library.db'), { readonly: true });
      const missing = (db.prepare("SELECT COUNT(*) AS n FROM items WHERE kind = 'movie' AND missing_since IS NOT NULL").get() as { n: number }).n;
      db.close();
      expect(missing, `share removed after ${delay} ms`).toBe(0);
    }
  });
});
