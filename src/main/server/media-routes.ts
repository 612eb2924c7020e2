// Images and streams: named by opaque ids, resolved through the database, and checked to lie under a library root or the cache.
import { HttpError, sendError, type Router } from './http-kit';
import { insideRoots, sendFile } from './files';
import type { ServerServices } from './services';
import { resizedImage, variantWidth } from '../library/artwork';
import { isServable, PlaybackError, SESSION_ID } from '../playback/sessions';
import { subtitleText } from '../playback/subtitles/serve';
import { SubtitleError } from '../playback/subtitles/text';
import { publicIndex } from '../playback/trickplay/trickplay-worker';
import { SHEET_NAME } from '../playback/trickplay/layout';

const SUBTITLE_FILE = /^(\d{1,5})\.(vtt|ass)$/;
const FILE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const HLS_FILE = /^(index\.m3u8|init\.mp4|seg-\d{5}\.m4s)$/;

export function mediaRoutes(router: Router, sv: ServerServices): void {
  router.on('GET', '/img/:id', async (ctx) => {
    const source = sv.queries.imageFile(ctx.params.id as string);
    // Checked against its own root only: one realpath of it, not of every root (a sleeping share would stall each request).
    if (!source || !insideRoots(source.path, [source.rootPath ?? sv.cacheDir])) throw new HttpError(404, 'not-found', 'No such image.');
    const wParam = ctx.url.searchParams.get('w');
    const requested = wParam === null ? undefined : Number(wParam);
    if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > 4096)) {
      throw new HttpError(400, 'invalid-request', 'w: a width in pixels from 1 to 4096.');
    }
    const width = variantWidth(requested);
    if (width === null) {
      sendFile(ctx.req, ctx.res, source.path, { cacheControl: 'private, max-age=3600' });
      return;
    }
    let path: string;
    try {
      path = await resizedImage(sv.cacheDir, { id: ctx.params.id as string, path: source.path, signature: source.signature }, width);
    } catch {
      throw new HttpError(422, 'bad-image', 'This image could not be read.');
    }
    sendFile(ctx.req, ctx.res, path, { cacheControl: 'private, max-age=86400', type: 'image/webp' });
  });

  router.on('GET', '/stream/file/:fileId', (ctx) => {
    const file = sv.queries.fileSource(ctx.params.fileId as string);
    if (!file || !insideRoots(file.path, [file.rootPath])) throw new HttpError(404, 'not-found', 'No such file, or it is missing from disk.');
    sendFile(ctx.req, ctx.res, file.path, { cacheControl: 'no-store' });
  });

  router.on('GET', '/stream/hls/:session/:name', async (ctx) => {
    const session = ctx.params.session as string;
    const name = ctx.params.name as string;
    if (!SESSION_ID.test(session) || !HLS_FILE.test(name)) throw new HttpError(404, 'not-found', 'No such stream file.');
    let path: string;
    try {
      path = await sv.hls.file(session, name);
    } catch (e) {
      if (e instanceof PlaybackError) return sendError(ctx.res, e.status, e.code, e.message);
      throw e;
    }
    if (!isServable(path) || !insideRoots(path, [sv.cacheDir])) throw new HttpError(404, 'not-found', 'No such stream file (the session may have ended).');
    sendFile(ctx.req, ctx.res, path, { cacheControl: name === 'index.m3u8' ? 'no-store' : 'private, max-age=3600' });
  });

  router.on('GET', '/stream/subs/:fileId/:name', async (ctx) => {
    const m = SUBTITLE_FILE.exec(ctx.params.name as string);
    if (!m) throw new HttpError(404, 'not-found', 'No such subtitle file.');
    const index = Number(m[1]);
    const want = m[2] as 'vtt' | 'ass';
    const source = sv.queries.subtitleSource(ctx.params.fileId as string, index);
    if (!source) throw new HttpError(404, 'not-found', 'No such subtitle track.');
    const own = source.sidecarPath ?? source.file.path;
    if (!insideRoots(own, [source.file.rootPath])) throw new HttpError(410, 'file-missing', 'The subtitle file is no longer on the disk.');
    let text: string;
    try {
      text = await subtitleText({ ffmpeg: sv.ffmpeg(), cacheDir: sv.cacheDir }, source, index, want);
    } catch (e) {
      if (e instanceof SubtitleError) throw new HttpError(422, 'bad-subtitle', `This subtitle track cannot be shown: ${e.message}.`);
      throw e;
    }
    const body = Buffer.from(text, 'utf8');
    ctx.res.writeHead(200, {
      'Content-Type': want === 'vtt' ? 'text/vtt; charset=utf-8' : 'text/x-ssa; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body);
  });

  router.on('GET', '/stream/trickplay/:fileId/:name', (ctx) => {
    const fileId = ctx.params.fileId as string;
    const name = ctx.params.name as string;
    if (!FILE_ID.test(fileId) || (name !== 'index.json' && !SHEET_NAME.test(name))) throw new HttpError(404, 'not-found', 'No such trickplay file.');
    const file = sv.queries.fileSource(fileId);
    if (!file) throw new HttpError(404, 'not-found', 'No such file, or it is missing from disk.');
    if (name === 'index.json') {
      const stored = sv.trickplay.store.read(file);
      if (!stored) throw new HttpError(404, 'not-ready', 'The thumbnails of this file are not made yet.');
      const body = Buffer.from(JSON.stringify(publicIndex(fileId, stored)), 'utf8');
      ctx.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length), 'Cache-Control': 'private, no-cache', 'X-Content-Type-Options': 'nosniff' });
      ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body);
      return;
    }
    const path = sv.trickplay.store.sheetPath(file, name);
    if (!path || !isServable(path) || !insideRoots(path, [sv.cacheDir])) throw new HttpError(404, 'not-found', 'No such trickplay sheet.');
    sendFile(ctx.req, ctx.res, path, { cacheControl: 'private, max-age=86400', type: 'image/jpeg' });
  });
}
