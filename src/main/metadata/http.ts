// The only way the metadata code reaches the network: allowed hosts only, no redirect followed, a time-out of a
// few seconds, a size limit on every body, at most a few connections, a polite pace, and backoff on 429 and 5xx.
// What fails is classified (offline, refused, hostile…) so callers can tell "try later" from "never".

export type HttpFailure =
  /** No answer: no network, DNS, refused, timed out, or a provider down (5xx after retries). Retry later. */
  | 'offline'
  /** The key was refused (401/403). */
  | 'unauthorised'
  | 'not-found'
  /** Too big, a redirect, a host not allowed, not JSON, not the documented shape. Never retried soon. */
  | 'hostile';

export class HttpError extends Error {
  constructor(
    readonly kind: HttpFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MetadataHttpError';
  }
}

export interface HttpOptions {
  /** Per request, the whole body included. */
  timeoutMs?: number;
  maxConcurrent?: number;
  /** Least time between the starts of two requests. */
  minIntervalMs?: number;
  /** How many times a 429 or 5xx is tried again before the provider counts as down. */
  retries?: number;
  /** First backoff; doubled each retry, and Retry-After (capped) wins when larger. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export class PoliteHttp {
  private readonly allowed = new Set<string>();
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private nextStart = 0;
  private readonly o: Required<HttpOptions>;

  constructor(opts: HttpOptions = {}) {
    this.o = {
      timeoutMs: opts.timeoutMs ?? 5000,
      maxConcurrent: opts.maxConcurrent ?? 2,
      minIntervalMs: opts.minIntervalMs ?? 110,
      retries: opts.retries ?? 2,
      backoffMs: opts.backoffMs ?? 1000,
      maxBackoffMs: opts.maxBackoffMs ?? 10_000,
    };
  }

  /** `host:port` as URL.host spells it. Only these are ever contacted. */
  allowHost(host: string): void {
    this.allowed.add(host.toLowerCase());
  }

  isAllowed(url: URL): boolean {
    return (url.protocol === 'https:' || url.protocol === 'http:') && this.allowed.has(url.host.toLowerCase());
  }

  async json(url: URL, maxBytes = 2 * 1024 * 1024, signal?: AbortSignal): Promise<unknown> {
    const { body } = await this.request(url, maxBytes, signal);
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new HttpError('hostile', `${url.host} answered with something that is not JSON`);
    }
  }

  async bytes(url: URL, maxBytes: number, signal?: AbortSignal): Promise<{ body: Buffer; type: string }> {
    return this.request(url, maxBytes, signal);
  }

  private async request(url: URL, maxBytes: number, signal?: AbortSignal): Promise<{ body: Buffer; type: string }> {
    if (!this.isAllowed(url)) throw new HttpError('hostile', `${url.host} is not a provider host this server may contact`);
    for (let attempt = 0; ; attempt++) {
      const r = await this.slot(() => this.once(url, maxBytes, signal));
      if (r.ok) return r;
      if (attempt >= this.o.retries) throw new HttpError('offline', `${url.host} answered ${r.status} ${attempt + 1} times; trying later`);
      const wait = Math.min(this.o.maxBackoffMs, Math.max(this.o.backoffMs * 2 ** attempt, r.retryAfterMs ?? 0));
      await sleep(wait, signal);
    }
  }

  private async once(
    url: URL,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<{ ok: true; body: Buffer; type: string } | { ok: false; status: number; retryAfterMs: number | null }> {
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'manual', signal: combined, headers: { Accept: 'application/json, image/*' } });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new HttpError('offline', `${url.host} could not be reached (${timeout.aborted ? 'timed out' : describe(e)})`);
    }
    try {
      if (res.status >= 300 && res.status < 400) {
        // Never followed: a redirect could lead anywhere, and only the configured hosts may be contacted.
        throw new HttpError('hostile', `${url.host} answered with a redirect, which is not followed`);
      }
      if (res.status === 429 || res.status >= 500) return { ok: false, status: res.status, retryAfterMs: retryAfter(res.headers.get('retry-after')) };
      if (res.status === 401 || res.status === 403) throw new HttpError('unauthorised', `${url.host} refused the key (${res.status})`);
      if (res.status === 404) throw new HttpError('not-found', `${url.host}${url.pathname} has no such entry`);
      if (res.status !== 200) throw new HttpError('hostile', `${url.host} answered ${res.status}`);
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > maxBytes) throw new HttpError('hostile', `${url.host} sent ${declared} bytes, more than the ${maxBytes} allowed`);
      const body = await readCapped(res, maxBytes, url.host);
      return { ok: true, body, type: res.headers.get('content-type') ?? '' };
    } catch (e) {
      if (e instanceof HttpError) throw e;
      if (signal?.aborted) throw e;
      throw new HttpError('offline', `${url.host} stopped answering (${timeout.aborted ? 'timed out' : describe(e)})`);
    } finally {
      if (!res.bodyUsed) await res.body?.cancel().catch(() => undefined);
    }
  }

  /** At most maxConcurrent at once, and starts spaced by minIntervalMs. */
  private async slot<T>(run: () => Promise<T>): Promise<T> {
    if (this.active >= this.o.maxConcurrent) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      const now = Date.now();
      const start = Math.max(now, this.nextStart);
      this.nextStart = start + this.o.minIntervalMs;
      if (start > now) await sleep(start - now);
      return await run();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

async function readCapped(res: Response, maxBytes: number, host: string): Promise<Buffer> {
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError('hostile', `${host} sent more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  return cause?.code ?? (e as Error).message;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
