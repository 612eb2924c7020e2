// The segments routes: a user marks or corrects an intro (or another kind) from the player.
import type { Id, MediaSegment, SegmentKind, UserSegmentBody } from '../../shared/api';
import { request } from './client';

export function markSegment(itemId: Id, kind: SegmentKind, body: UserSegmentBody): Promise<{ segments: MediaSegment[] }> {
  return request(`/items/${encodeURIComponent(itemId)}/segments/${kind}`, { method: 'PUT', body });
}

export function clearSegmentMark(itemId: Id, kind: SegmentKind): Promise<{ segments: MediaSegment[] }> {
  return request(`/items/${encodeURIComponent(itemId)}/segments/${kind}`, { method: 'DELETE' });
}
