// Trickplay sheets on disk: one folder per file under cache/trickplay, named by a hash of the file's path
// and signature (size:mtime), so a changed file gets new thumbnails and the old ones become unreferenced.
// Made in two low-priority ffmpeg runs into a temporary folder that is renamed into place when whole.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, stderrTail, ToolError } from '../../media-tools/run';
import { trickplayFrameArgs, trickplaySheetArgs } from '../ffmpeg-args';
import { sheetCount, sheetName, SHEET_NAME, trickplayLayout, type TrickplayLayout } from './layout';

export interface TrickplaySource {
  path: string;
  signature: string;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
}

/** What is stored next to the sheets: the public index, with sheet file names instead of URLs. */
export interface StoredTrickplay extends TrickplayLayout {
  count: number;
  sheets: string[];
}

const KEY = /^[0-9a-f]{32}$/;

export function trickplayKey(path: string, signature: string): string {
  return createHash('sha256').update(`trickplay\0${path}\0${signature}`).digest('hex').slice(0, 32);
}

export class TrickplayStore {
  readonly root: string;

  constructor(cacheDir: string) {
    this.root = join(cacheDir, 'trickplay');
  }

  dirOf(src: Pick<TrickplaySource, 'path' | 'signature'>): string {
    return join(this.root, trickplayKey(src.path, src.signature));
  }

  /** The stored index, or null when there is none (or it is torn). */
  read(src: Pick<TrickplaySource, 'path' | 'signature'>): StoredTrickplay | null {
    try {
      const parsed = JSON.parse(readFileSync(join(this.dirOf(src), 'index.json'), 'utf8')) as unknown;
      return isStored(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  /** The path of one sheet of a file, when its name is one of the file's sheets. */
  sheetPath(src: Pick<TrickplaySource, 'path' | 'signature'>, name: string): string | null {
    const index = this.read(src);
    return index && SHEET_NAME.test(name) && index.sheets.includes(name) ? join(this.dirOf(src), name) : null;
  }

  async make(ffmpeg: string, src: TrickplaySource, signal?: AbortSignal): Promise<StoredTrickplay> {
    if (!src.durationSeconds || src.durationSeconds <= 0) throw new Error('the length of this file is unknown');
    const layout = trickplayLayout(src.width, src.height);
    mkdirSync(this.root, { recursive: true });
    const work = join(this.root, `tmp-${randomBytes(6).toString('hex')}`);
    const thumbs = join(work, 'thumbs');
    mkdirSync(thumbs, { recursive: true });
    try {
      const limits = { nice: 'lowest' as const, timeoutMs: 30 * 60_000, ...(signal ? { signal } : {}) };
      const frames = await runTool(ffmpeg, trickplayFrameArgs(src.path, thumbs, layout.intervalSeconds, layout.tileWidth, layout.tileHeight), limits);
      if (frames.code !== 0) throw new ToolError(`ffmpeg could not take the thumbnails: ${stderrTail(frames.stderr)}`, frames);
      const count = readdirSync(thumbs).filter((n) => /^thumb-\d{5}\.jpg$/.test(n)).length;
      if (count === 0) throw new Error('ffmpeg took no thumbnail from this file');
      const tiled = await runTool(ffmpeg, trickplaySheetArgs(thumbs, work, layout.columns, layout.rows), limits);
      if (tiled.code !== 0) throw new ToolError(`ffmpeg could not tile the thumbnails: ${stderrTail(tiled.stderr)}`, tiled);
      const sheets = Array.from({ length: sheetCount(layout, count) }, (_, i) => sheetName(i));
      const made = new Set(readdirSync(work));
      const lost = sheets.find((s) => !made.has(s));
      if (lost) throw new Error(`ffmpeg did not write ${lost}`);
      rmSync(thumbs, { recursive: true, force: true });
      const stored: StoredTrickplay = { ...layout, count, sheets };
      writeJson(join(work, 'index.json'), stored);
      const dest = this.dirOf(src);
      rmSync(dest, { recursive: true, force: true });
      renameSync(work, dest);
      return stored;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /**
   * Removes the sheets of every file not in `live` (keys of the files still in the library), and work
   * folders left by a killed server. Call it between two makes, never during one.
   */
  sweep(live: ReadonlySet<string>): number {
    let removed = 0;
    let names: string[];
    try {
      names = readdirSync(this.root);
    } catch {
      return 0;
    }
    for (const name of names) {
      if ((KEY.test(name) && !live.has(name)) || name.startsWith('tmp-')) {
        rmSync(join(this.root, name), { recursive: true, force: true });
        if (KEY.test(name)) removed++;
      }
    }
    return removed;
  }
}

function writeJson(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, path);
}

function isStored(v: unknown): v is StoredTrickplay {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const nums = ['intervalSeconds', 'tileWidth', 'tileHeight', 'columns', 'rows', 'count'].every((k) => typeof o[k] === 'number');
  return nums && Array.isArray(o.sheets) && o.sheets.every((s) => typeof s === 'string' && SHEET_NAME.test(s));
}
