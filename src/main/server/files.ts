// Sends files: the built renderer, images, and media with HTTP Range — only from folders we name, never from a request path.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, isAbsolute, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './http-kit';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.tbn': 'image/jpeg',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mov': 'video/quicktime',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.vtt': 'text/vtt; charset=utf-8',
  // The subtitle renderer's libass: WebAssembly.instantiateStreaming insists on this type.
  '.wasm': 'application/wasm',
};

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `path`, with every link resolved, lies inside one of `roots` (also resolved). */
export function insideRoots(path: string, roots: readonly string[]): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  return roots.some((root) => {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      return false;
    }
    const rel = relative(realRoot, real);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  });
}

/** Resolves a URL path under a folder of static files; null when it would leave it. */
export function staticPath(dir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = join(dir, decoded);
  const rel = relative(dir, full);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return full;
}

export interface SendFileOptions {
  cacheControl?: string;
  type?: string;
}

/** Streams a file, honouring a single Range (what <video> asks for); multi-range requests get the whole file. */
export function sendFile(req: IncomingMessage, res: ServerResponse, path: string, opts: SendFileOptions = {}): void {
  let size: number;
  let mtime: Date;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
    mtime = st.mtime;
  } catch {
    sendError(res, 404, 'not-found', 'File not found.');
    return;
  }
  const headers: Record<string, string> = {
    'Content-Type': opts.type ?? contentType(path),
    'Accept-Ranges': 'bytes',
    'Last-Modified': mtime.toUTCString(),
    'Cache-Control': opts.cacheControl ?? 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = req.headers.range;
  if (typeof range === 'string' && size > 0) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (m && (m[1] !== '' || m[2] !== '')) {
      if (m[1] === '') {
        start = Math.max(0, size - Number(m[2]));
      } else {
        start = Number(m[1]);
        if (m[2] !== '') end = Math.min(size - 1, Number(m[2]));
      }
      if (start >= size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` });
        res.end();
        return;
      }
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
  }
  headers['Content-Length'] = String(size === 0 ? 0 : end - start + 1);
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  // 1 MiB reads: the 64 KiB default costs a syscall and a socket write per 64 KiB of a film played directly.
  const stream = createReadStream(path, { start, end, highWaterMark: 1024 * 1024 });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
