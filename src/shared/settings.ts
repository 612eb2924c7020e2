// The one typed schema of everything a family sets, in sections (appearance, playback, home, libraries,
// metadata): the server validates GET/PUT /api/v1/settings with it and stores it; the renderer imports
// its types and defaults only. A new setting is a field here with its default, nothing else.
import { z } from 'zod';
import { themeId } from './theme';
import { DEFAULT_HOME_ROWS, DEFAULT_ROW_DENSITY, HOME_ROW_KINDS, ROW_DENSITIES, type HomeRowKind } from './home-rows';

/** ISO 639-2/B codes such as `eng`, `fre`, `ger`, in the order they are preferred. */
const languageList = z.array(z.string().regex(/^[a-z]{3}$/, 'a three-letter language code such as eng')).max(12);

/** The home page's rows are the catalogue's one list (src/shared/home-rows.ts); these names stay for old imports. */
export const HOME_ROW_IDS = HOME_ROW_KINDS;
export type HomeRowId = HomeRowKind;

/** Only a program called ffmpeg may be set or tested: neither is a way to have the server start any program. */
export const FFMPEG_NAME = /(^|[\\/])ffmpeg(\.exe)?$/i;

export const QUALITY_CAPS = ['original', '2160p', '1080p', '720p', '480p'] as const;

export const appearanceSettings = z.strictObject({
  /** A theme id (built in or the user's own), or `auto` for the system's light/dark preference. */
  theme: z.union([z.literal('auto'), themeId]),
  /** Multiplies the base text size (after the theme's own font scale). */
  textScale: z.number().min(0.8).max(1.6),
  /** Stops transitions and the home slideshow's auto-advance, whatever the system says. */
  reduceMotion: z.boolean(),
});

export const playbackSettings = z.strictObject({
  audioLanguages: languageList,
  subtitleLanguages: languageList,
  /** Only forced subtitles (signs, foreign dialogue) turn on by themselves. */
  forcedSubtitlesOnly: z.boolean(),
  autoPlayNext: z.boolean(),
  /** The highest resolution a transcode makes; direct play is never capped. */
  qualityCap: z.enum(QUALITY_CAPS),
  /** How many transcodes may run at once (each takes a core or more). */
  maxTranscodes: z.number().int().min(1).max(8),
  hardwareEncoding: z.boolean(),
  /** An ffmpeg of the user's choice; null uses the bundled one. */
  ffmpegPath: z.string().min(1).max(4096).regex(FFMPEG_NAME, 'the path of a program named ffmpeg').nullable(),
  /** The player jumps past a known intro (and recap) by itself instead of offering the Skip button. */
  skipIntroAutomatically: z.boolean(),
});

const homeRow = z.strictObject({ id: z.enum(HOME_ROW_KINDS), visible: z.boolean() });

export const homeSettings = z.strictObject({
  /** Every row once, in the order home shows them. */
  rows: z
    .array(homeRow)
    .max(HOME_ROW_KINDS.length)
    .refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, 'each row may appear only once'),
  /** How many posters a row shows: the same three sizes home's own Poster size control offers. */
  density: z.enum(ROW_DENSITIES),
  slideshow: z.boolean(),
});

export const librarySettings = z.strictObject({
  /** The polling interval a new network share starts with (minutes, 0 = never). */
  defaultPollMinutes: z.number().int().min(0).max(24 * 60),
});

/** A provider's base URL: http(s) only, no credentials in it, so a test server or a mirror can stand in. */
const providerUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && u.search === '' && u.hash === '';
    } catch {
      return false;
    }
  }, 'an http(s) URL without a query, such as https://api.themoviedb.org/3');

/** A key as the provider issues it; '' removes the stored key. Never sent back by GET. */
const apiKey = z.string().trim().max(512).regex(/^[\x21-\x7e]*$/, 'letters, digits and punctuation only');

export const metadataSettings = z.strictObject({
  /** NFO files next to the media win over what is read from names. */
  preferNfo: z.boolean(),
  /** Keys for online providers: the API only says whether one is set, never its value. */
  tmdbApiKeySet: z.boolean(),
  omdbApiKeySet: z.boolean(),
  /** The language asked of TMDB (ISO 639-1, with a region: `en-US`, `fr-FR`); empty fields fall back to English. */
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language such as en-US or fr-FR'),
  /** Whose content ratings (certifications) to show: ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US or GB'),
  tmdbBaseUrl: providerUrl,
  omdbBaseUrl: providerUrl,
});

/** What PUT may send for the metadata section: the keys (write-only), not the flags. */
export const metadataPatch = metadataSettings
  .omit({ tmdbApiKeySet: true, omdbApiKeySet: true })
  .extend({ tmdbApiKey: apiKey, omdbApiKey: apiKey })
  .partial();
export type MetadataPatch = z.infer<typeof metadataPatch>;
export type MetadataSecrets = { tmdbApiKey?: string; omdbApiKey?: string };

export const settingsSchema = z.strictObject({
  appearance: appearanceSettings,
  playback: playbackSettings,
  home: homeSettings,
  libraries: librarySettings,
  metadata: metadataSettings,
});

/** What PUT accepts: any subset of sections, any subset of each section's fields. */
export const settingsPatch = z.strictObject({
  appearance: appearanceSettings.partial().optional(),
  playback: playbackSettings.partial().optional(),
  home: homeSettings.partial().optional(),
  libraries: librarySettings.partial().optional(),
  // The *Set flags say what the server holds; they are not written through this route. The keys are.
  metadata: metadataPatch.optional(),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = z.infer<typeof settingsPatch>;
export type SettingsSection = keyof Settings;
export type AppearanceSettings = Settings['appearance'];
export type PlaybackSettings = Settings['playback'];
export type HomeSettings = Settings['home'];

export const SETTINGS_SECTIONS = ['appearance', 'playback', 'home', 'libraries', 'metadata'] as const satisfies readonly SettingsSection[];

export const DEFAULT_SETTINGS: Settings = {
  appearance: { theme: 'dark', textScale: 1, reduceMotion: false },
  playback: {
    audioLanguages: [],
    subtitleLanguages: [],
    forcedSubtitlesOnly: true,
    autoPlayNext: true,
    qualityCap: 'original',
    maxTranscodes: 2,
    hardwareEncoding: false,
    ffmpegPath: null,
    skipIntroAutomatically: false,
  },
  home: {
    rows: DEFAULT_HOME_ROWS.map((r) => ({ ...r })),
    density: DEFAULT_ROW_DENSITY,
    slideshow: true,
  },
  libraries: { defaultPollMinutes: 60 },
  metadata: {
    preferNfo: true,
    tmdbApiKeySet: false,
    omdbApiKeySet: false,
    language: 'en-US',
    country: 'US',
    tmdbBaseUrl: 'https://api.themoviedb.org/3',
    omdbBaseUrl: 'https://www.omdbapi.com/',
  },
};

/** A bad field of a request, by its dotted path (`appearance.theme`). */
export interface FieldError {
  path: string;
  message: string;
}

/** Home rows the stored list lacks (a row added by a newer version) go at the end, hidden or shown by default. */
export function completeHomeRows(rows: HomeSettings['rows']): HomeSettings['rows'] {
  const have = new Set(rows.map((r) => r.id));
  return [...rows, ...DEFAULT_SETTINGS.home.rows.filter((r) => !have.has(r.id))];
}

/** The settings after a patch: sections merged field by field; a list is replaced whole. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  // Keys never enter the settings object: only whether one is set (the store keeps the keys apart).
  const { tmdbApiKey, omdbApiKey, ...metadata } = patch.metadata ?? {};
  const flags: Partial<Settings['metadata']> = {};
  if (tmdbApiKey !== undefined) flags.tmdbApiKeySet = tmdbApiKey !== '';
  if (omdbApiKey !== undefined) flags.omdbApiKeySet = omdbApiKey !== '';
  const next: Settings = {
    appearance: { ...current.appearance, ...patch.appearance },
    playback: { ...current.playback, ...patch.playback },
    home: { ...current.home, ...patch.home },
    libraries: { ...current.libraries, ...patch.libraries },
    metadata: { ...current.metadata, ...metadata, ...flags },
  };
  next.home.rows = completeHomeRows(next.home.rows);
  return next;
}
