// TMDB v3: search with a year, find by IMDb/TVDB id, movie/tv details with everything a page shows appended,
// seasons and the image configuration. Answers are checked against the documented shapes, cached on disk, and
// fields empty in the chosen language are filled from English, field by field.
import type { z } from 'zod';
import type { TrailerLink } from '../../../shared/api';
import type { ResponseCache, CacheKind } from '../cache';
import { HttpError, type PoliteHttp } from '../http';
import type { Candidate, CollectionDetails, EpisodeDetails, PersonDetails, ProviderCredit, ProviderKind, TitleDetails, TitleProvider } from '../provider';
import * as S from './schemas';

export interface TmdbConfig {
  baseUrl: string;
  apiKey: string;
  /** `en-US`, `fr-FR`… */
  language: string;
  country: string;
}

const FALLBACK_LANGUAGE = 'en-US';
const IMAGE_PATH = /^\/[A-Za-z0-9_-]{1,100}\.(jpe?g|png|webp)$/;
const WANTED_WIDTH = { poster: 780, backdrop: 1280, still: 300, profile: 185, logo: 500 } as const;
const VIDEO_KINDS: Record<string, TrailerLink['kind']> = { Trailer: 'trailer', Teaser: 'teaser', Clip: 'clip', Featurette: 'featurette' };

export class TmdbClient implements TitleProvider {
  readonly name = 'tmdb' as const;
  private readonly base: URL;

  constructor(
    private readonly config: TmdbConfig,
    private readonly http: PoliteHttp,
    private readonly cache: ResponseCache,
  ) {
    this.base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
    http.allowHost(this.base.host);
  }

  private async get<T extends z.ZodType>(path: string, params: Record<string, string>, schema: T, kind: CacheKind, signal?: AbortSignal): Promise<z.infer<T>> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    // The key stays out of the cache key: a new key does not empty the cache, and no file on disk holds it.
    const cacheKey = `tmdb:${url.pathname}?${url.searchParams.toString()}`;
    return this.cache.through(cacheKey, kind, async () => {
      url.searchParams.set('api_key', this.config.apiKey);
      const raw = await this.http.json(url, 2 * 1024 * 1024, signal);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new HttpError('hostile', `${url.host}${url.pathname} answered in a shape TMDB does not document`);
      return parsed.data as z.infer<T>;
    });
  }

  async search(kind: ProviderKind, title: string, year: number | null, signal?: AbortSignal): Promise<Candidate[]> {
    const params: Record<string, string> = { query: title, language: this.config.language, include_adult: 'false' };
    if (kind === 'movie') {
      if (year) params.year = String(year);
      const r = await this.get('search/movie', params, S.movieSearch, 'search', signal);
      let results = r.results;
      // A wrong year in a name (a festival year, a re-release) must not hide the film: search again without it.
      if (results.length === 0 && year) {
        const { year: _drop, ...rest } = params;
        results = (await this.get('search/movie', rest, S.movieSearch, 'search', signal)).results;
      }
      return results.slice(0, 20).map(movieCandidate);
    }
    if (year) params.first_air_date_year = String(year);
    let results = (await this.get('search/tv', params, S.tvSearch, 'search', signal)).results;
    if (results.length === 0 && year) {
      const { first_air_date_year: _drop, ...rest } = params;
      results = (await this.get('search/tv', rest, S.tvSearch, 'search', signal)).results;
    }
    return results.slice(0, 20).map(tvCandidate);
  }

  async lookup(kind: ProviderKind, id: { source: 'tmdb' | 'imdb' | 'tvdb'; value: string }, signal?: AbortSignal): Promise<Candidate | null> {
    if (id.source === 'tmdb') {
      if (!/^\d{1,10}$/.test(id.value)) return null;
      try {
        const d = await this.details(kind, id.value, signal);
        return { provider: 'tmdb', id: d.id, kind, title: d.title, originalTitle: d.originalTitle, year: d.year, overview: d.overview, posterPath: d.images.poster, popularity: 0 };
      } catch (e) {
        if (e instanceof HttpError && e.kind === 'not-found') return null;
        throw e;
      }
    }
    const valid = id.source === 'imdb' ? /^tt\d{5,10}$/ : /^\d{1,10}$/;
    if (!valid.test(id.value)) return null;
    const r = await this.get(`find/${id.value}`, { external_source: `${id.source}_id`, language: this.config.language }, S.findResult, 'details', signal);
    const movie = r.movie_results?.[0];
    const tv = r.tv_results?.[0];
    if (kind === 'movie') return movie ? movieCandidate(movie) : null;
    return tv ? tvCandidate(tv) : null;
  }

  async details(kind: ProviderKind, id: string, signal?: AbortSignal): Promise<TitleDetails> {
    if (!/^\d{1,10}$/.test(id)) throw new HttpError('not-found', `not a TMDB id: ${id}`);
    const lang = this.config.language;
    const short = lang.slice(0, 2);
    const append = kind === 'movie'
      ? 'credits,images,videos,release_dates,keywords,external_ids,alternative_titles'
      : 'credits,images,videos,content_ratings,keywords,external_ids,alternative_titles';
    const params = { language: lang, append_to_response: append, include_image_language: `${short},en,null`, include_video_language: `${short},en` };
    if (kind === 'movie') {
      const d = await this.get(`movie/${id}`, params, S.movieDetails, 'details', signal);
      const out = this.fromMovie(d);
      if (needsFallback(lang, out)) fillText(out, this.fromMovie(await this.get(`movie/${id}`, { ...params, language: FALLBACK_LANGUAGE }, S.movieDetails, 'details', signal)));
      return out;
    }
    const d = await this.get(`tv/${id}`, params, S.tvDetails, 'details', signal);
    const out = this.fromTv(d);
    if (needsFallback(lang, out)) fillText(out, this.fromTv(await this.get(`tv/${id}`, { ...params, language: FALLBACK_LANGUAGE }, S.tvDetails, 'details', signal)));
    return out;
  }

  async season(seriesId: string, season: number, signal?: AbortSignal): Promise<EpisodeDetails[]> {
    if (!/^\d{1,10}$/.test(seriesId) || !Number.isInteger(season) || season < 0) return [];
    const fetchIn = async (language: string): Promise<EpisodeDetails[]> => {
      try {
        const r = await this.get(`tv/${seriesId}/season/${season}`, { language }, S.seasonDetails, 'details', signal);
        return r.episodes.map((e) => ({
          season: e.season_number,
          episode: e.episode_number,
          title: text(e.name),
          overview: text(e.overview),
          airDate: date(e.air_date),
          runtimeMinutes: positive(e.runtime),
          stillPath: imagePath(e.still_path),
        }));
      } catch (e) {
        if (e instanceof HttpError && e.kind === 'not-found') return [];
        throw e;
      }
    };
    const episodes = await fetchIn(this.config.language);
    if (this.config.language === FALLBACK_LANGUAGE || episodes.every((e) => e.title && e.overview)) return episodes;
    const english = new Map((await fetchIn(FALLBACK_LANGUAGE)).map((e) => [e.episode, e]));
    for (const e of episodes) {
      const en = english.get(e.episode);
      if (!en) continue;
      // TMDB names an untranslated episode "Episode 3" in the chosen language: the English title is better.
      if (!e.title || /^(episode|épisode|episodio|folge|aflevering)\s+\d+$/i.test(e.title)) e.title = en.title ?? e.title;
      e.overview ??= en.overview;
    }
    return episodes;
  }

  async person(id: string, signal?: AbortSignal): Promise<PersonDetails | null> {
    if (!/^\d{1,10}$/.test(id)) return null;
    const fetchIn = async (language: string): Promise<PersonDetails | null> => {
      try {
        const p = await this.get(`person/${id}`, { language }, S.personDetails, 'details', signal);
        return {
          id: String(p.id),
          biography: text(p.biography),
          birthday: date(p.birthday),
          deathday: date(p.deathday),
          placeOfBirth: text(p.place_of_birth),
          knownForDepartment: text(p.known_for_department),
          alsoKnownAs: [...new Set((p.also_known_as ?? []).map((n) => n.trim()).filter(Boolean))].slice(0, 20),
          profilePath: imagePath(p.profile_path),
        };
      } catch (e) {
        if (e instanceof HttpError && e.kind === 'not-found') return null;
        throw e;
      }
    };
    const out = await fetchIn(this.config.language);
    // Most biographies exist in English only: an empty one in the chosen language is taken from English.
    if (out && !out.biography && this.config.language !== FALLBACK_LANGUAGE) out.biography = (await fetchIn(FALLBACK_LANGUAGE))?.biography ?? null;
    return out;
  }

  async collection(id: string, signal?: AbortSignal): Promise<CollectionDetails | null> {
    if (!/^\d{1,10}$/.test(id)) return null;
    const fetchIn = async (language: string): Promise<CollectionDetails | null> => {
      try {
        const c = await this.get(`collection/${id}`, { language }, S.collectionDetails, 'details', signal);
        return {
          id: String(c.id),
          name: text(c.name),
          overview: text(c.overview),
          posterPath: imagePath(c.poster_path),
          backdropPath: imagePath(c.backdrop_path),
          parts: (c.parts ?? [])
            .map((p) => ({ id: String(p.id), title: text(p.title), year: yearOf(p.release_date) }))
            .sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999)),
        };
      } catch (e) {
        if (e instanceof HttpError && e.kind === 'not-found') return null;
        throw e;
      }
    };
    const out = await fetchIn(this.config.language);
    if (out && (!out.name || !out.overview) && this.config.language !== FALLBACK_LANGUAGE) {
      const en = await fetchIn(FALLBACK_LANGUAGE);
      out.name ??= en?.name ?? null;
      out.overview ??= en?.overview ?? null;
    }
    return out;
  }

  async imageUrl(path: string, use: keyof typeof WANTED_WIDTH, signal?: AbortSignal): Promise<URL | null> {
    if (!IMAGE_PATH.test(path)) return null;
    const c = await this.get('configuration', {}, S.configuration, 'details', signal);
    let base: URL;
    try {
      base = new URL(c.images.secure_base_url.endsWith('/') ? c.images.secure_base_url : `${c.images.secure_base_url}/`);
    } catch {
      throw new HttpError('hostile', 'TMDB configuration names no usable image host');
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new HttpError('hostile', 'TMDB configuration names no usable image host');
    // The one image host the configuration names is the only other host ever contacted.
    this.http.allowHost(base.host);
    const sizes = { poster: c.images.poster_sizes, backdrop: c.images.backdrop_sizes, still: c.images.still_sizes, profile: c.images.profile_sizes, logo: c.images.logo_sizes }[use] ?? [];
    const size = pickSize(sizes, WANTED_WIDTH[use]);
    return new URL(`${size}${path}`, base);
  }

  private fromMovie(d: S.MovieDetails): TitleDetails {
    const country = this.config.country;
    const certs = d.release_dates?.results?.find((r) => r.iso_3166_1 === country)?.release_dates ?? [];
    const ids: Record<string, string> = { tmdb: String(d.id) };
    const imdb = d.imdb_id ?? d.external_ids?.imdb_id;
    if (imdb && /^tt\d+$/.test(imdb)) ids.imdb = imdb;
    return {
      provider: 'tmdb',
      id: String(d.id),
      kind: 'movie',
      title: text(d.title) ?? text(d.original_title) ?? '',
      originalTitle: text(d.original_title),
      alternativeTitles: (d.alternative_titles?.titles ?? []).map((t) => t.title).slice(0, 50),
      year: yearOf(d.release_date),
      premiered: date(d.release_date),
      overview: text(d.overview),
      tagline: text(d.tagline),
      runtimeMinutes: positive(d.runtime),
      contentRating: certs.map((c) => text(c.certification)).find((c) => c !== null) ?? null,
      status: text(d.status),
      genres: names(d.genres),
      studios: names(d.production_companies).slice(0, 5),
      countries: (d.production_countries ?? []).map((c) => c.iso_3166_1),
      tags: names(d.keywords?.keywords).slice(0, 20),
      collection: d.belongs_to_collection?.name ?? null,
      collectionId: d.belongs_to_collection ? String(d.belongs_to_collection.id) : null,
      credits: credits(d.credits),
      ratings: tmdbRating(d.vote_average, d.vote_count),
      providerIds: ids,
      images: this.images(d),
      videos: videos(d.videos?.results),
      seasons: [],
    };
  }

  private fromTv(d: S.TvDetails): TitleDetails {
    const ids: Record<string, string> = { tmdb: String(d.id) };
    const imdb = d.external_ids?.imdb_id;
    if (imdb && /^tt\d+$/.test(imdb)) ids.imdb = imdb;
    const tvdb = d.external_ids?.tvdb_id;
    if (tvdb !== null && tvdb !== undefined && /^\d+$/.test(String(tvdb))) ids.tvdb = String(tvdb);
    const creators: ProviderCredit[] = (d.created_by ?? []).map((c, i) => ({ name: c.name, role: 'writer', character: null, order: 1000 + i, profilePath: null, personId: c.id ? String(c.id) : null }));
    return {
      provider: 'tmdb',
      id: String(d.id),
      kind: 'series',
      title: text(d.name) ?? text(d.original_name) ?? '',
      originalTitle: text(d.original_name),
      alternativeTitles: (d.alternative_titles?.results ?? []).map((t) => t.title).slice(0, 50),
      year: yearOf(d.first_air_date),
      premiered: date(d.first_air_date),
      overview: text(d.overview),
      tagline: text(d.tagline),
      runtimeMinutes: positive(d.episode_run_time?.[0]),
      contentRating: text(d.content_ratings?.results?.find((r) => r.iso_3166_1 === this.config.country)?.rating),
      status: text(d.status),
      genres: names(d.genres),
      studios: [...names(d.networks), ...names(d.production_companies)].slice(0, 5),
      countries: d.origin_country ?? [],
      tags: names(d.keywords?.results).slice(0, 20),
      collection: null,
      collectionId: null,
      credits: [...credits(d.credits), ...creators],
      ratings: tmdbRating(d.vote_average, d.vote_count),
      providerIds: ids,
      images: this.images(d),
      videos: videos(d.videos?.results),
      seasons: (d.seasons ?? []).map((s) => s.season_number),
    };
  }

  private images(d: S.MovieDetails | S.TvDetails): TitleDetails['images'] {
    const short = this.config.language.slice(0, 2);
    const logos = d.images?.logos ?? [];
    const logo = logos.find((l) => l.iso_639_1 === short) ?? logos.find((l) => l.iso_639_1 === 'en') ?? logos[0];
    return { poster: imagePath(d.poster_path), backdrop: imagePath(d.backdrop_path), logo: imagePath(logo?.file_path) };
  }
}

function movieCandidate(r: z.infer<typeof S.movieResult>): Candidate {
  return {
    provider: 'tmdb',
    id: String(r.id),
    kind: 'movie',
    title: text(r.title) ?? text(r.original_title) ?? '',
    originalTitle: text(r.original_title),
    year: yearOf(r.release_date),
    overview: text(r.overview),
    posterPath: imagePath(r.poster_path),
    popularity: r.popularity ?? 0,
  };
}

function tvCandidate(r: z.infer<typeof S.tvResult>): Candidate {
  return {
    provider: 'tmdb',
    id: String(r.id),
    kind: 'series',
    title: text(r.name) ?? text(r.original_name) ?? '',
    originalTitle: text(r.original_name),
    year: yearOf(r.first_air_date),
    overview: text(r.overview),
    posterPath: imagePath(r.poster_path),
    popularity: r.popularity ?? 0,
  };
}

function needsFallback(language: string, d: TitleDetails): boolean {
  return language !== FALLBACK_LANGUAGE && (!d.title || !d.overview || !d.tagline || d.videos.length === 0);
}

/** English fills what the chosen language left empty, field by field; what it has stays. */
function fillText(out: TitleDetails, english: TitleDetails): void {
  if (!out.title) out.title = english.title;
  out.overview ??= english.overview;
  out.tagline ??= english.tagline;
  if (out.videos.length === 0) out.videos = english.videos;
  if (out.genres.length === 0) out.genres = english.genres;
}

function credits(c: { cast?: { id?: number | null; name: string; character?: string | null; order?: number | null; profile_path?: string | null }[] | null; crew?: { id?: number | null; name: string; job?: string | null; profile_path?: string | null }[] | null } | null | undefined): ProviderCredit[] {
  const out: ProviderCredit[] = [];
  (c?.cast ?? [])
    .slice()
    .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9))
    .slice(0, 30)
    .forEach((a, i) => out.push({ name: a.name, role: 'actor', character: text(a.character), order: i, profilePath: imagePath(a.profile_path), personId: a.id ? String(a.id) : null }));
  const jobs: Record<string, ProviderCredit['role']> = { Director: 'director', Screenplay: 'writer', Writer: 'writer', Producer: 'producer', 'Original Music Composer': 'composer' };
  let n = 0;
  for (const m of c?.crew ?? []) {
    const role = m.job ? jobs[m.job] : undefined;
    if (role && n < 20) out.push({ name: m.name, role, character: null, order: 100 + n++, profilePath: imagePath(m.profile_path), personId: m.id ? String(m.id) : null });
  }
  return out;
}

function videos(list: { key: string; site: string; type?: string | null; name?: string | null; official?: boolean | null }[] | null | undefined): TrailerLink[] {
  const out: TrailerLink[] = [];
  for (const v of list ?? []) {
    const kind = v.type ? VIDEO_KINDS[v.type] : undefined;
    if (!kind) continue;
    // Only links we build ourselves, to two known hosts, from a key of the documented form.
    let url: string | null = null;
    if (v.site === 'YouTube' && /^[\w-]{6,20}$/.test(v.key)) url = `https://www.youtube.com/watch?v=${v.key}`;
    else if (v.site === 'Vimeo' && /^\d{3,12}$/.test(v.key)) url = `https://vimeo.com/${v.key}`;
    if (url) out.push({ name: text(v.name) ?? kind, kind, site: v.site === 'YouTube' ? 'youtube' : 'vimeo', url });
  }
  const rank = { trailer: 0, teaser: 1, clip: 2, featurette: 3 } as const;
  return out.sort((a, b) => rank[a.kind] - rank[b.kind]).slice(0, 12);
}

function tmdbRating(value: number | null | undefined, votes: number | null | undefined): TitleDetails['ratings'] {
  return value && votes ? [{ source: 'tmdb', value: Math.round(value * 10) / 10, max: 10, votes: Math.round(votes) }] : [];
}

function pickSize(sizes: string[], wanted: number): string {
  const widths = sizes.map((s) => ({ s, w: /^w(\d+)$/.exec(s)?.[1] })).filter((x): x is { s: string; w: string } => x.w !== undefined);
  const fit = widths.filter((x) => Number(x.w) >= wanted).sort((a, b) => Number(a.w) - Number(b.w))[0];
  return fit?.s ?? widths.sort((a, b) => Number(b.w) - Number(a.w))[0]?.s ?? 'original';
}

const names = (l: { name: string }[] | null | undefined): string[] => [...new Set((l ?? []).map((x) => x.name.trim()).filter(Boolean))];
const text = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);
const date = (s: string | null | undefined): string | null => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
const yearOf = (s: string | null | undefined): number | null => (date(s) ? Number(s?.slice(0, 4)) : null);
const positive = (n: number | null | undefined): number | null => (n && n > 0 ? Math.round(n) : null);
const imagePath = (p: string | null | undefined): string | null => (p && IMAGE_PATH.test(p) ? p : null);
