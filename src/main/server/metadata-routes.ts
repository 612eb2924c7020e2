// Fix match: candidates for a movie or series (by title and year, or a pasted TMDB/IMDb id) and the user's
// choice, which locks the item. Candidate posters come through our own /img/ route, never from the provider's host.
import { matchBody, matchQuery } from '../../shared/api-schemas';
import { API_PREFIX, type ItemDetail } from '../../shared/api';
import { HttpError, fieldErrors, invalidRequest, readJson, sendJson, type Router } from './http-kit';
import type { ServerServices } from './services';
import { sendFile } from './files';
import { resizedImage, variantWidth } from '../library/artwork';
import { HttpError as ProviderHttpError } from '../metadata/http';

const P = API_PREFIX;

function topKind(sv: ServerServices, id: string): 'movie' | 'series' {
  const row = sv.queries.itemRow(id);
  if (!row) throw new HttpError(404, 'not-found', 'No such item.');
  if (row.kind !== 'movie' && row.kind !== 'series') throw new HttpError(400, 'not-a-title', 'Only a movie or a series can be matched.');
  return row.kind;
}

export function metadataRoutes(router: Router, sv: ServerServices): void {
  router.on('GET', `${P}/items/:id/match`, async (ctx) => {
    const id = ctx.params.id as string;
    const query: Record<string, string> = {};
    for (const [k, v] of ctx.url.searchParams) query[k] = v;
    if (query.q === '') delete query.q;
    if (query.year === '') delete query.year;
    const parsed = matchQuery.safeParse(query);
    if (!parsed.success) throw invalidRequest(fieldErrors(parsed.error));
    const kind = topKind(sv, id);
    sendJson(ctx, 200, await sv.metadata.candidates(id, parsed.data.q, parsed.data.year, kind));
  });

  router.on('POST', `${P}/items/:id/match`, async (ctx) => {
    const id = ctx.params.id as string;
    const body = await readJson(ctx, matchBody);
    topKind(sv, id);
    if (!sv.metadata.enabled()) throw new HttpError(409, 'no-provider', 'No TMDB key is set: add one in Settings › Metadata.');
    try {
      await sv.metadata.choose(id, body.id, body.replaceImages === true);
    } catch (e) {
      if (e instanceof ProviderHttpError) {
        if (e.kind === 'not-found') throw new HttpError(404, 'no-such-match', `TMDB has no ${body.id}.`);
        if (e.kind === 'offline') throw new HttpError(503, 'provider-offline', 'TMDB could not be reached. Nothing was changed; try again later.');
        if (e.kind === 'unauthorised') throw new HttpError(502, 'provider-refused', 'TMDB refused the key: check it in Settings › Metadata.');
        throw new HttpError(502, 'provider-error', e.message);
      }
      throw e;
    }
    const detail: ItemDetail | null = sv.queries.itemDetail(id);
    sendJson(ctx, 200, detail);
  });

  router.on('GET', '/img/tmdb/:file', async (ctx) => {
    const wParam = ctx.url.searchParams.get('w');
    const requested = wParam === null ? undefined : Number(wParam);
    if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > 4096)) {
      throw new HttpError(400, 'invalid-request', 'w: a width in pixels from 1 to 4096.');
    }
    let stored;
    try {
      stored = await sv.metadata.candidatePoster(ctx.params.file as string);
    } catch {
      throw new HttpError(503, 'provider-offline', 'The poster could not be fetched now.');
    }
    if (!stored) throw new HttpError(404, 'not-found', 'No such image.');
    const width = variantWidth(requested);
    const path = width === null ? stored.path : await resizedImage(sv.cacheDir, { id: `tmdb${stored.signature.replace(/\W/g, '')}`, path: stored.path, signature: stored.signature }, width);
    sendFile(ctx.req, ctx.res, path, { cacheControl: 'private, max-age=86400', type: width === null ? 'image/jpeg' : 'image/webp' });
  });
}
