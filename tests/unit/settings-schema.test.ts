// The one settings schema: defaults that validate, partial patches merged field by field, every bad
// field reported with its path, lists replaced whole, and home rows kept complete.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HOME_ROW_IDS, applySettingsPatch, settingsPatch, settingsSchema } from '../../src/shared/settings';
import { themeFile } from '../../src/shared/theme';
import { upgradeStoredSection } from '../../src/main/settings/stored-upgrade';
import { themeStylesheet, themeVariables } from '../../src/shared/theme-css';
import dark from '../../themes/dark.json';
import light from '../../themes/light.json';

const paths = (body: unknown): string[] => {
  const r = settingsPatch.safeParse(body);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))].sort();
};

describe('settings schema', () => {
  it('the defaults are valid settings, with Dark as the theme and every home row once', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.appearance.theme).toBe('dark');
    expect(DEFAULT_SETTINGS.home.rows.map((r) => r.id)).toEqual([...HOME_ROW_IDS]);
  });

  it('a patch with one field changes that field alone', () => {
    const patch = settingsPatch.parse({ appearance: { theme: 'light' } });
    const next = applySettingsPatch(DEFAULT_SETTINGS, patch);
    expect(next.appearance).toEqual({ ...DEFAULT_SETTINGS.appearance, theme: 'light' });
    expect(next.playback).toEqual(DEFAULT_SETTINGS.playback);
  });

  it('reports every bad field, in every section, not only the first', () => {
    expect(
      paths({
        appearance: { theme: 'Not An Id', textScale: 0 },
        playback: { subtitleLanguages: ['en'], maxTranscodes: 2.5, ffmpegPath: '' },
        home: { rows: [{ id: 'next-up', visible: true }, { id: 'next-up', visible: false }] },
        libraries: { defaultPollMinutes: -1 },
      }),
    ).toEqual(['appearance.textScale', 'appearance.theme', 'home.rows', 'libraries.defaultPollMinutes', 'playback.ffmpegPath', 'playback.maxTranscodes', 'playback.subtitleLanguages.0'].sort());
  });

  it('refuses unknown sections and fields, and the read-only key flags', () => {
    expect(paths({ sound: {} })).toEqual(['']);
    expect(paths({ appearance: { colour: 'red' } })).toEqual(['appearance']);
    expect(paths({ metadata: { tmdbApiKeySet: true } })).toEqual(['metadata']);
  });

  it('a list in a patch replaces the list, and home rows left out are added back at the end', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, settingsPatch.parse({ playback: { audioLanguages: ['jpn'] }, home: { rows: [{ id: 'latest-episodes', visible: true }] } }));
    expect(next.playback.audioLanguages).toEqual(['jpn']);
    expect(next.home.rows[0]).toEqual({ id: 'latest-episodes', visible: true });
    expect(next.home.rows.map((r) => r.id).sort()).toEqual([...HOME_ROW_IDS].sort());
  });
});

describe('theme schema and CSS', () => {
  it('names the field of a bad theme file', () => {
    const r = themeFile.safeParse({ ...dark, colours: { ...dark.colours, text: 'white' }, font: { family: 'x; } body { display: none', scale: 1 } });
    expect(r.success).toBe(false);
    const where = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(where.sort()).toEqual(['colours.text', 'font.family']);
  });

  it('turns tokens into the custom properties the components read', () => {
    const vars = themeVariables(themeFile.parse(light));
    expect(vars['--mc-bg']).toBe(light.colours.background);
    expect(vars['--mc-accent-text']).toBe(light.colours.onAccent);
    expect(vars['--mc-shadow-soft']).toBe(`${Math.round(light.shadows.soft * 100)}%`);
    // A light theme haloes text over pictures with the page colour, not with a shadow.
    expect(vars['--mc-text-halo']).toBe(light.colours.background);
  });

  it('Auto carries both themes, light behind the system preference', () => {
    const css = themeStylesheet({ dark: themeFile.parse(dark), light: themeFile.parse(light) });
    expect(css.indexOf('color-scheme:dark')).toBeLessThan(css.indexOf('@media (prefers-color-scheme: light)'));
    expect(css).toContain(`--mc-bg:${light.colours.background}`);
    expect(css).not.toMatch(/<|>/);
  });
});

describe('stored settings from an older version', () => {
  it('renames spacious to large and drops the retired home rows, keeping the order of the rest', () => {
    const { value, changed } = upgradeStoredSection('home', {
      density: 'spacious',
      rows: [
        { id: 'favourites', visible: true },
        { id: 'next-up', visible: false },
        { id: 'latest-series', visible: true },
        { id: 'continue-watching', visible: true },
      ],
    });
    expect(changed).toBe(true);
    expect(value).toEqual({ density: 'large', rows: [{ id: 'next-up', visible: false }, { id: 'continue-watching', visible: true }] });
  });

  it('leaves today\'s sections alone', () => {
    expect(upgradeStoredSection('home', { density: 'compact', rows: [{ id: 'genres', visible: true }] }).changed).toBe(false);
    expect(upgradeStoredSection('appearance', { theme: 'light' })).toEqual({ value: { theme: 'light' }, changed: false });
  });
});
