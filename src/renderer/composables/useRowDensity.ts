// How many posters a row shows (compact, comfortable, large): the settings' `home.density`, one value for
// the app. Reading it follows the settings store (so a change made on another page or window applies at
// once, through the settings-changed event); setting it saves it on the server.
import { computed, watch } from 'vue';
import { DEFAULT_ROW_DENSITY, isRowDensity, POSTER_REM, type RowDensity } from '../../shared/home-rows';
import { useSettingsStore } from '../stores/settings';

/** Where this browser kept the density before it was a setting. */
const LEGACY_KEY = 'media-centre.row-density';

/** The CSS custom properties a row reads its card widths from. */
export function densityStyle(value: RowDensity): Record<string, string> {
  const poster = POSTER_REM[value];
  return { '--row-poster-width': `${poster}rem`, '--row-still-width': `${(poster * 1.75).toFixed(2)}rem` };
}

function takeLegacyDensity(): RowDensity | null {
  try {
    const saved = window.localStorage.getItem(LEGACY_KEY);
    if (saved === null) return null;
    window.localStorage.removeItem(LEGACY_KEY);
    return isRowDensity(saved) ? saved : null;
  } catch {
    return null;
  }
}

let migrating = false;
/**
 * A choice this browser kept locally becomes the setting, once, unless the setting was already changed
 * from its default (then the family's saved choice wins over one browser's old one).
 */
function migrateLegacyDensity(store: ReturnType<typeof useSettingsStore>): void {
  if (migrating) return;
  migrating = true;
  const stop = watch(
    () => store.settings,
    (settings) => {
      if (!settings) return;
      queueMicrotask(() => stop());
      const legacy = takeLegacyDensity();
      if (legacy && settings.home.density === DEFAULT_ROW_DENSITY && legacy !== DEFAULT_ROW_DENSITY) void store.update({ home: { density: legacy } });
    },
    { immediate: true },
  );
}

export function useRowDensity() {
  const store = useSettingsStore();
  migrateLegacyDensity(store);
  const density = computed<RowDensity>({
    get: () => store.settings?.home.density ?? DEFAULT_ROW_DENSITY,
    set: (value) => void store.update({ home: { density: value } }),
  });
  return { density };
}
