// The metadata section of the settings: keys are write-only (a patch sets them, the settings only say whether one
// is set), the defaults are the real providers, and bad addresses, languages and countries are named.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, applySettingsPatch, settingsPatch, settingsSchema } from '../../src/shared/settings';

describe('metadata settings', () => {
  it('defaults to TMDB and OMDb themselves, in US English, with no key', () => {
    expect(DEFAULT_SETTINGS.metadata).toMatchObject({
      tmdbBaseUrl: 'https://api.themoviedb.org/3',
      omdbBaseUrl: 'https://www.omdbapi.com/',
      language: 'en-US',
      country: 'US',
      tmdbApiKeySet: false,
      omdbApiKeySet: false,
    });
  });

  it('a key in a patch sets the flag and never lands in the settings object; an empty key clears it', () => {
    const set = applySettingsPatch(DEFAULT_SETTINGS, settingsPatch.parse({ metadata: { tmdbApiKey: 'abc123', omdbApiKey: 'zz' } }));
    expect(set.metadata).toMatchObject({ tmdbApiKeySet: true, omdbApiKeySet: true });
    expect(JSON.stringify(set)).not.toContain('abc123');
    expect(settingsSchema.safeParse(set).success).toBe(true);
    const cleared = applySettingsPatch(set, settingsPatch.parse({ metadata: { tmdbApiKey: '' } }));
    expect(cleared.metadata).toMatchObject({ tmdbApiKeySet: false, omdbApiKeySet: true });
  });

  it('names every bad field', () => {
    const r = settingsPatch.safeParse({ metadata: { tmdbBaseUrl: 'ftp://x', omdbBaseUrl: 'https://u:p@omdb.example/', language: 'english', country: 'usa', tmdbApiKey: 'has space' } });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))].sort();
    expect(paths).toEqual(['metadata.country', 'metadata.language', 'metadata.omdbBaseUrl', 'metadata.tmdbApiKey', 'metadata.tmdbBaseUrl']);
  });
});
