// The typed client of /api/v1: one function per endpoint, and the one place that turns HTTP
// failures into ApiError. Auth is the HttpOnly cookie the browser sends by itself, so nothing
// here ever sees a token.
import { API_PREFIX } from '../../shared/api';
import { ApiError } from './api-error';
import { decodeCatalogue, type CatalogueColumns } from '../../shared/catalogue-columns';
import type {
  AddLibraryBody,
  ApiErrorBody,
  HomeResponse,
  Id,
  ItemDetail,
  ItemsResponse,
  Library,
  PersonDetail,
  PlaybackSession,
  ProgressBody,
  SearchResponse,
  ServerEvent,
  StartPlaybackBody,
} from '../../shared/api';

// The error class lives apart (no DOM in it), so pure modules and their unit tests can use it.
export { ApiError };

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Lets the request outlive the page (progress and session end on close). */
  keepalive?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal: options.signal ?? null,
    keepalive: options.keepalive ?? false,
  };
  if (options.body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network', 0, 'The media server could not be reached.');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let payload: unknown = undefined;
  if (text.length > 0) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    if (isErrorBody(payload)) throw new ApiError(payload.error.code, response.status, payload.error.message, payload.error.fields ?? []);
    throw new ApiError(`http-${response.status}`, response.status, response.statusText || 'Request failed');
  }
  if (payload === undefined && text.length > 0) {
    throw new ApiError('bad-response', response.status, 'The server sent an answer that could not be read.');
  }
  return payload as T;
}

const enc = encodeURIComponent;

export function getItems(signal?: AbortSignal): Promise<ItemsResponse> {
  return request<ItemsResponse>('/items', { signal });
}

/** The library list in columns, decoded back to summaries (what the library page loads). */
export async function getCatalogue(signal?: AbortSignal): Promise<ItemsResponse> {
  return decodeCatalogue(await request<CatalogueColumns>('/catalogue', { signal }));
}

export function getItem(id: Id, signal?: AbortSignal): Promise<ItemDetail> {
  return request<ItemDetail>(`/items/${enc(id)}`, { signal });
}

export function getHome(signal?: AbortSignal): Promise<HomeResponse> {
  return request<HomeResponse>('/home', { signal });
}

export function getPerson(id: Id, signal?: AbortSignal): Promise<PersonDetail> {
  return request<PersonDetail>(`/people/${enc(id)}`, { signal });
}

export function searchEverything(query: string, signal?: AbortSignal): Promise<SearchResponse> {
  return request<SearchResponse>(`/search?q=${enc(query)}`, { signal });
}

export function addLibrary(body: AddLibraryBody): Promise<Library> {
  return request<Library>('/libraries', { method: 'POST', body });
}

export function startPlayback(body: StartPlaybackBody, signal?: AbortSignal): Promise<PlaybackSession> {
  return request<PlaybackSession>('/playback', { method: 'POST', body, signal });
}

export function stopPlayback(sessionId: Id): Promise<void> {
  return request<void>(`/playback/${enc(sessionId)}`, { method: 'DELETE', keepalive: true });
}

export function reportProgress(itemId: Id, body: ProgressBody): Promise<void> {
  return request<void>(`/items/${enc(itemId)}/progress`, { method: 'PUT', body, keepalive: true });
}

const SERVER_EVENT_TYPES = new Set<string>(['scan', 'library-changed', 'root-status', 'settings-changed', 'themes-changed', 'playback-waiting']);

/** A known event type, and a scan event carries its progress (its listener reads progress.phase). */
function isServerEvent(value: unknown): value is ServerEvent {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !SERVER_EVENT_TYPES.has(type)) return false;
  if (type !== 'scan') return true;
  const progress = (value as { progress?: unknown }).progress;
  return typeof progress === 'object' && progress !== null && typeof (progress as { phase?: unknown }).phase === 'string';
}

function parseServerEvent(data: string): ServerEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    // Malformed events are dropped rather than handed to listeners that would throw on them.
    return isServerEvent(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Listens to the server's event stream. EventSource reconnects by itself after a drop, so the
 * caller only has to close it. Returns the function that closes it.
 */
export function subscribeServerEvents(onEvent: (event: ServerEvent) => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  // One stream shared by every listener (catalogue, settings, theme): a browser allows few connections per host.
  if (!shared) {
    // Same origin: the auth cookie goes with it by itself.
    const source = new EventSource(`${API_PREFIX}/events`);
    const listeners = new Set<(event: ServerEvent) => void>();
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseServerEvent(message.data);
      if (event) for (const listener of listeners) listener(event);
    };
    shared = { source, listeners };
  }
  const stream = shared;
  stream.listeners.add(onEvent);
  return () => {
    stream.listeners.delete(onEvent);
    if (stream.listeners.size === 0) {
      stream.source.close();
      if (shared === stream) shared = null;
    }
  };
}

let shared: { source: EventSource; listeners: Set<(event: ServerEvent) => void> } | null = null;

/** A sentence for people, not engineers: what went wrong and what they can do. */
export function friendlyError(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    if (error.code === 'network') {
      return {
        title: 'The media server is not answering',
        detail: 'Check that the Media Centre is still running, then try again.',
      };
    }
    if (error.status === 404) {
      return { title: 'Not found', detail: 'This title is no longer in the library. It may have been moved or removed.' };
    }
    if (error.status === 401 || error.status === 403) {
      return {
        title: 'Access was refused',
        detail: 'This window is no longer signed in to the media server. Reopen the Media Centre.',
      };
    }
    if (error.status >= 500) {
      return { title: 'Something went wrong on the media server', detail: error.message };
    }
    return { title: 'That did not work', detail: error.message };
  }
  if (error instanceof Error && error.message) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: 'Please try again.' };
}
