// The parts of TMDB v3's documented answers we read (developer.themoviedb.org/reference), checked at the edge:
// every field may be missing or null, anything else in the answer is ignored.
import { z } from 'zod';

const str = z.string().max(20_000).nullish();
const num = z.number().finite().nullish();
const named = z.object({ name: z.string().max(500) });
const list = <T extends z.ZodType>(item: T) => z.array(item).max(2000).nullish();

export const movieResult = z.object({
  id: z.number().int().positive(),
  title: str,
  original_title: str,
  release_date: str,
  overview: str,
  poster_path: str,
  popularity: num,
});

export const tvResult = z.object({
  id: z.number().int().positive(),
  name: str,
  original_name: str,
  first_air_date: str,
  overview: str,
  poster_path: str,
  popularity: num,
});

export const movieSearch = z.object({ results: z.array(movieResult).max(100) });
export const tvSearch = z.object({ results: z.array(tvResult).max(100) });
export const findResult = z.object({ movie_results: list(movieResult), tv_results: list(tvResult) });

const personId = z.number().int().positive().nullish();
const castMember = z.object({ id: personId, name: z.string().max(500), character: str, order: num, profile_path: str });
const crewMember = z.object({ id: personId, name: z.string().max(500), job: str, department: str, profile_path: str });
const video = z.object({ key: z.string().max(200), site: z.string().max(50), type: str, name: str, official: z.boolean().nullish() });
const image = z.object({ file_path: z.string().max(300), iso_639_1: str });

const common = {
  id: z.number().int().positive(),
  overview: str,
  tagline: str,
  status: str,
  genres: list(named),
  production_companies: list(named),
  vote_average: num,
  vote_count: num,
  poster_path: str,
  backdrop_path: str,
  credits: z.object({ cast: list(castMember), crew: list(crewMember) }).nullish(),
  videos: z.object({ results: list(video) }).nullish(),
  images: z.object({ logos: list(image), posters: list(image), backdrops: list(image) }).nullish(),
  external_ids: z.object({ imdb_id: str, tvdb_id: z.union([z.number(), z.string()]).nullish() }).nullish(),
};

export const movieDetails = z.object({
  ...common,
  title: str,
  original_title: str,
  release_date: str,
  runtime: num,
  imdb_id: str,
  production_countries: list(z.object({ iso_3166_1: z.string().max(5) })),
  belongs_to_collection: z.object({ id: z.number().int().positive(), name: z.string().max(500), poster_path: str, backdrop_path: str }).nullish(),
  release_dates: z
    .object({ results: list(z.object({ iso_3166_1: z.string().max(5), release_dates: list(z.object({ certification: str, type: num })) })) })
    .nullish(),
  keywords: z.object({ keywords: list(named) }).nullish(),
  alternative_titles: z.object({ titles: list(z.object({ title: z.string().max(500) })) }).nullish(),
});

export const tvDetails = z.object({
  ...common,
  name: str,
  original_name: str,
  first_air_date: str,
  episode_run_time: list(z.number()),
  networks: list(named),
  origin_country: list(z.string().max(5)),
  created_by: list(z.object({ id: personId, name: z.string().max(500) })),
  content_ratings: z.object({ results: list(z.object({ iso_3166_1: z.string().max(5), rating: str })) }).nullish(),
  keywords: z.object({ results: list(named) }).nullish(),
  alternative_titles: z.object({ results: list(z.object({ title: z.string().max(500) })) }).nullish(),
  seasons: list(z.object({ season_number: z.number().int() })),
});

export const seasonDetails = z.object({
  episodes: z
    .array(
      z.object({
        season_number: z.number().int(),
        episode_number: z.number().int(),
        name: str,
        overview: str,
        air_date: str,
        still_path: str,
        runtime: num,
      }),
    )
    .max(2000),
});

export const configuration = z.object({
  images: z.object({
    secure_base_url: z.string().max(500),
    poster_sizes: z.array(z.string().max(20)).max(20),
    backdrop_sizes: z.array(z.string().max(20)).max(20),
    still_sizes: z.array(z.string().max(20)).max(20).nullish(),
    profile_sizes: z.array(z.string().max(20)).max(20).nullish(),
    logo_sizes: z.array(z.string().max(20)).max(20).nullish(),
  }),
});

export const personDetails = z.object({
  id: z.number().int().positive(),
  name: str,
  biography: str,
  birthday: str,
  deathday: str,
  place_of_birth: str,
  profile_path: str,
  known_for_department: str,
  also_known_as: z.array(z.string().max(500)).max(200).nullish(),
});

export const collectionDetails = z.object({
  id: z.number().int().positive(),
  name: str,
  overview: str,
  poster_path: str,
  backdrop_path: str,
  parts: z.array(z.object({ id: z.number().int().positive(), title: str, release_date: str })).max(500).nullish(),
});

export type MovieDetails = z.infer<typeof movieDetails>;
export type TvDetails = z.infer<typeof tvDetails>;
