// The look of the page: the list of themes, and applying the chosen one (or, for Auto, the one the
// system's light/dark preference picks, following it live) as CSS custom properties on <html>, with
// the text size and reduced motion. No reload: the server's inline style only covers the first paint.
// It must not change settings: it reads appearance from the settings store.
import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import type { ThemeEntry, ThemeFile } from '../../shared/theme';
import { themeVariables } from '../../shared/theme-css';
import { subscribeServerEvents } from '../api/client';
import { getThemes } from '../api/settings';
import { useSettingsStore } from './settings';

const LIGHT_QUERY = '(prefers-color-scheme: light)';

/** The theme Auto stands for, given the system's preference. */
export function autoThemeId(prefersLight: boolean): 'light' | 'dark' {
  return prefersLight ? 'light' : 'dark';
}

export const useThemeStore = defineStore('theme', () => {
  const settingsStore = useSettingsStore();
  const themes = shallowRef<ThemeEntry[]>([]);
  const prefersLight = shallowRef(false);

  const chosenId = computed(() => settingsStore.settings?.appearance.theme ?? null);
  /** The theme on screen now: the chosen one, Auto's pick, or Dark when the chosen one is gone or broken. */
  const appliedId = computed(() => {
    const id = chosenId.value === 'auto' ? autoThemeId(prefersLight.value) : chosenId.value;
    const found = themes.value.find((t) => t.id === id && t.valid);
    return found ? found.id : 'dark';
  });

  async function refresh(): Promise<void> {
    try {
      themes.value = (await getThemes()).themes;
    } catch {
      // The inline style of the page already shows a theme; the list comes with the next event.
    }
  }

  function paint(tokens: ThemeFile): void {
    const root = document.documentElement;
    for (const [name, value] of Object.entries(themeVariables(tokens))) root.style.setProperty(name, value);
    root.style.colorScheme = tokens.scheme;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', tokens.scheme);
    root.dataset.theme = appliedId.value;
  }

  function applyAppearance(): void {
    const appearance = settingsStore.settings?.appearance;
    const root = document.documentElement;
    if (appearance) {
      root.style.setProperty('--mc-text-scale', String(appearance.textScale));
      root.classList.toggle('mc-reduce-motion', appearance.reduceMotion);
    }
    const entry = themes.value.find((t) => t.id === appliedId.value);
    if (entry?.tokens) paint(entry.tokens);
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    const media = window.matchMedia(LIGHT_QUERY);
    prefersLight.value = media.matches;
    media.addEventListener('change', (e) => (prefersLight.value = e.matches));
    subscribeServerEvents((event) => {
      if (event.type === 'themes-changed') void refresh();
    });
    watch([themes, appliedId, () => settingsStore.settings?.appearance], applyAppearance);
    void refresh();
    void settingsStore.load();
    settingsStore.startLiveUpdates();
  }

  return { themes, chosenId, appliedId, prefersLight, refresh, start };
});
