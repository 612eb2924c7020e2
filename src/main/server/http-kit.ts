// Small HTTP helpers shared by the routes: a typed router, JSON and error replies, body reading with a limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import type { FieldError } from '../../shared/settings';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Every bad field of the request, so a client can mark them all at once. */
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

/** Each zod issue as a field path and a message (`body` for the request as a whole). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.length ? issue.path.join('.') : 'body', message: issue.message }));
}

/** The 400 for a request that failed its schema, naming every bad field. */
export function invalidRequest(fields: FieldError[]): HttpError {
  return new HttpError(400, 'invalid-request', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Returns the handler and params, `405` info when the path exists for another method, or null. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | 'method' | null {
    let segments: string[];
    try {
      segments = pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      throw new HttpError(400, 'bad-path', 'The path is not valid.');
    }
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < route.parts.length; i++) {
        const part = route.parts[i] as string;
        const seg = segments[i] as string;
        if (part.startsWith(':')) params[part.slice(1)] = seg;
        else if (part !== seg) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}

export function sendJson(ctx: RequestContext, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  };
  const finish = (bytes: Buffer): void => {
    headers['Content-Length'] = String(bytes.length);
    ctx.res.writeHead(status, headers);
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : bytes);
  };
  if (payload.length <= 1024 || !/\bgzip\b/.test(String(ctx.req.headers['accept-encoding'] ?? ''))) return finish(payload);
  headers['Content-Encoding'] = 'gzip';
  headers.Vary = 'Accept-Encoding';
  // Off the event loop: the whole catalogue is megabytes of JSON, and streams are being served meanwhile.
  gzip(payload, { level: 6 }, (error, zipped) => {
    if (error) sendError(ctx.res, 500, 'internal', 'The reply could not be compressed.');
    else finish(zipped);
  });
}

export function sendNoContent(ctx: RequestContext): void {
  ctx.res.writeHead(204);
  ctx.res.end();
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, fields?: FieldError[]): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } });
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

export async function readJson<S extends z.ZodType>(ctx: RequestContext, schema: S, limit = 64 * 1024): Promise<z.infer<S>> {
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) throw new HttpError(415, 'unsupported-media-type', 'Send JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'too-large', `The request body is over ${limit} bytes.`);
    chunks.push(chunk);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'bad-json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(fieldErrors(parsed.error));
  return parsed.data as z.infer<S>;
}
