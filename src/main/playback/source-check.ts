// Before a play session: is the file's library root reachable, and is the file still there? A root that
// is gone answers at once (source-offline, naming it); one slow to answer (a NAS waking up) is waited for
// up to 30 s while the caller is told, so the player can say "waking the share"; a file gone from a root
// that is there is file-missing. Never a generic error.
import { stat } from 'node:fs/promises';
import { PlaybackError } from './sessions';

export interface SourceCheckOptions {
  /** Tell the user after this long (ms). */
  waitNoticeMs?: number;
  /** Give up after this long (ms). */
  maxWaitMs?: number;
  onWaiting?(waitedSeconds: number): void;
  /** What was found of the root: there, or not (with the reason the user is given). */
  onRootStatus?(online: boolean, error: string | null): void;
  /** How a root is asked whether it is there (a sleeping NAS cannot be made in a test, a slow stat can). */
  statRoot?: (path: string) => Promise<{ isDirectory(): boolean }>;
}

type Outcome = { ok: true; isDir: boolean } | { ok: false; code: string };

function probe(path: string, how: (path: string) => Promise<{ isDirectory(): boolean }> = stat): Promise<Outcome> {
  return how(path).then(
    (s) => ({ ok: true, isDir: s.isDirectory() }),
    (e: NodeJS.ErrnoException) => ({ ok: false, code: e.code ?? 'EIO' }),
  );
}

async function withPatience(path: string, o: SourceCheckOptions): Promise<Outcome | 'timeout'> {
  const noticeMs = o.waitNoticeMs ?? 1_000;
  const maxMs = o.maxWaitMs ?? 30_000;
  const started = Date.now();
  const pending = probe(path, o.statRoot);
  let timer: NodeJS.Timeout | undefined;
  const tick = (): Promise<'tick'> => new Promise((r) => (timer = setTimeout(() => r('tick'), noticeMs)));
  try {
    for (;;) {
      const first = await Promise.race([pending, tick()]);
      clearTimeout(timer);
      if (first !== 'tick') return first;
      const waited = Date.now() - started;
      if (waited >= maxMs) return 'timeout';
      o.onWaiting?.(Math.round(waited / 1000));
    }
  } finally {
    clearTimeout(timer);
  }
}

export async function checkSource(file: { path: string; rootPath: string }, o: SourceCheckOptions = {}): Promise<void> {
  const root = await withPatience(file.rootPath, o);
  const offline = (message: string): PlaybackError => {
    o.onRootStatus?.(false, message);
    return new PlaybackError(503, 'source-offline', message);
  };
  if (root === 'timeout') throw offline(`${file.rootPath} did not answer within ${Math.round((o.maxWaitMs ?? 30_000) / 1000)} s: the share may be asleep or unplugged.`);
  if (!root.ok || !root.isDir) throw offline(`${file.rootPath} cannot be reached: the disk or share is not connected.`);
  o.onRootStatus?.(true, null);
  const own = await probe(file.path);
  if (!own.ok) {
    if (own.code === 'ENOENT' || own.code === 'ENOTDIR') throw new PlaybackError(410, 'file-missing', 'This file is no longer on the disk: it was moved or deleted since the last scan.');
    throw new PlaybackError(503, 'source-offline', `${file.rootPath} cannot be read right now (${own.code}).`);
  }
}
