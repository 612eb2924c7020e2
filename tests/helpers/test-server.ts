// The real media server as the integration tests start it, on a fresh data folder, and the small HTTP client
// they all talk to it through: one place for the token, the JSON body and the /api/v1 prefix.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMediaServer, type MediaServerOptions, type RunningServer } from '../../src/main/server/media-server';
import { mediaTools } from '../../src/main/media-tools/tools';
import type { ItemDetail, ItemsResponse, ServerEvent } from '../../src/shared/api';

export interface ApiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** false: send no token (to see the 401). */
  auth?: boolean;
}

export interface TestServer {
  server: RunningServer;
  origin: string;
  /** `${origin}/api/v1` */
  base: string;
  token: string;
  auth: Record<string, string>;
  /** A path under /stream or /img goes to the origin as it is; any other is under /api/v1. */
  api(path: string, init?: ApiInit): Promise<Response>;
}

const MINIMAL_INDEX = '<!doctype html><title>Media centre</title>';

/** A renderer folder holding only an index.html, for a server whose pages the test does not open. */
export function rendererFolder(dir: string, indexHtml = MINIMAL_INDEX): string {
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), indexHtml);
  return renderer;
}

export type TestServerOptions = Pick<MediaServerOptions, 'dataDir' | 'rendererDir'> & Partial<Omit<MediaServerOptions, 'dataDir' | 'rendererDir'>>;

/** Starts the server (no watcher, no log unless asked) and a client bound to its URL and token. */
export async function startTestServer(opts: TestServerOptions): Promise<TestServer> {
  const server = await startMediaServer({ tools: mediaTools(), version: 'test', watch: false, log: () => {}, ...opts });
  return clientFor(server);
}

export function clientFor(server: RunningServer): TestServer {
  const url = new URL(server.url);
  const origin = url.origin;
  const token = url.searchParams.get('token') ?? '';
  const auth = { Authorization: `Bearer ${token}` };
  const api = (path: string, init: ApiInit = {}): Promise<Response> =>
    fetch(`${origin}${/^\/(stream|img)\//.test(path) ? '' : '/api/v1'}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.auth === false ? {} : auth), ...(init.headers ?? {}), ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  return { server, origin, base: `${origin}/api/v1`, token, auth, api };
}

/**
 * Opens the event stream now, before the caller does what fires the event, then yields the first event
 * `match` accepts within a bound. Wrapped in an object: an async function returning the bare promise would
 * wait for the event itself.
 */
export async function nextEvent(client: TestServer, match: (e: ServerEvent) => boolean, timeoutMs = 15_000): Promise<{ event: Promise<ServerEvent> }> {
  const controller = new AbortController();
  const res = await fetch(`${client.base}/events`, { headers: client.auth, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const event = (async () => {
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream ended');
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const e = JSON.parse(data.slice(6)) as ServerEvent;
          if (match(e)) return e;
        }
      }
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  })();
  return { event };
}

/** Adds a film library of `paths`, waits for its scan to end, and answers every title's detail by its title. */
export async function scannedFilms(client: TestServer, paths: string[]): Promise<Map<string, ItemDetail>> {
  client.server.services.addLibrary({ type: 'movies', paths });
  await client.server.services.scans.whenIdle();
  const { items } = (await (await client.api('/items')).json()) as ItemsResponse;
  const details = await Promise.all(items.map(async (item) => (await (await client.api(`/items/${item.id}`)).json()) as ItemDetail));
  return new Map(details.map((detail) => [detail.title, detail]));
}
