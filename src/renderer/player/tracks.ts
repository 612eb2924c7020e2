// Which audio and subtitle tracks a play starts with, from the family's language settings. Pure: the
// player view passes the file's streams and the settings, and the rules are unit-tested.
import type { MediaStream } from '../../shared/api';
import { normaliseLanguage } from './languages';

export interface LanguagePreferences {
  /** Preferred audio languages, best first (ISO 639-2/B). Empty: the file's default track. */
  audioLanguages: readonly string[];
  /** Preferred subtitle languages, best first. Empty: the audio languages, then the browser's. */
  subtitleLanguages: readonly string[];
  /** Only forced subtitles (signs, foreign dialogue) turn on by themselves. */
  forcedSubtitlesOnly: boolean;
  /** The browser's own language, the last resort for "the user's language". */
  browserLanguage?: string | null;
}

type Stream = Pick<MediaStream, 'index' | 'type' | 'language' | 'isDefault' | 'isForced' | 'codec'>;

function languagesOf(list: readonly string[]): string[] {
  return list.map((code) => normaliseLanguage(code)).filter((code): code is string => code !== null);
}

/** The languages the family reads, best first. */
export function readingLanguages(prefs: LanguagePreferences): string[] {
  const own = languagesOf(prefs.subtitleLanguages);
  if (own.length > 0) return own;
  const audio = languagesOf(prefs.audioLanguages);
  if (audio.length > 0) return audio;
  const browser = normaliseLanguage(prefs.browserLanguage ?? null);
  return browser ? [browser] : [];
}

/** The audio stream to ask for: the first preferred language the file has (its default track in it first), else the file's default. */
export function chooseAudio(streams: readonly Stream[], prefs: LanguagePreferences): number | null {
  const audio = streams.filter((s) => s.type === 'audio');
  if (audio.length === 0) return null;
  for (const language of languagesOf(prefs.audioLanguages)) {
    const matching = audio.filter((s) => normaliseLanguage(s.language) === language);
    const pick = matching.find((s) => s.isDefault) ?? matching[0];
    if (pick) return pick.index;
  }
  return (audio.find((s) => s.isDefault) ?? audio[0])!.index;
}

const PICTURE_CODECS = new Set(['hdmv_pgs_subtitle', 'pgs', 'dvd_subtitle', 'dvdsub', 'dvb_subtitle', 'vobsub', 'xsub']);

export function isPictureCodec(codec: string): boolean {
  return PICTURE_CODECS.has(codec.toLowerCase());
}

/**
 * The subtitle to show at the start, or null for none. Picture subtitles are never turned on by
 * themselves: they can only be burned in, which costs a transcode.
 * - Audio in a language the family reads: only forced subtitles (the signs and the foreign lines),
 *   in the audio's language or one they read.
 * - Audio in another language: full subtitles in the first language they read, unless the setting
 *   says forced only.
 */
export function chooseSubtitle(streams: readonly Stream[], audioStream: number | null, prefs: LanguagePreferences): number | null {
  const text = streams.filter((s) => s.type === 'subtitle' && !isPictureCodec(s.codec));
  if (text.length === 0) return null;
  const reading = readingLanguages(prefs);
  const audio = streams.find((s) => s.type === 'audio' && s.index === audioStream) ?? streams.find((s) => s.type === 'audio');
  const audioLanguage = normaliseLanguage(audio?.language ?? null);
  const understood = audioLanguage === null || reading.length === 0 || reading.includes(audioLanguage);

  const forcedIn = (language: string | null) => text.find((s) => s.isForced && normaliseLanguage(s.language) === language);
  const forcedRead = () => reading.map(forcedIn).find((s) => s !== undefined);
  if (understood) return (forcedIn(audioLanguage) ?? forcedRead())?.index ?? null;
  // Forced lines in a language nobody here reads would help no one.
  if (prefs.forcedSubtitlesOnly) return forcedRead()?.index ?? null;
  for (const language of reading) {
    const full = text.filter((s) => !s.isForced && normaliseLanguage(s.language) === language);
    const pick = full.find((s) => s.isDefault) ?? full[0] ?? forcedIn(language);
    if (pick) return pick.index;
  }
  return null;
}

/** The next entry of a cycle that includes "none" (C cycles subtitles Off → 1 → 2 → Off). */
export function cycle<T>(options: readonly T[], current: T | null, includeNone: boolean): T | null {
  const list: (T | null)[] = includeNone ? [null, ...options] : [...options];
  if (list.length === 0) return null;
  const at = list.indexOf(current);
  return list[(at + 1) % list.length] ?? null;
}
