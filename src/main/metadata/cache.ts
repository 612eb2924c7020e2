// Provider answers kept on disk, one JSON file per request, with an age per kind: details live 14 days,
// searches 1 day. Files survive a restart; a stale or unreadable entry is simply fetched again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../db/ids';

const DAY = 24 * 60 * 60 * 1000;
export const CACHE_AGES = { details: 14 * DAY, search: DAY } as const;
export type CacheKind = keyof typeof CACHE_AGES;

export class ResponseCache {
  hits = 0;
  misses = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key holds the request without the API key, so changing the key does not empty the cache. */
  private file(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  get(key: string, kind: CacheKind): unknown {
    try {
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as { key?: unknown; at?: unknown; body?: unknown };
      if (entry.key === key && typeof entry.at === 'number' && this.now() - entry.at < CACHE_AGES[kind]) {
        this.hits++;
        return entry.body;
      }
    } catch {
      // Missing or torn: fetched again.
    }
    this.misses++;
    return undefined;
  }

  put(key: string, body: unknown): void {
    const file = this.file(key);
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${newId()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, at: this.now(), body }));
    renameSync(tmp, file);
  }

  async through<T>(key: string, kind: CacheKind, fetch: () => Promise<T>): Promise<T> {
    const hit = this.get(key, kind);
    if (hit !== undefined) return hit as T;
    const fresh = await fetch();
    this.put(key, fresh);
    return fresh;
  }
}
