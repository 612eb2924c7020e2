// A play request on a root that is gone, slow, or there without the file: each answers with its own code.
import { afterAll, describe, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSource } from '../../src/main/playback/source-check';
import { PlaybackError } from '../../src/main/playback/sessions';
import { removeDir, tempDir, writeFile } from '../helpers/fixtures';

const dir = tempDir();
const root = join(dir, 'share');
const file = writeFile(root, 'Film (2020)/Film (2020).mkv', 'x');
afterAll(() => removeDir(dir));

async function codeOf(p: Promise<void>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof PlaybackError ? `${e.status} ${e.code}` : 'other';
  }
}

describe('checkSource', () => {
  it('a reachable root with the file is fine', async () => {
    expect(await codeOf(checkSource({ path: file, rootPath: root }))).toBe('ok');
  });

  it('a root that is gone is source-offline at once', async () => {
    expect(await codeOf(checkSource({ path: join(dir, 'nas', 'x.mkv'), rootPath: join(dir, 'nas') }))).toBe('503 source-offline');
  });

  it('a file gone from a root that is there is file-missing', async () => {
    expect(await codeOf(checkSource({ path: join(root, 'gone.mkv'), rootPath: root }))).toBe('410 file-missing');
  });

  it('a share slow to wake is waited for, and the wait is told', async () => {
    const told: number[] = [];
    let wake: () => void = () => {};
    const woke = new Promise<void>((r) => (wake = r));
    const slow = async (path: string) => {
      await woke;
      return stat(path);
    };
    // Wakes once the caller has been told twice: the test follows what happens, not the clock.
    const result = codeOf(
      checkSource({ path: file, rootPath: root }, { statRoot: slow, waitNoticeMs: 20, maxWaitMs: 30_000, onWaiting: (s) => told.push(s) === 2 && wake() }),
    );
    expect(await result).toBe('ok');
    expect(told.length).toBe(2);
  });

  it('a share that never answers gives up with source-offline naming the root', async () => {
    let message = '';
    try {
      await checkSource({ path: file, rootPath: root }, { statRoot: () => new Promise(() => {}), waitNoticeMs: 20, maxWaitMs: 100 });
    } catch (e) {
      message = (e as Error).message;
      expect((e as PlaybackError).code).toBe('source-offline');
    }
    expect(message).toContain(root);
  });
});
