// How many posters a row shows (compact, comfortable, large): one value for the app, applied at
// once. Kept in localStorage until the settings' `home.density` (GET /api/v1/settings) replaces it.
import { ref, watch } from 'vue';
import { DEFAULT_ROW_DENSITY, isRowDensity, POSTER_REM, type RowDensity } from '../../shared/home-rows';

const KEY = 'media-centre.row-density';

function initial(): RowDensity {
  try {
    const saved = window.localStorage.getItem(KEY);
    return isRowDensity(saved) ? saved : DEFAULT_ROW_DENSITY;
  } catch {
    return DEFAULT_ROW_DENSITY;
  }
}

const density = ref<RowDensity>(initial());
watch(density, (value) => {
  try {
    window.localStorage.setItem(KEY, value);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this visit.
  }
});

/** The CSS custom properties a row reads its card widths from. */
export function densityStyle(value: RowDensity): Record<string, string> {
  const poster = POSTER_REM[value];
  return { '--row-poster-width': `${poster}rem`, '--row-still-width': `${(poster * 1.75).toFixed(2)}rem` };
}

export function useRowDensity() {
  return { density };
}
