// The metadata service: keeps the clients in step with the settings, works through the titles that wait (in the
// background at low priority after a scan, or at once when a page opens one), applies matches, and retries by
// itself when the providers are unreachable. Offline is a state here, never an error a page sees.
import { join } from 'node:path';
import type { Db } from '../db/open';
import type { LibraryStore } from '../db/library-store';
import { MetadataQueries, type StoredState, type WorkItem } from '../db/metadata-queries';
import { newId, nowIso } from '../db/ids';
import type { Settings, MetadataSecrets } from '../../shared/settings';
import type { MatchCandidate, MatchCandidatesResponse, MetadataState } from '../../shared/api';
import { ResponseCache } from './cache';
import { HttpError, PoliteHttp, type HttpOptions } from './http';
import { ProviderImages, type StoredImage } from './images';
import { TmdbClient } from './tmdb/client';
import { OmdbClient } from './omdb/client';
import { MATCH_THRESHOLD, idsToLookUp, parseMatchQuery, rankCandidates, scoreCandidate, type Scored } from './matcher';
import { applyEpisode, applyTitle } from './apply';
import type { Candidate, ProviderKind, TitleDetails } from './provider';

export interface SettingsSource {
  get(): Settings;
  secret(name: keyof MetadataSecrets): string | undefined;
  onChange(listener: (s: Settings) => void): () => void;
}

export interface MetadataDeps {
  db: Db;
  store: LibraryStore;
  settings: SettingsSource;
  cacheDir: string;
  log?: (m: string) => void;
  /** Titles whose page should refresh (sent as library-changed). */
  onChanged?: (itemIds: string[]) => void;
  /** New artwork arrived: placeholder colours are due. */
  afterImages?: (signal?: AbortSignal) => Promise<unknown>;
  http?: HttpOptions;
  /** How often waiting titles are looked at again (tests shorten it). */
  retryCheckMs?: number;
  /** After a provider could not be reached, how long the background leaves it alone. */
  offlinePauseMs?: number;
}

export interface MetadataRunSummary {
  done: number;
  total: number;
  matched: number;
  needsMatch: number;
  waiting: number;
}

const MINUTE = 60_000;
/** First retry after a failure in 2 min (by default), doubling up to 2 h: a laptop off the network is not hammered. */
function retryAt(attempts: number, kind: HttpError['kind'] | 'other', firstMs: number): string {
  const ms = kind === 'hostile' ? 6 * 60 * MINUTE : Math.min(120 * MINUTE, firstMs * 2 ** Math.max(0, attempts));
  return new Date(Date.now() + ms).toISOString();
}

/** People (and collections) asked about per background pass. */
const ENRICH_BATCH = 100;

const POSTER_FILE = /^[A-Za-z0-9_-]{1,100}\.(jpe?g|png|webp)$/;

export class MetadataService {
  readonly queries: MetadataQueries;
  private readonly cache: ResponseCache;
  private http!: PoliteHttp;
  private tmdb: TmdbClient | null = null;
  private omdb: OmdbClient | null = null;
  private images!: ProviderImages;
  private configKey = '';
  private textKey = '';
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<MetadataState>>();
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly stopListening: () => void;
  /** Set when a provider could not be reached: the background waits until then. */
  private offlineUntil = 0;
  private backgroundQueued = false;
  /**
   * Moves on each settings change that asks for everything to be applied again. An apply that began before it
   * (with the old clients: no OMDb key yet, the old language) does not mark its title applied, so the pass the
   * change queued applies it again instead of taking it as done.
   */
  private generation = 0;

  constructor(private readonly deps: MetadataDeps) {
    this.queries = new MetadataQueries(deps.db);
    this.cache = new ResponseCache(join(deps.cacheDir, 'metadata'));
    this.configure(false);
    this.stopListening = deps.settings.onChange(() => this.configure(true));
    this.timer = setInterval(() => this.retryIfDue(), deps.retryCheckMs ?? MINUTE);
    this.timer.unref();
  }

  enabled(): boolean {
    return this.tmdb !== null;
  }

  get cacheStats(): { hits: number; misses: number } {
    return { hits: this.cache.hits, misses: this.cache.misses };
  }

  /** Whatever waits at start (a key set last time, titles added while closed) is fetched in the background. */
  start(): void {
    if (!this.enabled()) return;
    this.queries.markNewAsWaiting();
    this.background();
  }

  /** New titles of a scan say "waiting" as soon as they are browsable, not only once the metadata phase starts. */
  prepare(libraryId: string): void {
    if (this.enabled()) this.queries.markNewAsWaiting(libraryId);
  }

  close(): void {
    clearInterval(this.timer);
    this.stopListening();
    this.controller.abort();
  }

  private configure(announce: boolean): void {
    const m = this.deps.settings.get().metadata;
    const tmdbKey = this.deps.settings.secret('tmdbApiKey');
    const omdbKey = this.deps.settings.secret('omdbApiKey');
    const key = JSON.stringify([m.tmdbBaseUrl, m.omdbBaseUrl, tmdbKey ?? '', omdbKey ?? '']);
    const text = JSON.stringify([m.language, m.country]);
    if (key === this.configKey && text === this.textKey) return;
    const keysChanged = key !== this.configKey;
    const textChanged = this.textKey !== '' && text !== this.textKey;
    this.configKey = key;
    this.textKey = text;
    // A fresh client set: hosts allowed before (an old base URL) are forgotten with it.
    this.http = new PoliteHttp(this.deps.http);
    this.images = new ProviderImages(this.deps.cacheDir, this.http);
    this.tmdb = tmdbKey ? new TmdbClient({ baseUrl: m.tmdbBaseUrl, apiKey: tmdbKey, language: m.language, country: m.country }, this.http, this.cache) : null;
    this.omdb = omdbKey ? new OmdbClient({ baseUrl: m.omdbBaseUrl, apiKey: omdbKey }, this.http, this.cache) : null;
    if (!announce) return;
    if (!this.tmdb) {
      this.queries.forgetWaiting();
      this.deps.onChanged?.([]);
      return;
    }
    // A key set (or changed): the whole library is fetched in the background.
    this.offlineUntil = 0;
    if (keysChanged) this.queries.retryAllNow();
    if (keysChanged || textChanged) {
      this.generation++;
      this.queries.reapplyAll();
    }
    this.queries.markNewAsWaiting();
    this.deps.onChanged?.([]);
    this.background();
  }

  private retryIfDue(): void {
    if (!this.enabled() || Date.now() < this.offlineUntil) return;
    const next = this.queries.nextRetryAt();
    if (next !== null && next <= nowIso()) this.background();
  }

  /** One background pass over every library, unless one is already queued. */
  private background(): void {
    if (this.backgroundQueued) return;
    this.backgroundQueued = true;
    void this.run({}).catch((e: unknown) => this.deps.log?.(`metadata: ${(e as Error).message}`));
  }

  /**
   * Works through what is due (one library, or all), one title at a time. Runs queue behind each other, so a
   * scan's metadata phase and a key just set never fetch the same title twice at once.
   */
  run(opts: { libraryId?: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<MetadataRunSummary> {
    const next = this.tail.then(() => {
      if (!opts.libraryId) this.backgroundQueued = false;
      return this.drain(opts);
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async drain(opts: { libraryId?: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<MetadataRunSummary> {
    const summary: MetadataRunSummary = { done: 0, total: 0, matched: 0, needsMatch: 0, waiting: 0 };
    if (!this.enabled()) return summary;
    this.queries.markNewAsWaiting(opts.libraryId);
    const work = this.queries.due(opts.libraryId ?? null);
    summary.total = work.length;
    opts.onProgress?.(0, work.length);
    let changed: string[] = [];
    let images = false;
    for (const w of work) {
      if (opts.signal?.aborted || this.controller.signal.aborted) break;
      if (Date.now() < this.offlineUntil) {
        summary.waiting += work.length - summary.done;
        break;
      }
      const before = this.queries.work(w.item_id)?.applied_at ?? null;
      const state = await this.once(w.item_id);
      summary.done++;
      if (state === 'matched' || state === 'locked') summary.matched++;
      else if (state === 'needs-match') summary.needsMatch++;
      else summary.waiting++;
      if (this.queries.work(w.item_id)?.applied_at !== before) images = true;
      changed.push(w.item_id);
      opts.onProgress?.(summary.done, summary.total);
      // Pages refresh in small batches while a long run goes on, not once at its end.
      if (changed.length >= 20) {
        this.deps.onChanged?.(changed);
        changed = [];
      }
    }
    if (!opts.libraryId) {
      if (await this.enrich(opts.signal)) images = true;
    } else if (this.queries.peopleDue(1).length > 0 || this.queries.collectionsDue(1).length > 0) {
      // A scan's phase ends with its titles; their people and collections follow in the background.
      this.background();
    }
    if (images && this.deps.afterImages) await this.deps.afterImages(opts.signal).catch(() => undefined);
    if (changed.length > 0) this.deps.onChanged?.(changed);
    return summary;
  }

  /**
   * The low-priority part of a background pass, after every title: details of the people credited on matched
   * titles and of their collections, a batch at a time (more are left for the next pass, so a scan queued
   * meanwhile goes first). Only empty fields are filled. Returns whether any artwork arrived.
   */
  private async enrich(signal?: AbortSignal): Promise<boolean> {
    const tmdb = this.tmdb;
    if (!tmdb) return false;
    const stop = (): boolean => signal?.aborted === true || this.controller.signal.aborted || Date.now() < this.offlineUntil;
    let art = false;
    try {
      for (const c of this.queries.collectionsDue(ENRICH_BATCH)) {
        if (stop()) return art;
        const d = await tmdb.collection(c.tmdbId, this.controller.signal);
        this.queries.fillCollection(c.id, d);
        if (d && (await this.collectionArt(c.id, 'poster', d.posterPath))) art = true;
        if (d && (await this.collectionArt(c.id, 'backdrop', d.backdropPath))) art = true;
      }
      const people = this.queries.peopleDue(ENRICH_BATCH);
      for (const p of people) {
        if (stop()) return art;
        const d = await tmdb.person(p.tmdbId, this.controller.signal);
        this.queries.fillPerson(p.id, d);
        if (d?.profilePath && !this.queries.personHasPhoto(p.id)) {
          const stored = await this.download(d.profilePath, 'profile');
          if (stored) this.queries.setPersonPhoto(p.id, newId(), stored.path, stored.signature);
        }
      }
      if (people.length === ENRICH_BATCH || this.queries.collectionsDue(1).length > 0) this.background();
    } catch (e) {
      if (this.controller.signal.aborted) return art;
      // Offline or refused: what is left stays due; the retry timer's next pass picks it up.
      if (e instanceof HttpError && e.kind === 'offline') this.offlineUntil = Date.now() + (this.deps.offlinePauseMs ?? 2 * MINUTE);
      else this.deps.log?.(`metadata: person or collection details: ${(e as Error).message}`);
    }
    return art;
  }

  /** A collection's poster or backdrop from the provider, where it has none of its own yet. */
  private async collectionArt(collectionId: string, kind: 'poster' | 'backdrop', path: string | null): Promise<boolean> {
    if (!path || this.queries.collectionImage(collectionId, kind)) return false;
    const stored = await this.download(path, kind);
    if (!stored) return false;
    this.queries.setCollectionImage(collectionId, kind, newId(), stored.path, stored.signature);
    return true;
  }

  /** A page opened a title that waits: it is fetched now, without the page waiting for it. */
  ensure(itemId: string): void {
    if (!this.enabled()) return;
    const w = this.queries.work(itemId);
    if (!w || w.state !== 'waiting' || (w.retry_at !== null && Date.now() < this.offlineUntil)) return;
    void this.once(itemId).then((state) => {
      if (state !== 'waiting') {
        void this.deps.afterImages?.().catch(() => undefined);
        this.deps.onChanged?.([itemId]);
      }
    });
  }

  private once(itemId: string): Promise<MetadataState> {
    const running = this.inFlight.get(itemId);
    if (running) return running;
    const p = this.process(itemId).finally(() => this.inFlight.delete(itemId));
    this.inFlight.set(itemId, p);
    return p;
  }

  private async process(itemId: string): Promise<MetadataState> {
    const w = this.queries.work(itemId);
    const tmdb = this.tmdb;
    if (!w || !tmdb) return 'local';
    try {
      if ((w.state === 'matched' || w.state === 'locked') && w.provider_id) {
        await this.apply(w, w.provider_id, w.score ?? 1, w.state, w.replace_images === 1);
        return w.state;
      }
      const { best, top } = await this.findMatch(tmdb, w);
      if (!best) {
        this.queries.setOutcome(itemId, { state: 'needs-match', score: top?.score ?? null, error: null });
        return 'needs-match';
      }
      await this.apply(w, best.candidate.id, best.score, 'matched', false);
      return 'matched';
    } catch (e) {
      if (this.controller.signal.aborted) return 'waiting';
      const kind = e instanceof HttpError ? e.kind : 'other';
      if (kind === 'not-found' && w.state === 'locked') {
        this.queries.setOutcome(itemId, { state: 'needs-match', error: (e as Error).message });
        return 'needs-match';
      }
      if (kind === 'offline') this.offlineUntil = Date.now() + (this.deps.offlinePauseMs ?? 2 * MINUTE);
      if (kind !== 'offline') this.deps.log?.(`metadata: ${w.title}: ${(e as Error).message}`);
      const state: StoredState = w.state === 'locked' || w.state === 'matched' ? w.state : 'waiting';
      this.queries.setOutcome(itemId, { state, error: (e as Error).message, retryAt: retryAt(w.attempts, kind, this.deps.offlinePauseMs ?? 2 * MINUTE) });
      return state === 'waiting' ? 'waiting' : state;
    }
  }

  /** The name's own title and year: the provider's may have replaced them on the item row. */
  private nameOf(w: WorkItem): { title: string; year: number | null } {
    return { title: w.name_title ?? w.title, year: w.name_title !== null ? w.name_year : w.year };
  }

  private async findMatch(tmdb: TmdbClient, w: WorkItem): Promise<{ best: Scored | null; top: Scored | null }> {
    const kind: ProviderKind = w.kind;
    // An id in the name or the NFO is the answer: looked up as is, never searched.
    for (const id of idsToLookUp(parseIds(w.provider_ids), kind)) {
      const c = await tmdb.lookup(kind, id, this.controller.signal);
      if (c) return { best: { candidate: c, score: 1 }, top: null };
    }
    const name = this.nameOf(w);
    const want = { kind, title: name.title, year: name.year, originalTitle: w.original_title };
    let found = await tmdb.search(kind, name.title, name.year, this.controller.signal);
    if (found.length === 0 && w.original_title) found = await tmdb.search(kind, w.original_title, name.year, this.controller.signal);
    let ranked = rankCandidates(want, found);
    const top = ranked[0] ?? null;
    if (top && top.score < MATCH_THRESHOLD) {
      // A title known abroad under another name: the close few are scored again with their alternative titles.
      const rescored: Scored[] = [];
      for (const s of ranked.slice(0, 3).filter((x) => x.score >= 0.4)) {
        const d = await tmdb.details(kind, s.candidate.id, this.controller.signal);
        rescored.push({ candidate: s.candidate, score: scoreCandidate(want, s.candidate, d.alternativeTitles) });
      }
      ranked = [...rescored, ...ranked].sort((a, b) => b.score - a.score || b.candidate.popularity - a.candidate.popularity);
    }
    const best = ranked[0] && ranked[0].score >= MATCH_THRESHOLD ? ranked[0] : null;
    return { best, top: ranked[0] ?? top };
  }

  private async apply(w: WorkItem, tmdbId: string, score: number, state: 'matched' | 'locked', replaceImages: boolean): Promise<void> {
    const tmdb = this.tmdb;
    if (!tmdb) return;
    const generation = this.generation;
    const signal = this.controller.signal;
    const d = await tmdb.details(w.kind, tmdbId, signal);
    const imdb = this.omdb && d.providerIds.imdb ? await this.omdb.ratings(d.providerIds.imdb, signal).catch(() => null) : null;
    const current = this.queries.current(w.item_id);
    if (!current) return;
    const fromName = current.metadataSource === 'path';
    // Fresh from the scanner (never applied, or rewritten since): the row's title is the name's.
    const fresh = w.name_title === null || (w.applied_at !== null && w.updated_at > w.applied_at);
    const name = fresh ? { title: current.title, year: current.year ?? null } : { title: w.name_title ?? current.title, year: w.name_year };
    // The name is kept before the row changes, so a run cut short still knows what the file said.
    if (fromName) this.queries.setOutcome(w.item_id, { state: w.state, nameTitle: name.title, nameYear: name.year });
    // A name-only item starts again from its name: nothing of an earlier match (another film's tagline) stays.
    const base = fromName ? { ...current, title: name.title, year: name.year ?? undefined } : current;
    const next = applyTitle(base, d, imdb);
    this.deps.store.db.transaction(() => {
      this.deps.store.setMetadata(w.item_id, next);
      this.queries.linkPeople(w.item_id, d.credits.flatMap((c) => (c.personId ? [{ name: c.name, tmdbId: c.personId }] : [])));
      if (d.collection && d.collectionId) this.queries.linkCollection(w.item_id, d.collection, d.collectionId);
    })();
    await this.art(w.item_id, 'poster', d.images.poster, 'poster', replaceImages);
    await this.art(w.item_id, 'backdrop', d.images.backdrop, 'backdrop', replaceImages);
    await this.art(w.item_id, 'logo', d.images.logo, 'logo', replaceImages);
    await this.photos(d);
    if (w.kind === 'series') await this.episodes(w.item_id, d);
    this.queries.setOutcome(w.item_id, {
      state,
      provider: 'tmdb',
      providerId: d.id,
      score,
      nameTitle: fromName ? name.title : null,
      nameYear: fromName ? name.year : null,
      applied: generation === this.generation,
      error: null,
      replaceImages,
      videos: d.videos,
    });
  }

  private async episodes(seriesId: string, d: TitleDetails): Promise<void> {
    const tmdb = this.tmdb;
    if (!tmdb) return;
    const eps = this.queries.episodesOf(seriesId);
    const seasons = [...new Set(eps.map((e) => e.season))].filter((s) => d.seasons.length === 0 || d.seasons.includes(s));
    for (const season of seasons) {
      const list = new Map((await tmdb.season(d.id, season, this.controller.signal)).map((e) => [e.episode, e]));
      for (const ep of eps.filter((e) => e.season === season)) {
        const info = list.get(ep.episode);
        if (!info) continue;
        const row = this.queries.work(ep.id);
        const current = this.queries.current(ep.id);
        if (!current) continue;
        const fresh = !row || row.name_title === null || (row.applied_at !== null && ep.updatedAt > row.applied_at);
        const nameTitle = fresh ? current.title : (row.name_title ?? current.title);
        const base = current.metadataSource === 'path' ? { ...current, title: nameTitle } : current;
        this.deps.store.db.transaction(() => this.deps.store.setMetadata(ep.id, applyEpisode(base, info)))();
        if (info.stillPath) await this.art(ep.id, 'thumb', info.stillPath, 'still', false);
        this.queries.setOutcome(ep.id, {
          state: 'matched',
          provider: 'tmdb',
          providerId: `${d.id}/${season}/${ep.episode}`,
          nameTitle: current.metadataSource === 'path' ? nameTitle : null,
          nameYear: null,
          applied: true,
          error: null,
        });
      }
    }
  }

  /**
   * Puts provider art on an item where it has none, a grabbed frame, or older provider art. Local art wins
   * unless the user chose to replace it in Fix match. An image that cannot be used is skipped, not fatal.
   */
  private async art(itemId: string, kind: string, path: string | null, use: 'poster' | 'backdrop' | 'still' | 'logo', replace: boolean): Promise<void> {
    if (!path || !this.tmdb) return;
    const existing = this.queries.image(itemId, kind);
    const grabbed = existing?.cache_path?.startsWith(join(this.deps.cacheDir, 'thumbs')) === true;
    const ours = existing?.cache_path?.startsWith(this.images.dir) === true;
    if (existing && !grabbed && !ours && !replace) return;
    const stored = await this.download(path, use);
    if (!stored || existing?.cache_path === stored.path) return;
    this.deps.store.setCachedImage(itemId, kind, stored.path, stored.signature);
  }

  private async photos(d: TitleDetails): Promise<void> {
    for (const c of d.credits.filter((x) => x.role === 'actor' && x.profilePath).slice(0, 10)) {
      const personId = this.queries.personWithoutPhoto(c.name);
      if (!personId || !c.profilePath) continue;
      const stored = await this.download(c.profilePath, 'profile');
      if (stored) this.queries.setPersonPhoto(personId, newId(), stored.path, stored.signature);
    }
  }

  private async download(path: string, use: 'poster' | 'backdrop' | 'still' | 'logo' | 'profile'): Promise<StoredImage | null> {
    const tmdb = this.tmdb;
    if (!tmdb) return null;
    try {
      const url = await tmdb.imageUrl(path, use, this.controller.signal);
      return url ? await this.images.get(url, this.controller.signal) : null;
    } catch (e) {
      if (e instanceof HttpError && e.kind === 'offline') throw e;
      this.deps.log?.(`metadata: an image was skipped: ${(e as Error).message}`);
      return null;
    }
  }

  // ── Fix match ──

  async candidates(itemId: string, q: string | undefined, year: number | undefined, kind: ProviderKind): Promise<MatchCandidatesResponse> {
    const w = this.queries.work(itemId);
    const state: MetadataState = w?.state ?? (this.enabled() ? 'waiting' : 'local');
    const base: MatchCandidatesResponse = {
      itemId,
      state,
      current: w?.provider && w.provider_id ? { provider: w.provider, id: w.provider_id } : null,
      threshold: MATCH_THRESHOLD,
      candidates: [],
      message: null,
    };
    const tmdb = this.tmdb;
    if (!tmdb) return { ...base, message: 'No TMDB key is set: add one in Settings › Metadata to search.' };
    const item = this.queries.current(itemId);
    const name = w ? this.nameOf(w) : { title: item?.title ?? '', year: item?.year ?? null };
    try {
      const asked = q ? parseMatchQuery(q) : { title: name.title };
      let found: Candidate[];
      let want = { kind, title: name.title, year: year ?? name.year };
      if ('id' in asked) {
        const c = await tmdb.lookup(kind, asked.id, this.controller.signal);
        found = c ? [c] : [];
      } else {
        want = { kind, title: asked.title, year: year ?? (q ? null : name.year) };
        found = await tmdb.search(kind, asked.title, want.year, this.controller.signal);
      }
      const candidates: MatchCandidate[] = rankCandidates(want, found).map(({ candidate: c, score }) => ({
        provider: 'tmdb',
        id: c.id,
        kind: c.kind,
        title: c.title,
        originalTitle: c.originalTitle,
        year: c.year,
        overview: c.overview,
        poster: c.posterPath ? `/img/tmdb${c.posterPath}` : null,
        score,
      }));
      return { ...base, candidates, message: candidates.length === 0 ? 'Nothing found: try another title, the year, or paste a TMDB or IMDb id.' : null };
    } catch (e) {
      const kindOf = e instanceof HttpError ? e.kind : 'other';
      return { ...base, message: kindOf === 'offline' ? 'TMDB could not be reached; the library works as it is. Try again later.' : kindOf === 'unauthorised' ? 'TMDB refused the key: check it in Settings › Metadata.' : `TMDB could not be asked: ${(e as Error).message}` };
    }
  }

  /** The user's choice: applied now and locked, so rescans and the background keep it. */
  async choose(itemId: string, tmdbId: string, replaceImages: boolean): Promise<void> {
    if (!this.tmdb) throw new HttpError('unauthorised', 'No TMDB key is set.');
    this.queries.ensureRow(itemId);
    const w = this.queries.work(itemId);
    if (!w) throw new HttpError('not-found', 'No such title.');
    await this.apply(w, tmdbId, 1, 'locked', replaceImages);
    if (this.deps.afterImages) await this.deps.afterImages().catch(() => undefined);
    this.deps.onChanged?.([itemId]);
  }

  /** A candidate's poster for the Fix match dialog: fetched from the configured image host only, re-encoded. */
  async candidatePoster(file: string): Promise<StoredImage | null> {
    if (!POSTER_FILE.test(file)) return null;
    return this.download(`/${file}`, 'poster');
  }
}

function parseIds(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}
