// The library list's encoded replies (gzip), kept between requests: at 20,000 titles building,
// serialising and compressing the list costs seconds on a loaded machine, and it changes rarely.
// A change is seen through the list's own counter (table list_version, migration 8): SQLite triggers
// bump it at every write the list can show (a title added, a poster's colour, a probe's resolution or
// language, a watched mark) and at none it cannot (segment analyses, retry bookkeeping, a share's poll
// time), from any connection, so no writer has to remember to say so and no background work makes the
// list miss. A body remembers the counter it was built at; a request is answered by a body built at the
// counter it sees or later, and otherwise waits for one. One exception: while a scan is writing (titles,
// probes, placeholder colours, thousands of rows a minute), the next request gets the list there is at
// once and a fresh one is built after the reply, at most one at a time and spaced out, so a busy scan
// does not make every page load wait for a rebuild. Once the scan is over the next request waits again.
// Each body is also saved in the cache folder with its counter, so after a restart the first request
// is answered from disk when nothing the list shows was written since (the counter lives in the
// catalogue, with a random epoch per catalogue so a file is never taken for another catalogue's).
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import type { RequestContext } from '../server/http-kit';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Only the gzip bytes are kept (a sixth of the JSON); the rare client without gzip gets them unzipped. */
export interface EncodedBody {
  /** The list counter the body was built at: it shows every list write up to it. */
  stamp: number;
  etag: string;
  gzip: Buffer;
}

/** How a request was answered, for the Server-Timing header (and the tests: no clock involved). */
export type ListAnswer = 'hit' | 'disk' | 'built' | 'stale';

/** While a scan writes, a rebuild behind the reply starts at least this many build times after the last one ended. */
const SCAN_REBUILD_SPACING = 2;

export class ListCache {
  private readonly bodies = new Map<string, EncodedBody>();
  private readonly building = new Map<string, Promise<EncodedBody>>();
  /** When the last build of a key ended, and what it cost (ms), to space the rebuilds during a scan. */
  private readonly lastBuild = new Map<string, { ended: number; ms: number }>();
  private readonly counter;
  private readonly epoch: string;
  /** Keys whose saved file was looked at (once per key and start). */
  private readonly triedDisk = new Set<string>();

  /**
   * `scanRebuildSpacing`: see SCAN_REBUILD_SPACING (tests set 0, so no clock decides what they see).
   * `dir`: where bodies are saved between starts (null: not saved).
   */
  constructor(
    private readonly db: Db,
    private readonly scanRebuildSpacing = SCAN_REBUILD_SPACING,
    private readonly dir: string | null = null,
  ) {
    this.counter = db.prepare<[], number>('SELECT n FROM list_version WHERE id = 1').pluck();
    this.epoch = db.prepare<[], string>('SELECT epoch FROM list_version WHERE id = 1').pluck().get() ?? '';
  }

  /** Cheap: one indexed row read, in its own read, so it sees every connection's commits. */
  stamp(): number {
    return this.counter.get() ?? 0;
  }

  /** The body of `key`: cached, or built now (see the rules at the top). `scanning`: a scan is writing. */
  async get(key: string, build: () => unknown, scanning = false): Promise<{ body: EncodedBody; answer: ListAnswer }> {
    const stamp = this.stamp();
    const saved = this.bodies.has(key) ? undefined : this.fromDisk(key);
    const cached = this.bodies.get(key);
    if (cached && cached.stamp >= stamp) return { body: cached, answer: saved === cached ? 'disk' : 'hit' };
    if (cached && scanning) {
      this.rebuildBehind(key, build);
      return { body: cached, answer: 'stale' };
    }
    return { body: await this.fresh(key, stamp, build), answer: 'built' };
  }

  /** A body built at `stamp` or later: the one under way if it will do, else a new one. */
  private async fresh(key: string, stamp: number, build: () => unknown): Promise<EncodedBody> {
    const pending = this.building.get(key);
    if (pending) {
      const body = await pending;
      if (body.stamp >= stamp) return body;
      return this.fresh(key, stamp, build);
    }
    return this.rebuild(key, build);
  }

  /** After the reply, unless a build is under way or the last one ended too recently. */
  private rebuildBehind(key: string, build: () => unknown): void {
    if (this.building.has(key)) return;
    const last = this.lastBuild.get(key);
    if (last && performance.now() - last.ended < last.ms * this.scanRebuildSpacing) return;
    // Registered now (so the next requests do not queue another), run after this reply is written.
    const made = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.encode(key, build));
    this.track(key, made);
  }

  private rebuild(key: string, build: () => unknown): Promise<EncodedBody> {
    const made = this.encode(key, build);
    this.track(key, made);
    return made;
  }

  private track(key: string, made: Promise<EncodedBody>): void {
    this.building.set(key, made);
    void made
      .finally(() => {
        if (this.building.get(key) === made) this.building.delete(key);
      })
      .catch(() => undefined);
  }

  private async encode(key: string, build: () => unknown): Promise<EncodedBody> {
    const started = performance.now();
    // One read transaction: the counter and every query of the build see the same snapshot, so the
    // stamp says exactly which writes the body shows, whoever commits meanwhile.
    const { stamp, value } = this.db.transaction(() => ({ stamp: this.stamp(), value: build() }))();
    const raw = Buffer.from(JSON.stringify(value));
    // Off the event loop: streams are being served meanwhile.
    const zipped = await gzipAsync(raw, { level: 6 });
    const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
    const body: EncodedBody = { stamp, etag, gzip: zipped };
    const kept = this.bodies.get(key);
    // Builds may end out of order (one behind a reply, one a request waited for): keep the newer.
    if (!kept || kept.stamp <= stamp) {
      this.bodies.set(key, body);
      this.toDisk(key, body);
    }
    this.lastBuild.set(key, { ended: performance.now(), ms: performance.now() - started });
    return body;
  }

  private file(key: string): string {
    return join(this.dir as string, `${createHash('sha1').update(key).digest('hex').slice(0, 16)}.list`);
  }

  /** The body saved for `key` by an earlier start, kept in memory if it is this catalogue's. Once per key. */
  private fromDisk(key: string): EncodedBody | undefined {
    if (this.dir === null || this.triedDisk.has(key)) return undefined;
    this.triedDisk.add(key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file(key));
    } catch {
      return undefined;
    }
    // One line of JSON (what the body is), then the gzip bytes.
    const end = bytes.indexOf(10);
    if (end < 0) return undefined;
    try {
      const head = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { key?: unknown; epoch?: unknown; stamp?: unknown; etag?: unknown };
      if (head.key !== key || head.epoch !== this.epoch || typeof head.stamp !== 'number' || typeof head.etag !== 'string') return undefined;
      const body: EncodedBody = { stamp: head.stamp, etag: head.etag, gzip: bytes.subarray(end + 1) };
      // A count above the catalogue's own is not this catalogue's past.
      if (body.stamp > this.stamp()) return undefined;
      this.bodies.set(key, body);
      return body;
    } catch {
      return undefined;
    }
  }

  /**
   * Written beside and renamed, so a start never reads half a file; a failure only costs a build at the
   * next start. At once, not in the background: half a megabyte into the page cache takes about a
   * millisecond, and a server that stops right after a build still leaves it for the next start.
   */
  private toDisk(key: string, body: EncodedBody): void {
    if (this.dir === null) return;
    const file = this.file(key);
    const head = Buffer.from(`${JSON.stringify({ key, epoch: this.epoch, stamp: body.stamp, etag: body.etag })}\n`);
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([head, body.gzip]));
      renameSync(tmp, file);
    } catch {
      // Not kept for the next start; this one is unaffected.
    }
  }
}

/**
 * Sends a cached body: 304 when the page already holds these bytes, gzip when the client takes it.
 * `no-cache` (not `no-store`) lets the browser keep the list and revalidate it with its ETag.
 * Server-Timing says whether the list was kept (`hit`), built for this request, or sent as it was while
 * a scan writes (`stale`).
 */
export async function sendEncoded(ctx: RequestContext, { body, answer }: { body: EncodedBody; answer: ListAnswer }): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    ETag: body.etag,
    Vary: 'Accept-Encoding',
    'Server-Timing': `list;desc="${answer}"`,
  };
  const match = String(ctx.req.headers['if-none-match'] ?? '');
  if (match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === body.etag)) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  const zipped = /\bgzip\b/.test(String(ctx.req.headers['accept-encoding'] ?? ''));
  const bytes = zipped ? body.gzip : await gunzipAsync(body.gzip);
  if (zipped) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(bytes.length);
  ctx.res.writeHead(200, headers);
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : bytes);
}
