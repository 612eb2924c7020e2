// The demo library's recipe: zod schema, inferred types and the validated loader for resources/demo/recipe.json.
import { z } from 'zod';
import recipeJson from '../../../resources/demo/recipe.json';

/**
 * Bump `version` in recipe.json whenever the recipe or the way it is rendered changes:
 * an existing demo folder is only rebuilt when its marker records another version.
 */
export const DEMO_RECIPE_VERSION: number = recipeJson.version;

export const CODEC_SETS = [
  'h264-aac-mp4',
  'vp9-opus-webm',
  'h264-ac3-mkv',
  'hevc-aac-mkv',
  // h264 with an English AAC stereo track and a French AC-3 5.1 track: the multi-audio case.
  'h264-aac-ac3-mkv',
] as const;
export type CodecSet = (typeof CODEC_SETS)[number];

export const VISUALS = ['aurora', 'sunset', 'fireflies', 'fractal', 'weave', 'bokeh', 'ocean', 'dusk'] as const;
export type Visual = (typeof VISUALS)[number];

export const MOTIFS = ['sun', 'moon', 'mountains', 'waves', 'rings', 'stars', 'skyline', 'leaves', 'birds', 'grid'] as const;
export type Motif = (typeof MOTIFS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** An announced show must stay in the future whenever the demo is made, so its date can be relative. */
const relativeDate = z.strictObject({ yearsFromNow: z.int().min(1).max(5), monthDay: z.string().regex(/^\d{2}-\d{2}$/) });
const nonEmpty = z.string().trim().min(1);
const lang2 = z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code');
const lang3 = z.string().regex(/^[a-z]{3}$/, 'ISO 639-2 code');

const cue = z.tuple([z.number().min(0), z.number().positive(), nonEmpty]);
/** A chapter: where it starts and its name; it runs to the next chapter's start, the last to the clip's end. */
const chapter = z.tuple([z.number().min(0), nonEmpty]);

const clip = z.strictObject({
  codec: z.enum(CODEC_SETS),
  seconds: z.number().min(10).max(30),
  size: z.enum(['640x360', '854x480']),
  fps: z.union([z.literal(24), z.literal(25)]),
  visual: z.enum(VISUALS),
  /** Degrees the visual's colours are rotated by, so two titles with one visual still differ. */
  hue: z.number().min(0).max(360),
  /** Root pitch of the soft chord that is the clip's sound. */
  tone: z.number().min(80).max(800),
  /** Needed by h264-aac-ac3-mkv: the second (AC-3 5.1) track. */
  secondAudio: z.strictObject({ language: lang3, title: nonEmpty, tone: z.number().min(80).max(800) }).optional(),
  audioLanguage: lang3.default('eng'),
  audioTitle: nonEmpty.optional(),
  /** A text subtitle track muxed into the MKV. */
  embeddedSubtitle: z.strictObject({ language: lang3, title: nonEmpty, cues: z.array(cue).min(1) }).optional(),
  /** Matroska chapters, so the player's seek bar has marks to show and its chapter keys somewhere to go. */
  chapters: z.array(chapter).min(2).optional(),
});

const rating = z.strictObject({ value: z.number().min(0), votes: z.int().min(0).optional() });
const ratings = z.strictObject({
  imdb: rating.extend({ value: z.number().min(0).max(10) }),
  metacritic: rating.extend({ value: z.int().min(0).max(100) }).optional(),
  tmdb: rating.extend({ value: z.number().min(0).max(10) }).optional(),
});

const castMember = z.strictObject({ name: nonEmpty, role: nonEmpty });

const art = z.strictObject({
  /** Base hue of the poster/backdrop gradient. */
  hue: z.number().min(0).max(360),
  motif: z.enum(MOTIFS),
  /** Dark backgrounds with light type, or the reverse. */
  light: z.boolean().default(false),
});

const common = {
  title: nonEmpty,
  originalTitle: nonEmpty.optional(),
  sortTitle: nonEmpty.optional(),
  tagline: nonEmpty,
  outline: nonEmpty,
  plot: nonEmpty,
  runtime: z.int().min(1).max(400),
  genres: z.array(nonEmpty).min(2).max(3),
  tags: z.array(nonEmpty).min(1),
  countries: z.array(nonEmpty).min(1),
  studios: z.array(nonEmpty).min(1),
  mpaa: nonEmpty,
  ratings: ratings.optional(),
  ids: z.strictObject({ imdb: z.string().regex(/^tt\d{7,9}$/), tmdb: z.int().positive(), tvdb: z.int().positive().optional() }),
  cast: z.array(castMember).min(4),
  art,
};

const subtitleSidecar = z.strictObject({
  language: lang2,
  forced: z.boolean().default(false),
  cues: z.array(cue).min(1),
});

const movie = z.strictObject({
  ...common,
  year: z.int().min(1900).max(2100),
  premiered: isoDate,
  set: z.strictObject({ name: nonEmpty, overview: nonEmpty }).optional(),
  directors: z.array(nonEmpty).min(1),
  writers: z.array(nonEmpty).min(1).max(2),
  clip,
  subtitles: z.array(subtitleSidecar).default([]),
  /** `folder`: trailers/<Title> Trailer.mp4; `suffix`: <Title> (<Year>)-trailer.mp4 beside the film. */
  trailer: z.enum(['folder', 'suffix']).optional(),
  /** More versions of the film beside it, named the Plex way: <Title> (<Year>) {edition-<edition>}.<ext>. */
  editions: z.array(z.strictObject({ edition: z.string().regex(/^[\p{L}\p{N}' .-]{1,40}$/u, 'letters, digits, spaces and \' . -'), clip })).default([]),
});

/** An episode clip may be longer: it carries the show's intro and credits around its own picture. */
const episodeClip = clip.extend({ seconds: z.number().min(10).max(45) });

/**
 * The show's intro and end credits, the same in every episode: a theme tune under a title card after a
 * cold open, and a credits tune over black at the end. They make the demo's Skip intro real.
 */
const showIntro = z.strictObject({
  /** Seed of the theme tune (same seed, same tune). */
  theme: z.int().min(1).max(10_000),
  coldOpenSeconds: z.number().min(0).max(10),
  introSeconds: z.number().min(10).max(20),
  creditsSeconds: z.number().min(10).max(15),
});

const episode = z.strictObject({
  episode: z.int().min(1),
  title: nonEmpty,
  aired: isoDate,
  plot: nonEmpty,
  runtime: z.int().min(1).max(200),
  directors: z.array(nonEmpty).min(1),
  writers: z.array(nonEmpty).min(1).max(2),
  imdbRating: z.number().min(0).max(10).optional(),
  clip: episodeClip,
});

const season = z.strictObject({
  season: z.int().min(0),
  name: nonEmpty.optional(),
  episodes: z.array(episode),
});

const show = z.strictObject({
  ...common,
  premiered: z.union([isoDate, relativeDate]),
  status: z.enum(['Continuing', 'Ended', 'Upcoming']),
  intro: showIntro.optional(),
  seasons: z.array(season),
});

const person = z.strictObject({ name: nonEmpty, photo: z.boolean() });

const recipeSchema = z
  .strictObject({
    version: z.int().positive(),
    people: z.array(person).min(1),
    movies: z.array(movie).min(1),
    shows: z.array(show),
  })
  .superRefine((r, ctx) => {
    const people = new Set(r.people.map((p) => p.name));
    const known = (name: string, path: (string | number)[]): void => {
      if (!people.has(name)) ctx.addIssue({ code: 'custom', message: `unknown person "${name}"`, path });
    };
    const checkClip = (c: z.infer<typeof episodeClip>, path: (string | number)[]): void => {
      if ((c.codec === 'h264-aac-ac3-mkv') !== (c.secondAudio !== undefined)) {
        ctx.addIssue({ code: 'custom', message: 'secondAudio goes with h264-aac-ac3-mkv and only with it', path });
      }
      if (c.embeddedSubtitle && !c.codec.endsWith('-mkv')) {
        ctx.addIssue({ code: 'custom', message: 'an embedded text subtitle needs an MKV codec set', path });
      }
      for (const [start, end] of c.embeddedSubtitle?.cues ?? []) {
        if (!(start < end && end <= c.seconds)) ctx.addIssue({ code: 'custom', message: 'cue outside the clip', path });
      }
      if (c.chapters) {
        // MP4 would carry them as a QuickTime chapter track, an extra stream that changes how the file probes.
        if (!c.codec.endsWith('-mkv')) ctx.addIssue({ code: 'custom', message: 'chapters need an MKV codec set', path });
        const starts = c.chapters.map(([start]) => start);
        if (starts[0] !== 0) ctx.addIssue({ code: 'custom', message: 'the first chapter starts at 0', path });
        // A second at least each, or a mark would sit on its neighbour (or on the end) on the seek bar.
        if (starts.some((s, i) => i > 0 && s < starts[i - 1]! + 1) || starts.at(-1)! > c.seconds - 1) {
          ctx.addIssue({ code: 'custom', message: 'chapters in order, a second apart, inside the clip', path });
        }
      }
    };
    const titles = new Set<string>();
    r.movies.forEach((m, i) => {
      const key = `${m.title} (${m.year})`;
      if (titles.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate title ${key}`, path: ['movies', i] });
      titles.add(key);
      if (!m.premiered.startsWith(String(m.year))) {
        ctx.addIssue({ code: 'custom', message: 'premiered and year disagree', path: ['movies', i] });
      }
      [...m.directors, ...m.writers].forEach((n) => known(n, ['movies', i]));
      m.cast.forEach((c) => known(c.name, ['movies', i, 'cast']));
      checkClip(m.clip, ['movies', i, 'clip']);
      m.editions.forEach((e, j) => checkClip(e.clip, ['movies', i, 'editions', j, 'clip']));
      if (new Set(m.editions.map((e) => e.edition.toLowerCase())).size !== m.editions.length) {
        ctx.addIssue({ code: 'custom', message: 'two editions with one name', path: ['movies', i, 'editions'] });
      }
      m.subtitles.forEach((s) => {
        for (const [start, end] of s.cues) {
          if (!(start < end && end <= m.clip.seconds)) {
            ctx.addIssue({ code: 'custom', message: 'cue outside the clip', path: ['movies', i, 'subtitles'] });
          }
        }
      });
    });
    r.shows.forEach((s, i) => {
      s.cast.forEach((c) => known(c.name, ['shows', i, 'cast']));
      s.seasons.forEach((season, j) =>
        season.episodes.forEach((e, k) => {
          const path = ['shows', i, 'seasons', j, 'episodes', k];
          [...e.directors, ...e.writers].forEach((n) => known(n, path));
          checkClip(e.clip, [...path, 'clip']);
          const intro = s.intro;
          // Room for the cold open, the intro, some of the episode itself, and the credits.
          if (intro && e.clip.seconds < intro.coldOpenSeconds + intro.introSeconds + intro.creditsSeconds + 4) {
            ctx.addIssue({ code: 'custom', message: 'clip too short for the show\'s intro and credits', path: [...path, 'clip'] });
          }
          if (!intro && e.clip.seconds > 30) ctx.addIssue({ code: 'custom', message: 'only an episode with an intro may run past 30 s', path: [...path, 'clip'] });
        }),
      );
    });
  });

export type Recipe = z.infer<typeof recipeSchema>;
export type RecipeMovie = Recipe['movies'][number];
export type RecipeShow = Recipe['shows'][number];
export type RecipeSeason = RecipeShow['seasons'][number];
export type RecipeEpisode = RecipeSeason['episodes'][number];
export type ClipSpec = RecipeMovie['clip'] | RecipeEpisode['clip'];
export type ShowIntro = z.infer<typeof showIntro>;
export type ArtSpec = RecipeMovie['art'];
export type Cue = z.infer<typeof cue>;
export type ChapterSpec = z.infer<typeof chapter>;
export type SubtitleSidecar = RecipeMovie['subtitles'][number];
export type RecipeEdition = RecipeMovie['editions'][number];

/** Validates a recipe (the bundled one by default) and throws one readable error listing every problem. */
export function loadRecipe(raw: unknown = recipeJson): Recipe {
  const parsed = recipeSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid demo recipe:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A relative premiere date is resolved against `now` so an announced show is always still to come. */
export function resolvePremiered(premiered: RecipeShow['premiered'], now = new Date()): string {
  if (typeof premiered === 'string') return premiered;
  return `${now.getUTCFullYear() + premiered.yearsFromNow}-${premiered.monthDay}`;
}
