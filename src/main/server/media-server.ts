// The media server: one loopback origin for the UI, the API, images and streams, behind the token and cookie.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/open';
import type { MediaTools } from '../media-tools/tools';
import { killAllChildren } from '../media-tools/run';
import { HttpError, Router, sendError, type RequestContext } from './http-kit';
import { allowedHosts, bearerToken, cookieValue, COOKIE_NAME, hostAllowed, newToken, originAllowed, sameSecret, sessionCookie } from './security';
import { apiRoutes } from './api-routes';
import { mediaRoutes } from './media-routes';
import { collageRoutes } from './collage-routes';
import { settingsRoutes } from './settings-routes';
import { metadataRoutes } from './metadata-routes';
import { segmentRoutes } from './segment-routes';
import { ThemedIndex, type ThemeChoice } from './themed-index';
import { makeServices, type ServerServices } from './services';
import type { SessionOptions } from '../playback/sessions';
import { sendFile, staticPath } from './files';

export interface MediaServerOptions {
  dataDir: string;
  port?: number;
  tools: MediaTools;
  rendererDir: string;
  version: string;
  /** Watch local roots for changes (off in some tests). */
  watch?: boolean;
  log?: (message: string) => void;
  /** Fixed token (tests); a fresh 256-bit one otherwise. */
  token?: string;
  /** Play-session limits (tests shorten the idle time, lower the cap or the cache). */
  playback?: Omit<SessionOptions, 'ffmpeg' | 'cacheDir'>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  services: ServerServices;
  close(): Promise<void>;
}

const DOT_SEGMENT = /(^|\/|\\|%2f|%5c)(\.|%2e){2}(\/|\\|%2f|%5c|$)/i;

export async function startMediaServer(opts: MediaServerOptions): Promise<RunningServer> {
  const print = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  // Also kept in a file, so About can say where to look when something went wrong.
  const logFile = join(opts.dataDir, 'media-centre.log');
  mkdirSync(opts.dataDir, { recursive: true });
  const logStream = createWriteStream(logFile, { flags: 'a' });
  logStream.on('error', () => undefined);
  const log = (m: string): void => {
    print(m);
    logStream.write(`${new Date().toISOString()} ${m}\n`);
  };
  const db = openDatabase(join(opts.dataDir, 'library.db'));
  const services = makeServices({ db, dataDir: opts.dataDir, tools: opts.tools, version: opts.version, watch: opts.watch ?? true, log, logFile, ...(opts.playback ? { playback: opts.playback } : {}) });
  const index = new ThemedIndex(join(opts.rendererDir, 'index.html'));
  const token = opts.token ?? newToken();
  // The cookie carries its own secret, so the start token (printed, in a URL) is not the long-lived credential.
  const sessionSecret = newToken();
  const router = new Router();
  apiRoutes(router, services);
  mediaRoutes(router, services);
  collageRoutes(router, services);
  settingsRoutes(router, services);
  metadataRoutes(router, services);
  segmentRoutes(router, services);

  let allowed = new Set<string>();
  const authorised = (req: IncomingMessage): boolean => {
    const cookie = cookieValue(req, COOKIE_NAME);
    if (cookie && sameSecret(cookie, sessionSecret)) return true;
    const bearer = bearerToken(req);
    return bearer !== undefined && sameSecret(bearer, token);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req, allowed)) return sendError(res, 421, 'wrong-host', 'This server answers only to 127.0.0.1 and localhost.');
    if (!originAllowed(req, allowed)) return sendError(res, 403, 'wrong-origin', 'Requests from other sites are refused.');
    // URL parsing would quietly fold `..` away; a request that tries it is refused outright.
    if (DOT_SEGMENT.test((req.url ?? '/').split('?')[0] ?? '')) return sendError(res, 400, 'bad-path', 'The path is not valid.');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';

    const startToken = url.searchParams.get('token');
    if (startToken !== null && (method === 'GET' || method === 'HEAD') && !url.pathname.startsWith('/api/')) {
      if (!sameSecret(startToken, token)) return sendError(res, 401, 'bad-token', 'This link is out of date: open the address the app printed at its last start.');
      url.searchParams.delete('token');
      const rest = url.searchParams.toString();
      res.writeHead(303, { Location: `${url.pathname}${rest ? `?${rest}` : ''}`, 'Set-Cookie': sessionCookie(sessionSecret), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }

    const isUiAsset = method === 'GET' || method === 'HEAD' ? !/^\/(api|stream|img)(\/|$)/.test(url.pathname) : false;
    if (!authorised(req)) {
      if (isUiAsset && url.pathname === '/') {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Open the address printed by the media centre (it carries a one-time token).');
        return;
      }
      return sendError(res, 401, 'unauthorised', 'Sign in by opening the address the media centre printed.');
    }

    const ctxBase = { req, res, url };
    const found = router.match(method, url.pathname);
    if (found === 'method') return sendError(res, 405, 'method-not-allowed', `${method} is not allowed here.`);
    if (found) {
      const ctx: RequestContext = { ...ctxBase, params: found.params };
      await found.handler(ctx);
      return;
    }
    if (/^\/(api|stream|img)(\/|$)/.test(url.pathname)) return sendError(res, 404, 'not-found', 'Nothing here.');
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'method-not-allowed', `${method} is not allowed here.`);
    serveRenderer(req, res, opts.rendererDir, url.pathname, () => {
      const appearance = services.settings.get().appearance;
      return index.render(chosenTheme(services, appearance.theme), appearance);
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) sendError(res, e.status, e.code, e.message, e.fields);
      else {
        log(`request ${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}`);
        sendError(res, 500, 'internal', 'Something went wrong on the server.');
      }
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(port);
  services.watcher?.start();
  await services.themes.start();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await services.close();
      killAllChildren();
      db.close();
      logStream.end();
    })();
    return closing;
  };

  return { url: `http://127.0.0.1:${port}/?token=${token}`, port, token, services, close };
}

/** The theme the page opens in: the setting's, Dark when it is gone or broken, both Dark and Light for Auto. */
function chosenTheme(sv: ServerServices, id: string): ThemeChoice {
  const dark = sv.themes.tokens('dark');
  const light = sv.themes.tokens('light');
  if (!dark || !light) throw new Error('the built-in themes are missing');
  if (id === 'auto') return { dark, light };
  return { theme: sv.themes.tokens(id) ?? dark };
}

function serveRenderer(req: IncomingMessage, res: ServerResponse, dir: string, pathname: string, page: () => { html: string; csp: string }): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The user interface is not built: run `npm run build`.');
    return;
  }
  const path = pathname === '/' ? index : staticPath(dir, pathname);
  if (path && path !== index && existsSync(path)) {
    // Vite names built assets by content hash: they never change under a name.
    const immutable = pathname.startsWith('/assets/');
    sendFile(req, res, path, { cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
    return;
  }
  if (path === null) {
    sendError(res, 400, 'bad-path', 'The path is not valid.');
    return;
  }
  if (/\.[a-z0-9]+$/i.test(pathname)) {
    sendError(res, 404, 'not-found', 'Nothing here.');
    return;
  }
  // Client-side routes (/movie/…) all get the app, in the chosen theme.
  const { html, csp } = page();
  const body = Buffer.from(html, 'utf8');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
    // The theme is inside: never served from a cache after a switch.
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
