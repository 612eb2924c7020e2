// The library list's encoded replies (JSON and gzip), kept between requests: at 20,000 titles
// building, serialising and compressing the list is most of a second, and it changes only when
// the database does. The stamp that says "changed" is SQLite's own count of rows written by this
// connection plus its data_version (writes by another connection, such as a CLI scan), so no
// writer has to remember to invalidate anything.
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import type { RequestContext } from '../server/http-kit';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Only the gzip bytes are kept (a seventh of the JSON); the rare client without gzip gets them unzipped. */
export interface EncodedBody {
  stamp: string;
  etag: string;
  gzip: Buffer;
}

export class ListCache {
  private readonly bodies = new Map<string, EncodedBody>();
  private readonly building = new Map<string, Promise<EncodedBody>>();

  constructor(private readonly db: Db) {}

  /** Cheap: two pragmas, no table read. */
  stamp(): string {
    const changes = this.db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    return `${changes}:${version}`;
  }

  /** The cached body of `key`, built again when the database changed since it was made. */
  async get(key: string, build: () => unknown): Promise<EncodedBody> {
    const stamp = this.stamp();
    const cached = this.bodies.get(key);
    if (cached && cached.stamp === stamp) return cached;
    const pending = this.building.get(`${key}@${stamp}`);
    if (pending) return pending;
    const made = (async () => {
      const raw = Buffer.from(JSON.stringify(build()));
      // Off the event loop: streams are being served meanwhile.
      const zipped = await gzipAsync(raw, { level: 6 });
      const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
      const body: EncodedBody = { stamp, etag, gzip: zipped };
      this.bodies.set(key, body);
      return body;
    })();
    this.building.set(`${key}@${stamp}`, made);
    try {
      return await made;
    } finally {
      this.building.delete(`${key}@${stamp}`);
    }
  }

  /** Drops every body (the server is closing, or memory is wanted back). */
  clear(): void {
    this.bodies.clear();
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
