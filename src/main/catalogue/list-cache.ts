// The library list's encoded replies (gzip), kept between requests: at 20,000 titles building,
// serialising and compressing the list costs seconds on a loaded machine, and it changes rarely.
// A change is seen through SQLite's own count of rows written by this connection (total_changes)
// and its data_version (writes by another connection, such as a CLI scan), so no writer has to
// remember to say so, and the next request waits for a fresh list. One exception: while a scan
// is writing (titles, probes, placeholder colours, thousands of rows a minute), the next request
// gets the list there is at once and a fresh one is built behind it, so a busy scan does not make
// every page load wait for a rebuild. The scan's end is announced (invalidate()), and so is what a
// family does meanwhile (a title marked watched): after those the next request always waits.
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import type { RequestContext } from '../server/http-kit';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Only the gzip bytes are kept (a sixth of the JSON); the rare client without gzip gets them unzipped. */
export interface EncodedBody {
  stamp: string;
  /** Which invalidate() it was built after. */
  generation: number;
  etag: string;
  gzip: Buffer;
}

export class ListCache {
  private readonly bodies = new Map<string, EncodedBody>();
  private readonly building = new Map<string, Promise<EncodedBody>>();
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** Cheap: one function call and one pragma, no table read. */
  stamp(): string {
    const changes = this.db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    return `${changes}:${version}`;
  }

  /** The next request waits for a list built from now on. */
  invalidate(): void {
    this.generation++;
  }

  /** The body of `key`: cached, or built now (see the rules at the top). `scanning`: a scan is writing. */
  async get(key: string, build: () => unknown, scanning = false): Promise<EncodedBody> {
    const stamp = this.stamp();
    const cached = this.bodies.get(key);
    if (cached && cached.generation === this.generation) {
      if (cached.stamp === stamp) return cached;
      if (scanning) {
        void this.rebuild(key, stamp, build).catch(() => undefined);
        return cached;
      }
    }
    return this.rebuild(key, stamp, build);
  }

  private rebuild(key: string, stamp: string, build: () => unknown): Promise<EncodedBody> {
    const pending = this.building.get(key);
    // A build under way answers too, unless it started before an invalidate().
    if (pending) return pending.then((body) => (body.generation === this.generation ? body : this.rebuild(key, this.stamp(), build)));
    const generation = this.generation;
    const made = (async () => {
      const raw = Buffer.from(JSON.stringify(build()));
      // Off the event loop: streams are being served meanwhile.
      const zipped = await gzipAsync(raw, { level: 6 });
      const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
      const body: EncodedBody = { stamp, generation, etag, gzip: zipped };
      this.bodies.set(key, body);
      return body;
    })();
    this.building.set(key, made);
    void made.finally(() => this.building.delete(key)).catch(() => undefined);
    return made;
  }
}

/**
 * Sends a cached body: 304 when the page already holds these bytes, gzip when the client takes it.
 * `no-cache` (not `no-store`) lets the browser keep the list and revalidate it with its ETag.
 */
export async function sendEncoded(ctx: RequestContext, body: EncodedBody): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    ETag: body.etag,
    Vary: 'Accept-Encoding',
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
