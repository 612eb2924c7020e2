// PUT/DELETE /api/v1/items/:id/segments/:kind: a user marks or corrects an intro (or recap, credits,
// preview) from the player. Kept as source `user`, which outlives every rescan and wins over analysis.
import { segmentKind, userSegmentBody } from '../../shared/api-schemas';
import { API_PREFIX, type MediaSegment } from '../../shared/api';
import { HttpError, readJson, sendJson, type RequestContext, type Router } from './http-kit';
import type { ServerServices } from './services';

function target(sv: ServerServices, ctx: RequestContext): { itemId: string; kind: MediaSegment['kind']; durationSeconds: number | null } {
  const itemId = ctx.params.id as string;
  const kind = segmentKind.safeParse(ctx.params.kind);
  if (!kind.success) throw new HttpError(400, 'invalid-request', `kind: one of ${segmentKind.options.join(', ')}.`, [{ path: 'kind', message: 'unknown segment kind' }]);
  const item = sv.segments.markable(itemId);
  if (!item) throw new HttpError(404, 'not-found', 'No such item.');
  if (item.kind !== 'episode' && item.kind !== 'movie') throw new HttpError(400, 'not-playable', 'Only an episode or a film has segments.');
  if (item.kind === 'movie' && (kind.data === 'intro' || kind.data === 'recap')) throw new HttpError(400, 'invalid-request', 'A film has no intro or recap; mark its credits instead.', [{ path: 'kind', message: 'not for a film' }]);
  return { itemId, kind: kind.data, durationSeconds: item.durationSeconds };
}

export function segmentRoutes(router: Router, sv: ServerServices): void {
  router.on('PUT', `${API_PREFIX}/items/:id/segments/:kind`, async (ctx) => {
    const { itemId, kind, durationSeconds } = target(sv, ctx);
    const body = await readJson(ctx, userSegmentBody);
    if (durationSeconds !== null && body.endSeconds > durationSeconds + 1) {
      throw new HttpError(400, 'invalid-request', `endSeconds: the file is only ${durationSeconds.toFixed(1)} s long.`, [{ path: 'endSeconds', message: 'past the end of the file' }]);
    }
    sv.segments.setUserSegment(itemId, kind, body.startSeconds, durationSeconds !== null ? Math.min(body.endSeconds, durationSeconds) : body.endSeconds);
    sendJson(ctx, 200, { segments: sv.segments.segmentsOf(itemId) });
  });

  router.on('DELETE', `${API_PREFIX}/items/:id/segments/:kind`, (ctx) => {
    const { itemId, kind } = target(sv, ctx);
    if (!sv.segments.clearUserSegment(itemId, kind)) throw new HttpError(404, 'not-found', `No ${kind} was marked by hand for this item.`);
    sendJson(ctx, 200, { segments: sv.segments.segmentsOf(itemId) });
  });
}
