// The JSON API under /api/v1: every request body validated at the edge with the schemas of src/shared/api.ts.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addLibraryBody, progressBody, scanBody, searchQuery, startPlaybackBody } from '../../shared/api-schemas';
import {
  API_PREFIX,
  type HomeResponse,
  type ItemsResponse,
  type LibrariesResponse,
  type ServerInfo,
} from '../../shared/api';
import { HttpError, Router, readJson, sendJson, sendNoContent } from './http-kit';
import type { ServerServices } from './services';
import { startPlayback } from '../playback/start-playback';
import { qualityCapHeight } from '../playback/decision';
import { PlaybackError } from '../playback/sessions';
import { slowShareForTests } from '../playback/slow-share-for-tests';
import { buildHomePage } from '../catalogue/home-page';
import { ListCache, sendEncoded } from '../catalogue/list-cache';
import { encodeCatalogue } from '../../shared/catalogue-columns';

const P = API_PREFIX;

export function apiRoutes(router: Router, sv: ServerServices): void {
  // Kept until a write the lists show (the triggers of migration 8 count them): no writer announces anything;
  // saved in the cache folder, so a start with nothing new answers the first request without a build.
  const lists = new ListCache(sv.db, undefined, join(sv.cacheDir, 'lists'));

  router.on('GET', `${P}/info`, (ctx) => {
    const info: ServerInfo = {
      name: 'Media centre',
      version: sv.version,
      libraries: sv.store.listLibraries().length,
      items: sv.queries.countItems(),
    };
    sendJson(ctx, 200, info);
  });

  const scanning = (): boolean => sv.store.listLibraries().some((lib) => sv.scans.isScanning(lib.id));

  router.on('GET', `${P}/items`, async (ctx) => {
    await sendEncoded(ctx, await lists.get('items:default', (): ItemsResponse => sv.queries.catalogue(), scanning()));
  });

  // The same list in columns (src/shared/catalogue-columns.ts): what the library page loads.
  router.on('GET', `${P}/catalogue`, async (ctx) => {
    await sendEncoded(ctx, await lists.get('catalogue:default', () => encodeCatalogue(sv.queries.catalogue()), scanning()));
  });

  router.on('GET', `${P}/home`, async (ctx) => {
    // The rows, their order and which are hidden are the family's settings (Settings › Home), so they are
    // part of the key; kept like the list, and built again after a write it shows (a title watched moves
    // Continue watching and Next up: user_data is counted).
    const rows = sv.settings.get().home.rows;
    const build = (): HomeResponse => buildHomePage(sv.home, sv.queries, { rows });
    await sendEncoded(ctx, await lists.get(`home:default:${JSON.stringify(rows)}`, build, scanning()));
  });

  router.on('GET', `${P}/items/:id`, async (ctx) => {
    const id = ctx.params.id as string;
    // Someone is looking at it now: probe what the background has not reached yet, so the page is complete.
    // Bounded by the cores and shared with the background run, like any probe; offline shares are left alone.
    await sv.scans.prober.run({ itemId: id });
    const item = sv.queries.itemDetail(id);
    if (!item) throw new HttpError(404, 'not-found', 'No such item.');
    // A title still waiting for online metadata is fetched now, in the background: the page renders first.
    if (item.metadataState === 'waiting') sv.metadata.ensure(item.seriesId ?? id);
    if (item.kind === 'episode' || item.kind === 'movie') item.segments = sv.segments.segmentsOf(id);
    if (item.kind === 'movie' || item.kind === 'series') {
      const started = performance.now();
      const related = sv.related();
      item.related = related.related(id);
      item.peopleRows = related.peopleRows(id);
      item.collectionItems = related.collectionItems(id);
      // The related work's own cost, for the benchmark and the browser's dev tools.
      ctx.res.setHeader('Server-Timing', `related;dur=${(performance.now() - started).toFixed(1)}`);
    }
    sendJson(ctx, 200, item);
  });

  router.on('PUT', `${P}/items/:id/progress`, async (ctx) => {
    const body = await readJson(ctx, progressBody);
    const id = ctx.params.id as string;
    if (!sv.queries.itemRow(id)) throw new HttpError(404, 'not-found', 'No such item.');
    // Watched and in progress are in the list and on home: the write itself moves the list counter.
    sv.queries.saveProgress(id, body.positionSeconds, body.played);
    sendNoContent(ctx);
  });

  router.on('GET', `${P}/people/:id`, (ctx) => {
    const person = sv.queries.person(ctx.params.id as string);
    if (!person) throw new HttpError(404, 'not-found', 'No such person.');
    sendJson(ctx, 200, person);
  });

  router.on('GET', `${P}/search`, (ctx) => {
    const parsed = searchQuery.safeParse({ q: ctx.url.searchParams.get('q') ?? '' });
    if (!parsed.success) throw new HttpError(400, 'invalid-request', 'q: give one to 200 characters to search for.');
    sendJson(ctx, 200, sv.queries.search(parsed.data.q));
  });

  router.on('GET', `${P}/libraries`, (ctx) => {
    const body: LibrariesResponse = { libraries: sv.queries.libraries() };
    sendJson(ctx, 200, body);
  });

  router.on('POST', `${P}/libraries`, async (ctx) => {
    const body = await readJson(ctx, addLibraryBody);
    const paths = body.paths.map((p) => resolve(p));
    for (const p of paths) {
      if (!existsSync(p) || !statSync(p).isDirectory()) throw new HttpError(400, 'not-a-folder', `${p} is not a folder that can be read.`);
    }
    const id = sv.addLibrary({ name: body.name, type: body.type, paths, pollMinutes: body.pollMinutes });
    const lib = sv.queries.libraries().find((l) => l.id === id);
    sendJson(ctx, 201, lib);
  });

  router.on('DELETE', `${P}/libraries/:id`, (ctx) => {
    const id = ctx.params.id as string;
    if (!sv.removeLibrary(id)) throw new HttpError(404, 'not-found', 'No such library.');
    sendNoContent(ctx);
  });

  router.on('POST', `${P}/libraries/:id/scan`, async (ctx) => {
    const id = ctx.params.id as string;
    const body = ctx.req.headers['content-type'] ? await readJson(ctx, scanBody) : {};
    if (!sv.store.library(id)) throw new HttpError(404, 'not-found', 'No such library.');
    const { scanId } = sv.scans.start({ libraryId: id, ...(body.probe === false ? { probe: false } : {}), ...(body.full ? { full: true } : {}) });
    sendJson(ctx, 202, { scanId });
  });

  router.on('DELETE', `${P}/libraries/:id/scan`, (ctx) => {
    if (!sv.scans.cancel(ctx.params.id as string)) throw new HttpError(404, 'not-scanning', 'No scan is running for this library.');
    sendJson(ctx, 202, { cancelled: true });
  });

  router.on('GET', `${P}/events`, (ctx) => {
    sv.events.attach(ctx.res);
  });

  // Read once from the server's own environment (a test hook, see slow-share-for-tests.ts).
  const slowRoot = slowShareForTests();
  router.on('POST', `${P}/playback`, async (ctx) => {
    const body = await readJson(ctx, startPlaybackBody);
    try {
      const session = await startPlayback(
        {
          queries: sv.queries,
          sessions: sv.hls,
          ffprobe: sv.tools.ffprobe,
          ffmpeg: sv.tools.ffmpeg,
          cacheDir: sv.cacheDir,
          trickplay: sv.trickplay,
          qualityCapHeight: qualityCapHeight(sv.settings.get().playback.qualityCap),
          ...(sv.settings.get().playback.hardwareEncoding ? { hardware: () => sv.hardware.choice() } : {}),
          segments: (itemId) => sv.segments.segmentsOf(itemId),
          probeNow: (file) => sv.scans.prober.probeNow({ fileId: file.id, itemId: file.itemId, path: file.path, signature: file.signature }),
          onWaiting: (fileId, root, waitedSeconds) => sv.events.send({ type: 'playback-waiting', fileId, root, waitedSeconds }),
          // The check before playback is the freshest word on a share: the settings screen shows it at once.
          onRootStatus: (root, online, error) => sv.store.setRootStatusAt(root, online, error),
          ...(slowRoot ? { statRoot: slowRoot } : {}),
        },
        body,
      );
      sendJson(ctx, 201, session);
    } catch (e) {
      if (e instanceof PlaybackError) throw new HttpError(e.status, e.code, e.message);
      throw e;
    }
  });

  router.on('DELETE', `${P}/playback/:id`, (ctx) => {
    const id = ctx.params.id as string;
    if (!id.startsWith('direct-') && !sv.hls.stop(id)) throw new HttpError(404, 'not-found', 'No such play session.');
    sendNoContent(ctx);
  });
}
