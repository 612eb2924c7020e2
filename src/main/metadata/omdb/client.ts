// OMDb, for what TMDB does not carry: the IMDb rating with its votes, and the Metascore. Asked by IMDb id only
// (never by title, so it cannot disagree with TMDB about which film this is).
import { z } from 'zod';
import type { ResponseCache } from '../cache';
import { HttpError, type PoliteHttp } from '../http';
import type { ImdbRatings, RatingsProvider } from '../provider';

export interface OmdbConfig {
  baseUrl: string;
  apiKey: string;
}

const answer = z.object({
  Response: z.string().max(10),
  Error: z.string().max(500).nullish(),
  imdbRating: z.string().max(20).nullish(),
  imdbVotes: z.string().max(30).nullish(),
  Metascore: z.string().max(20).nullish(),
});

export class OmdbClient implements RatingsProvider {
  private readonly base: URL;

  constructor(
    private readonly config: OmdbConfig,
    private readonly http: PoliteHttp,
    private readonly cache: ResponseCache,
  ) {
    this.base = new URL(config.baseUrl);
    http.allowHost(this.base.host);
  }

  async ratings(imdbId: string, signal?: AbortSignal): Promise<ImdbRatings | null> {
    if (!/^tt\d{5,10}$/.test(imdbId)) return null;
    const a = await this.cache.through(`omdb:${this.base.host}${this.base.pathname}?i=${imdbId}`, 'details', async () => {
      const url = new URL(this.base);
      url.searchParams.set('i', imdbId);
      url.searchParams.set('apikey', this.config.apiKey);
      const parsed = answer.safeParse(await this.http.json(url, 256 * 1024, signal));
      if (!parsed.success) throw new HttpError('hostile', `${url.host} answered in a shape OMDb does not document`);
      // OMDb says a refused key in the body, with a 401; a title it lacks is a 200 with Response "False".
      if (parsed.data.Response !== 'True' && /api key/i.test(parsed.data.Error ?? '')) throw new HttpError('unauthorised', `${url.host}: ${parsed.data.Error ?? 'key refused'}`);
      return parsed.data;
    });
    if (a.Response !== 'True') return null;
    const rating = Number(a.imdbRating);
    const votes = Number((a.imdbVotes ?? '').replace(/,/g, ''));
    const metascore = Number(a.Metascore);
    return {
      imdb: Number.isFinite(rating) && rating > 0 && rating <= 10 ? { value: rating, votes: Number.isInteger(votes) && votes > 0 ? votes : null } : null,
      metascore: Number.isInteger(metascore) && metascore >= 0 && metascore <= 100 ? metascore : null,
    };
  }
}
