// Heading backdrops at /img/collage/…, named by scope, never by path: `all`, `movies`, `series`,
// `genre/<name>`, `person/<id>`. The image is made on first request and cached (catalogue/collage.ts).
import { z } from 'zod';
import { HttpError, type RequestContext, type Router } from './http-kit';
import { insideRoots, sendFile } from './files';
import type { ServerServices } from './services';
import { collageSource, type CollageScope } from '../db/collage-queries';
import { COLLAGE_POSTERS, CollageMaker } from '../catalogue/collage';

const genreName = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters');
const personId = z.string().regex(/^[\w-]{1,64}$/);
const listScope = z.enum(['all', 'movies', 'series']);

export function collageRoutes(router: Router, sv: ServerServices): void {
  const maker = new CollageMaker(sv.cacheDir);

  const send = async (ctx: RequestContext, scope: CollageScope): Promise<void> => {
    const source = collageSource(sv.db, scope, COLLAGE_POSTERS);
    if (source.titles === 0) throw new HttpError(404, 'not-found', 'Nothing in the library for this heading.');
    // Each poster is read from its own root (or the cache), like /img/:id.
    source.posters = source.posters.filter((p) => insideRoots(p.path, [p.rootPath ?? sv.cacheDir]));
    let path: string;
    try {
      path = await maker.file(scope, source);
    } catch (e) {
      sv.log(`collage ${scope.kind}: ${e instanceof Error ? e.message : String(e)}`);
      throw new HttpError(500, 'collage-failed', 'The heading image could not be made.');
    }
    // The address stays the same when the library changes: the browser asks again, the file is named by content.
    sendFile(ctx.req, ctx.res, path, { cacheControl: 'private, no-cache', type: 'image/webp' });
  };

  router.on('GET', '/img/collage/:scope', async (ctx) => {
    const parsed = listScope.safeParse(ctx.params.scope);
    if (!parsed.success) throw new HttpError(404, 'not-found', 'Scopes are all, movies, series, genre/<name> and person/<id>.');
    await send(ctx, { kind: parsed.data });
  });

  router.on('GET', '/img/collage/genre/:name', async (ctx) => {
    const parsed = genreName.safeParse(ctx.params.name);
    if (!parsed.success) throw new HttpError(400, 'invalid-request', 'name: a genre of 1 to 100 characters.');
    await send(ctx, { kind: 'genre', name: parsed.data });
  });

  router.on('GET', '/img/collage/person/:id', async (ctx) => {
    const parsed = personId.safeParse(ctx.params.id);
    if (!parsed.success) throw new HttpError(400, 'invalid-request', 'id: a person id.');
    await send(ctx, { kind: 'person', id: parsed.data });
  });
}
