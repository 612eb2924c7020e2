// Fix match's calls: candidates for a title (by title and year, or a pasted id) and the choice that locks it.
import type { Id, ItemDetail, MatchBody, MatchCandidatesResponse } from '../../shared/api';
import { request } from './client';

export function getMatchCandidates(id: Id, query: { q?: string; year?: string }, signal?: AbortSignal): Promise<MatchCandidatesResponse> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.year) params.set('year', query.year);
  const qs = params.toString();
  return request<MatchCandidatesResponse>(`/items/${encodeURIComponent(id)}/match${qs ? `?${qs}` : ''}`, signal ? { signal } : {});
}

export function chooseMatch(id: Id, body: MatchBody): Promise<ItemDetail> {
  return request<ItemDetail>(`/items/${encodeURIComponent(id)}/match`, { method: 'POST', body });
}
