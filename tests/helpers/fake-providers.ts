// A local stand-in for TMDB v3 and OMDb in tests: the documented answer shapes with made-up data, a key check,
// a log of every request, and switches for the bad days (429s, slowness, hostile answers). No test needs the internet.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export const FAKE_TMDB_KEY = 'test-tmdb-key';
export const FAKE_OMDB_KEY = 'test-omdb-key';

interface FakeMovie {
  id: number;
  title: string;
  original_title?: string;
  release_date: string;
  overview: string;
  tagline?: string;
  popularity: number;
  imdb_id?: string;
  poster_path?: string | null;
  genres?: string[];
  cast?: string[];
  director?: string;
  alternative?: string[];
  /** Per language (`fr`): what TMDB answers in it; a missing field is empty there. */
  translations?: Record<string, { title?: string; overview?: string; tagline?: string }>;
  videos?: { key: string; site: string; type: string; name: string }[];
  /** Its TMDB collection (see COLLECTIONS). */
  collection?: number;
}

/** person/{id}: the documented shape, made-up people. Credited people not listed here answer 404. */
interface FakePerson {
  id: number;
  name: string;
  biography: string;
  birthday: string | null;
  deathday: string | null;
  place_of_birth: string | null;
  profile_path: string | null;
  known_for_department: string;
  also_known_as: string[];
  /** Per language (`fr`): its biography there; missing means empty in that language. */
  translations?: Record<string, { biography?: string }>;
}

/** collection/{id}. */
interface FakeCollection {
  id: number;
  name: string;
  overview: string;
  poster_path: string | null;
  backdrop_path: string | null;
  parts: { id: number; title: string; release_date: string }[];
  translations?: Record<string, { name?: string; overview?: string }>;
}

interface FakeSeries {
  id: number;
  name: string;
  first_air_date: string;
  overview: string;
  popularity: number;
  tvdb?: number;
  imdb_id?: string;
  seasons: Record<number, { episode_number: number; name: string; overview: string; air_date: string; still_path: string | null }[]>;
}

export const MOVIES: FakeMovie[] = [
  { id: 1091, title: 'The Thing', release_date: '1982-06-25', overview: 'Antarctic researchers meet a shape-shifter.', popularity: 40, imdb_id: 'tt0084787', poster_path: '/thing1982.jpg', genres: ['Horror'], cast: ['Kurt Russell'], director: 'John Carpenter' },
  { id: 60935, title: 'The Thing', release_date: '2011-10-12', overview: 'A prequel set at a Norwegian base.', popularity: 20, imdb_id: 'tt0905372', poster_path: '/thing2011.jpg', genres: ['Horror'], cast: ['Mary Elizabeth Winstead'] },
  {
    id: 348, title: 'Alien', release_date: '1979-05-25', overview: 'A crew meets a deadly lifeform.', tagline: 'In space no one can hear you scream.', popularity: 60, imdb_id: 'tt0078748', poster_path: '/alien.jpg', genres: ['Science Fiction', 'Horror'], cast: ['Sigourney Weaver', 'Tom Skerritt'], director: 'Ridley Scott',
    translations: { fr: { title: 'Alien, le huitième passager' } },
    videos: [{ key: 'LjLamj-b0I8', site: 'YouTube', type: 'Trailer', name: 'Alien trailer' }, { key: 'x', site: 'Evil', type: 'Trailer', name: 'bad' }],
    collection: 8091,
  },
  { id: 129, title: 'Spirited Away', original_title: '千と千尋の神隠し', release_date: '2001-07-20', overview: 'A girl in a world of spirits.', popularity: 50, imdb_id: 'tt0245429', poster_path: '/spirited.jpg' },
  { id: 593, title: 'Solaris', release_date: '1972-03-20', overview: 'Tarkovsky, on a space station.', popularity: 15, imdb_id: 'tt0069293', poster_path: '/solaris72.jpg' },
  { id: 2103, title: 'Solaris', release_date: '2002-11-27', overview: 'Soderbergh, on a space station.', popularity: 25, imdb_id: 'tt0307479', poster_path: '/solaris02.jpg' },
  { id: 1367, title: 'Rocky II', release_date: '1979-06-15', overview: 'The rematch.', popularity: 30, poster_path: '/rocky2.jpg' },
  { id: 78, title: 'Blade Runner', release_date: '1982-06-25', overview: 'Replicants.', popularity: 45, poster_path: '/br.jpg', cast: ['Harrison Ford'], collection: 422837 },
  { id: 335984, title: 'Blade Runner 2049', release_date: '2017-10-04', overview: 'Thirty years later.', popularity: 70, poster_path: '/br2049.jpg' },
  { id: 582, title: 'Das Leben der Anderen', release_date: '2006-03-15', overview: 'A Stasi officer listens.', popularity: 33, alternative: ['The Lives of Others'], poster_path: '/lives.jpg' },
  // Hostile ones, reached by id.
  { id: 666, title: 'Huge', release_date: '2000-01-01', overview: 'x', popularity: 1 },
  { id: 667, title: 'Redirect', release_date: '2000-01-01', overview: 'x', popularity: 1 },
  { id: 668, title: 'Not An Image', release_date: '2000-01-01', overview: 'Its poster is text.', popularity: 1, poster_path: '/notanimage.jpg' },
];

export const PEOPLE: FakePerson[] = [
  {
    id: 10205, name: 'Sigourney Weaver', biography: 'A made-up biography: an actress from New York, in <b>space</b> films.', birthday: '1949-10-08', deathday: null,
    place_of_birth: 'New York City, New York, USA', profile_path: '/weaver.jpg', known_for_department: 'Acting', also_known_as: ['Susan Alexandra Weaver'],
    translations: { fr: { biography: 'Une biographie inventée, en français.' } },
  },
  {
    id: 4139, name: 'Tom Skerritt', biography: 'A made-up biography of a character actor.', birthday: '1933-08-25', deathday: null,
    place_of_birth: 'Detroit, Michigan, USA', profile_path: '/skerritt.jpg', known_for_department: 'Acting', also_known_as: [],
  },
  {
    id: 578, name: 'Ridley Scott', biography: 'A made-up biography of a director.', birthday: '1937-11-30', deathday: null,
    place_of_birth: 'South Shields, England, UK', profile_path: null, known_for_department: 'Directing', also_known_as: ['Sir Ridley Scott'],
  },
  {
    id: 3, name: 'Harrison Ford', biography: 'A made-up biography of a carpenter turned actor.', birthday: '1942-07-13', deathday: null,
    place_of_birth: 'Chicago, Illinois, USA', profile_path: '/ford.jpg', known_for_department: 'Acting', also_known_as: [],
  },
];

export const COLLECTIONS: FakeCollection[] = [
  {
    id: 8091, name: 'Alien Collection', overview: 'A made-up overview: a deadly lifeform, film after film.', poster_path: '/aliencoll.jpg', backdrop_path: '/aliencoll-bd.jpg',
    parts: [{ id: 679, title: 'Aliens', release_date: '1986-07-18' }, { id: 348, title: 'Alien', release_date: '1979-05-25' }],
    translations: { fr: { name: 'Alien - Saga', overview: '' } },
  },
  {
    id: 422837, name: 'Blade Runner Collection', overview: "TMDB's made-up overview of the replicant films.", poster_path: '/brcoll.jpg', backdrop_path: null,
    parts: [{ id: 78, title: 'Blade Runner', release_date: '1982-06-25' }, { id: 335984, title: 'Blade Runner 2049', release_date: '2017-10-04' }],
  },
];

/** A credited person's TMDB id: the listed one, or a stable made-up one (that person/{id} does not know). */
export function personIdOf(name: string): number {
  return PEOPLE.find((p) => p.name === name)?.id ?? 900_000 + [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 99_991, 7);
}

export const SERIES: FakeSeries[] = [
  { id: 121, name: 'Doctor Who', first_air_date: '1963-11-23', overview: 'The original run.', popularity: 30, seasons: { 1: [] } },
  {
    id: 57243, name: 'Doctor Who', first_air_date: '2005-03-26', overview: 'The Doctor returns.', popularity: 60, tvdb: 78804, imdb_id: 'tt0436992',
    seasons: {
      1: [
        { episode_number: 1, name: 'Rose', overview: 'Rose meets the Doctor.', air_date: '2005-03-26', still_path: '/rose.jpg' },
        { episode_number: 2, name: 'The End of the World', overview: 'Five billion years on.', air_date: '2005-04-02', still_path: null },
      ],
    },
  },
];

export const OMDB: Record<string, { imdbRating: string; imdbVotes: string; Metascore: string }> = {
  tt0078748: { imdbRating: '8.5', imdbVotes: '1,012,345', Metascore: '89' },
  tt0905372: { imdbRating: '6.2', imdbVotes: '140,001', Metascore: 'N/A' },
};

export interface FakeProviders {
  url: string;
  tmdbBaseUrl: string;
  omdbBaseUrl: string;
  /** Every request, as path?query without the key. */
  log: string[];
  /** The next N TMDB answers are 429 with Retry-After: 0. */
  tooMany: number;
  /** The next N TMDB answers are 503. */
  serverErrors: number;
  /** Every answer waits this long first. */
  delayMs: number;
  /** Where /3/movie/667 redirects to. */
  redirectTo: string;
  close(): Promise<void>;
}

let pngCache: Buffer | null = null;
async function png(): Promise<Buffer> {
  pngCache ??= await sharp({ create: { width: 60, height: 90, channels: 3, background: { r: 180, g: 40, b: 40 } } }).png().toBuffer();
  return pngCache;
}

const norm = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function movieResult(m: FakeMovie, lang: string): Record<string, unknown> {
  const t = m.translations?.[lang.slice(0, 2)];
  return {
    id: m.id, title: t ? (t.title ?? m.title) : m.title, original_title: m.original_title ?? m.title, release_date: m.release_date,
    overview: t ? (t.overview ?? '') : m.overview, poster_path: m.poster_path ?? null, popularity: m.popularity, genre_ids: [], adult: false,
  };
}

function tvResult(s: FakeSeries): Record<string, unknown> {
  return { id: s.id, name: s.name, original_name: s.name, first_air_date: s.first_air_date, overview: s.overview, poster_path: null, popularity: s.popularity };
}

function movieDetails(m: FakeMovie, lang: string): Record<string, unknown> {
  const t = m.translations?.[lang.slice(0, 2)];
  return {
    ...movieResult(m, lang),
    tagline: t ? (t.tagline ?? '') : (m.tagline ?? ''),
    runtime: 117,
    status: 'Released',
    imdb_id: m.imdb_id ?? null,
    backdrop_path: m.poster_path ? m.poster_path.replace('.jpg', '-bd.jpg') : null,
    vote_average: 8.1,
    vote_count: 9000,
    genres: (m.genres ?? []).map((name, id) => ({ id, name })),
    production_companies: [{ id: 1, name: 'Fake Studio', logo_path: null }],
    production_countries: [{ iso_3166_1: 'US', name: 'United States of America' }],
    belongs_to_collection: collectionRef(m.collection),
    credits: {
      cast: (m.cast ?? []).map((name, order) => ({ id: personIdOf(name), name, character: `Role ${order + 1}`, order, profile_path: order === 0 ? '/face.jpg' : null })),
      crew: m.director ? [{ id: personIdOf(m.director), name: m.director, job: 'Director', department: 'Directing', profile_path: null }] : [],
    },
    videos: { results: t ? [] : (m.videos ?? []).map((v) => ({ ...v, iso_639_1: 'en', official: true })) },
    release_dates: { results: [{ iso_3166_1: 'US', release_dates: [{ certification: 'R', type: 3 }] }] },
    keywords: { keywords: [{ id: 1, name: 'space' }] },
    images: { logos: [], posters: [], backdrops: [] },
    external_ids: { imdb_id: m.imdb_id ?? null },
    alternative_titles: { titles: (m.alternative ?? []).map((title) => ({ iso_3166_1: 'US', title })) },
  };
}

function collectionRef(id: number | undefined): Record<string, unknown> | null {
  const c = COLLECTIONS.find((x) => x.id === id);
  // The movie names its collection in English whatever the language, as the stand-in keeps one row per set.
  return c ? { id: c.id, name: c.name, poster_path: c.poster_path, backdrop_path: c.backdrop_path } : null;
}

function personDetails(p: FakePerson, lang: string): Record<string, unknown> {
  const t = lang.startsWith('en') ? undefined : (p.translations?.[lang.slice(0, 2)] ?? {});
  return {
    id: p.id, name: p.name, biography: t ? (t.biography ?? '') : p.biography, birthday: p.birthday, deathday: p.deathday, place_of_birth: p.place_of_birth,
    profile_path: p.profile_path, known_for_department: p.known_for_department, also_known_as: p.also_known_as, gender: 0, popularity: 10, adult: false, imdb_id: null, homepage: null,
  };
}

function collectionDetails(c: FakeCollection, lang: string): Record<string, unknown> {
  const t = lang.startsWith('en') ? undefined : (c.translations?.[lang.slice(0, 2)] ?? {});
  return {
    id: c.id, name: t ? (t.name ?? '') : c.name, overview: t ? (t.overview ?? '') : c.overview, poster_path: c.poster_path, backdrop_path: c.backdrop_path,
    parts: c.parts.map((x) => ({ ...x, original_title: x.title, overview: '', poster_path: null, popularity: 1, adult: false })),
  };
}

export async function startFakeProviders(): Promise<FakeProviders> {
  const log: string[] = [];
  const state = { tooMany: 0, serverErrors: 0, delayMs: 0, redirectTo: 'http://127.0.0.2:9/' };
  let origin = '';

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const key = url.searchParams.get('api_key') ?? url.searchParams.get('apikey');
    url.searchParams.delete('api_key');
    url.searchParams.delete('apikey');
    log.push(`${url.pathname}${url.search}`);
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
    const p = url.pathname;
    if (p.startsWith('/t/p/')) {
      if (p.endsWith('/notanimage.jpg')) {
        res.writeHead(200, { 'Content-Type': 'image/jpeg' });
        res.end('<html>this is not a picture</html>');
        return;
      }
      const body = await png();
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length });
      res.end(body);
      return;
    }
    if (p.startsWith('/omdb')) {
      if (key !== FAKE_OMDB_KEY) return send(res, 401, { Response: 'False', Error: 'Invalid API key!' });
      const r = OMDB[url.searchParams.get('i') ?? ''];
      return send(res, 200, r ? { Response: 'True', Title: 'x', ...r } : { Response: 'False', Error: 'Incorrect IMDb ID.' });
    }
    if (!p.startsWith('/3/')) return send(res, 404, { status_code: 34, status_message: 'The resource you requested could not be found.' });
    if (state.tooMany > 0) {
      state.tooMany--;
      res.writeHead(429, { 'Retry-After': '0', 'Content-Type': 'application/json' });
      res.end('{"status_code":25,"status_message":"Your request count is over the allowed limit."}');
      return;
    }
    if (state.serverErrors > 0) {
      state.serverErrors--;
      return send(res, 503, { status_code: 43, status_message: 'Service temporarily unavailable.' });
    }
    if (key !== FAKE_TMDB_KEY) return send(res, 401, { status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.' });
    const lang = url.searchParams.get('language') ?? 'en-US';
    const path = p.slice(2);
    if (path === '/configuration') {
      return send(res, 200, {
        images: {
          base_url: `${origin}/t/p/`, secure_base_url: `${origin}/t/p/`,
          poster_sizes: ['w92', 'w185', 'w500', 'w780', 'original'], backdrop_sizes: ['w300', 'w780', 'w1280', 'original'],
          still_sizes: ['w92', 'w185', 'w300', 'original'], profile_sizes: ['w45', 'w185', 'original'], logo_sizes: ['w92', 'w500', 'original'],
        },
        change_keys: [],
      });
    }
    if (path === '/search/movie') {
      const q = norm(url.searchParams.get('query') ?? '');
      const year = url.searchParams.get('year');
      const results = MOVIES.filter((m) => m.id < 666 || m.id > 668)
        .filter((m) => [m.title, m.original_title ?? '', ...(m.alternative ?? [])].some((t) => norm(t).includes(q)))
        .filter((m) => !year || m.release_date.startsWith(year))
        .map((m) => movieResult(m, lang));
      return send(res, 200, { page: 1, results, total_pages: 1, total_results: results.length });
    }
    if (path === '/search/tv') {
      const q = norm(url.searchParams.get('query') ?? '');
      const year = url.searchParams.get('first_air_date_year');
      const results = SERIES.filter((s) => norm(s.name).includes(q)).filter((s) => !year || s.first_air_date.startsWith(year)).map(tvResult);
      return send(res, 200, { page: 1, results, total_pages: 1, total_results: results.length });
    }
    let m = /^\/find\/(.+)$/.exec(path);
    if (m) {
      const id = decodeURIComponent(m[1] ?? '');
      const src = url.searchParams.get('external_source');
      const movies = src === 'imdb_id' ? MOVIES.filter((x) => x.imdb_id === id).map((x) => movieResult(x, lang)) : [];
      const tv = SERIES.filter((s) => (src === 'imdb_id' ? s.imdb_id === id : String(s.tvdb) === id)).map(tvResult);
      return send(res, 200, { movie_results: movies, tv_results: tv, person_results: [], tv_episode_results: [], tv_season_results: [] });
    }
    m = /^\/movie\/(\d+)$/.exec(path);
    if (m) {
      const id = Number(m[1]);
      if (id === 666) {
        // A hostile answer: far more than any details page.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"id":666,"overview":"${'x'.repeat(3 * 1024 * 1024)}"}`);
        return;
      }
      if (id === 667) {
        res.writeHead(302, { Location: state.redirectTo });
        res.end();
        return;
      }
      const movie = MOVIES.find((x) => x.id === id);
      return movie ? send(res, 200, movieDetails(movie, lang)) : send(res, 404, { status_code: 34, status_message: 'not found' });
    }
    m = /^\/person\/(\d+)$/.exec(path);
    if (m) {
      const person = PEOPLE.find((x) => x.id === Number(m?.[1]));
      return person ? send(res, 200, personDetails(person, lang)) : send(res, 404, { status_code: 34, status_message: 'not found' });
    }
    m = /^\/collection\/(\d+)$/.exec(path);
    if (m) {
      const c = COLLECTIONS.find((x) => x.id === Number(m?.[1]));
      return c ? send(res, 200, collectionDetails(c, lang)) : send(res, 404, { status_code: 34, status_message: 'not found' });
    }
    m = /^\/tv\/(\d+)$/.exec(path);
    if (m) {
      const s = SERIES.find((x) => x.id === Number(m?.[1]));
      if (!s) return send(res, 404, { status_code: 34 });
      return send(res, 200, {
        ...tvResult(s), tagline: '', status: 'Returning Series', episode_run_time: [45], genres: [{ id: 1, name: 'Drama' }], networks: [{ id: 4, name: 'BBC One' }],
        production_companies: [], origin_country: ['GB'], created_by: [{ id: personIdOf('Russell T Davies'), name: 'Russell T Davies' }], vote_average: 7.5, vote_count: 3000, backdrop_path: null,
        credits: { cast: [{ id: personIdOf('Christopher Eccleston'), name: 'Christopher Eccleston', character: 'The Doctor', order: 0, profile_path: null }], crew: [] },
        videos: { results: [] }, content_ratings: { results: [{ iso_3166_1: 'US', rating: 'TV-PG' }] }, keywords: { results: [] },
        images: { logos: [] }, external_ids: { imdb_id: s.imdb_id ?? null, tvdb_id: s.tvdb ?? null },
        seasons: Object.keys(s.seasons).map((n) => ({ season_number: Number(n) })),
      });
    }
    m = /^\/tv\/(\d+)\/season\/(\d+)$/.exec(path);
    if (m) {
      const s = SERIES.find((x) => x.id === Number(m?.[1]));
      const eps = s?.seasons[Number(m[2])];
      if (!eps) return send(res, 404, { status_code: 34 });
      return send(res, 200, { season_number: Number(m[2]), episodes: eps.map((e) => ({ ...e, season_number: Number(m?.[2]), runtime: 44 })) });
    }
    return send(res, 404, { status_code: 34, status_message: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    tmdbBaseUrl: `${origin}/3`,
    omdbBaseUrl: `${origin}/omdb/`,
    log,
    get tooMany() {
      return state.tooMany;
    },
    set tooMany(n: number) {
      state.tooMany = n;
    },
    get serverErrors() {
      return state.serverErrors;
    },
    set serverErrors(n: number) {
      state.serverErrors = n;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(n: number) {
      state.delayMs = n;
    },
    get redirectTo() {
      return state.redirectTo;
    },
    set redirectTo(u: string) {
      state.redirectTo = u;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
