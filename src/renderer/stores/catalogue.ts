// The catalogue: the list of every movie and series (loaded once, refreshed when the server
// says the library changed), the filters the library page applies to it in the browser, and
// the title last opened from it (so coming back lands on the same card).
// It must not load item details (the pages do that through the API client), nor touch the DOM.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ItemSummary, ScanProgress } from '../../shared/api';
import { getItems, subscribeServerEvents } from '../api/client';
import {
  DEFAULT_FILTER,
  countLabel,
  filterCatalogue,
  genreCounts,
  prepareCatalogue,
  sortCatalogue,
  type KindFilter,
  type SortOrder,
} from '../lib/catalogue-filter';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** A burst of library-changed events (a scan adding 300 files) triggers one refetch. */
const REFRESH_DELAY_MS = 1500;
/** A scan that has said nothing for this long is over (its last event may have been lost). */
const SCAN_SILENCE_MS = 60_000;

export const useCatalogueStore = defineStore('catalogue', () => {
  // shallowRef: 20,000 plain summaries need no deep reactivity, only "the list changed".
  const items = shallowRef<readonly ItemSummary[]>([]);
  const state = ref<LoadState>('idle');
  const error = shallowRef<unknown>(null);
  const scan = shallowRef<ScanProgress | null>(null);

  const query = ref(DEFAULT_FILTER.query);
  const kind = ref<KindFilter>(DEFAULT_FILTER.kind);
  const genre = ref<string | null>(DEFAULT_FILTER.genre);
  const sort = ref<SortOrder>(DEFAULT_FILTER.sort);
  const lastOpenedId = ref<string | null>(null);

  const prepared = computed(() => prepareCatalogue(items.value));
  // Sorted again only when the list or the sort order changes, not at every keystroke.
  const sorted = computed(() => sortCatalogue(prepared.value, sort.value));
  const filtered = computed(() => filterCatalogue(sorted.value, { query: query.value, kind: kind.value, genre: genre.value }));
  const genres = computed(() => genreCounts(items.value, kind.value));
  const totalOfKind = computed(() =>
    kind.value === 'all' ? items.value.length : items.value.filter((item) => item.kind === kind.value).length,
  );
  const countText = computed(() => countLabel(filtered.value.length, totalOfKind.value, kind.value));
  const hasMovies = computed(() => items.value.some((item) => item.kind === 'movie'));
  const hasSeries = computed(() => items.value.some((item) => item.kind === 'series'));

  let inFlight: Promise<void> | null = null;
  /** A refresh was asked for while one was under way: its answer may predate the change. */
  let again = false;

  /** Loads the list; the current list stays on screen while a refresh is under way. */
  function refresh(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      if (items.value.length === 0) state.value = 'loading';
      try {
        const response = await getItems();
        items.value = response.items;
        error.value = null;
        state.value = 'ready';
      } catch (cause) {
        error.value = cause;
        // A failed refresh keeps the list the family is looking at.
        state.value = items.value.length > 0 ? 'ready' : 'error';
      } finally {
        inFlight = null;
        // Once more, so everyone who asked meanwhile gets a list fetched after they asked.
        if (again) {
          again = false;
          await refresh();
        }
      }
    })();
    return inFlight;
  }

  /** The first call loads; later ones reuse what is there. */
  function ensureLoaded(): Promise<void> {
    if (state.value === 'ready' || state.value === 'loading') return inFlight ?? Promise.resolve();
    return refresh();
  }

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  function refreshSoon(): void {
    if (refreshTimer !== null) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, REFRESH_DELAY_MS);
  }

  let unsubscribe: (() => void) | null = null;
  let scanSilence: ReturnType<typeof setTimeout> | null = null;

  function showScan(progress: ScanProgress | null): void {
    scan.value = progress;
    if (scanSilence !== null) clearTimeout(scanSilence);
    scanSilence = progress ? setTimeout(() => (scan.value = null), SCAN_SILENCE_MS) : null;
  }

  /** Follows the server's events for as long as the app runs. */
  function startLiveUpdates(): void {
    if (unsubscribe) return;
    unsubscribe = subscribeServerEvents((event) => {
      if (event.type === 'library-changed') {
        refreshSoon();
      } else if (event.type === 'scan') {
        // A finished scan needs no refresh here: the server follows it with library-changed.
        const phase = event.progress.phase;
        const over = phase === 'done' || phase === 'cancelled' || phase === 'failed';
        showScan(over ? null : event.progress);
      }
    });
  }

  function stopLiveUpdates(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  function setKind(next: KindFilter): void {
    kind.value = next;
    // A genre that only movies have would leave "Series" empty for no visible reason.
    if (genre.value !== null && !genres.value.some((g) => g.name === genre.value)) genre.value = null;
  }

  function clearFilters(): void {
    query.value = '';
    genre.value = null;
  }

  return {
    items,
    state,
    error,
    scan,
    query,
    kind,
    genre,
    sort,
    lastOpenedId,
    filtered,
    genres,
    countText,
    hasMovies,
    hasSeries,
    refresh,
    ensureLoaded,
    startLiveUpdates,
    stopLiveUpdates,
    setKind,
    clearFilters,
  };
});
