// The family's settings as the server holds them: loaded once, changed by partial updates, and kept in
// step with other windows through the settings-changed event. It owns no UI state (which field is being
// edited) and never applies a setting to the page itself: the theme store does the look.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { applySettingsPatch, type FieldError, type Settings, type SettingsPatch } from '../../shared/settings';
import { ApiError, subscribeServerEvents } from '../api/client';
import { getSettings, putSettings } from '../api/settings';

export const useSettingsStore = defineStore('settings', () => {
  /** What the screen shows: the server's settings, with a change being saved already in it. */
  const settings = shallowRef<Settings | null>(null);
  /** What the server has confirmed: for work that must follow the server (home's rows are built there). */
  const saved = shallowRef<Settings | null>(null);
  const error = shallowRef<unknown>(null);
  /** The fields the server refused at the last save, by dotted path. */
  const fieldErrors = ref<Record<string, string>>({});
  const saving = ref(false);

  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    loading ??= getSettings()
      .then((s) => {
        settings.value = s;
        saved.value = s;
        error.value = null;
      })
      .catch((cause: unknown) => {
        error.value = cause;
        loading = null;
      });
    return loading;
  }

  /**
   * Saves a part of the settings; resolves true when the server took it. The change shows at once (the
   * server's answer replaces it), and a refused one is taken back.
   */
  async function update(patch: SettingsPatch): Promise<boolean> {
    saving.value = true;
    const before = settings.value;
    if (before) settings.value = applySettingsPatch(before, patch);
    try {
      const answer = await putSettings(patch);
      settings.value = answer;
      saved.value = answer;
      fieldErrors.value = {};
      error.value = null;
      return true;
    } catch (cause) {
      if (cause instanceof ApiError && cause.fields.length > 0) {
        fieldErrors.value = Object.fromEntries(cause.fields.map((f: FieldError) => [f.path, f.message]));
      }
      // Back to what the server holds (another save may have landed since this one began).
      if (saved.value) settings.value = saved.value;
      error.value = cause;
      return false;
    } finally {
      saving.value = false;
    }
  }

  let unsubscribe: (() => void) | null = null;
  /** Follows changes made elsewhere (another window, a script) for the app's whole life. */
  function startLiveUpdates(): void {
    if (unsubscribe) return;
    unsubscribe = subscribeServerEvents((event) => {
      if (event.type === 'settings-changed') {
        settings.value = event.settings;
        saved.value = event.settings;
      }
    });
  }

  return { settings, saved, error, fieldErrors, saving, load, update, startLiveUpdates };
});
