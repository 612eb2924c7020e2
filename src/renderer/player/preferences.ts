// What the player remembers on this device between plays: volume and mute, how subtitles look, and
// which version of each title was chosen. Stored in localStorage and checked on the way in: a
// broken or hand-edited value falls back to the defaults instead of breaking the player.
import { z } from 'zod';

export const SUBTITLE_SIZES = ['small', 'medium', 'large'] as const;
export const SUBTITLE_BACKGROUNDS = ['none', 'shadow', 'box'] as const;
export const PLAYBACK_SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

const devicePreferences = z.object({
  volume: z.number().min(0).max(1),
  muted: z.boolean(),
  subtitleSize: z.enum(SUBTITLE_SIZES),
  subtitleBackground: z.enum(SUBTITLE_BACKGROUNDS),
});

export type DevicePreferences = z.infer<typeof devicePreferences>;

export const DEFAULT_PREFERENCES: DevicePreferences = { volume: 1, muted: false, subtitleSize: 'medium', subtitleBackground: 'shadow' };

const PREFERENCES_KEY = 'mc.player.preferences';
const VERSIONS_KEY = 'mc.player.versions';
/** Enough for a big library; the oldest choices go first. */
const MAX_REMEMBERED_VERSIONS = 500;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStore(): KeyValueStore | null {
  try {
    // Typed by hand: this module is also compiled (and tested) without the DOM library.
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null;
  } catch {
    // Storage can be switched off; the player then simply forgets.
    return null;
  }
}

function readJson(store: KeyValueStore | null, key: string): unknown {
  try {
    const text = store?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(store: KeyValueStore | null, key: string, value: unknown): void {
  try {
    store?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused storage: a preference not kept is not worth an error on screen.
  }
}

export function loadPreferences(store: KeyValueStore | null = defaultStore()): DevicePreferences {
  const raw = readJson(store, PREFERENCES_KEY);
  const parsed = devicePreferences.partial().safeParse(raw);
  return { ...DEFAULT_PREFERENCES, ...(parsed.success ? parsed.data : {}) };
}

export function savePreferences(prefs: DevicePreferences, store: KeyValueStore | null = defaultStore()): void {
  writeJson(store, PREFERENCES_KEY, devicePreferences.parse(prefs));
}

const versionChoices = z.array(z.tuple([z.string().min(1).max(64), z.string().min(1).max(64)])).max(MAX_REMEMBERED_VERSIONS);

function loadVersions(store: KeyValueStore | null): Array<[string, string]> {
  const parsed = versionChoices.safeParse(readJson(store, VERSIONS_KEY));
  return parsed.success ? parsed.data : [];
}

/** The file last chosen for a title, or null. */
export function rememberedVersion(itemId: string, store: KeyValueStore | null = defaultStore()): string | null {
  return loadVersions(store).find(([item]) => item === itemId)?.[1] ?? null;
}

export function rememberVersion(itemId: string, fileId: string, store: KeyValueStore | null = defaultStore()): void {
  const others = loadVersions(store).filter(([item]) => item !== itemId);
  writeJson(store, VERSIONS_KEY, [...others, [itemId, fileId]].slice(-MAX_REMEMBERED_VERSIONS));
}
