// The catalogue: the list of every movie and series (loaded once, refreshed when the server
// says the library changed), the filters the library page applies to it in the browser, and
// the title last opened from it (so coming back lands on the same card).
// It must not load item details (the pages do that through the API client), nor touch the DOM.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ItemSummary, PersonRef, ScanProgress } from '../../shared/api';
import { getCatalogue, subscribeServerEvents } from '../api/client';
import {
  DEFAULT_FILTER,
  activeFilterCount,
  countLabel,
  filterEntries,
  foldSearchText,
  genreCounts,
  narrows,
  prepareCatalogue,
  sortCatalogue,
  valueCounts,
  yearBounds,
  type CatalogueFilter,
  type KindFilter,
  type PreparedItem,
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

  const people = shallowRef<readonly PersonRef[]>([]);
  /** Every filter of the library page; the page mirrors it in the URL (lib/library-query.ts). */
  const filter = shallowRef<CatalogueFilter>(DEFAULT_FILTER);
  const lastOpenedId = ref<string | null>(null);

  const prepared = computed(() => prepareCatalogue(items.value, people.value));
  // Sorted again only when the list or the order changes, not at every keystroke or filter:
  // sortKey keeps its value through other changes, so `sorted` is not recomputed for them.
  const sortKey = computed(() => `${filter.value.sort}:${filter.value.direction}`);
  const sorted = computed(() => {
    const [sort, direction] = sortKey.value.split(':') as [CatalogueFilter['sort'], CatalogueFilter['direction']];
    return sortCatalogue(prepared.value, sort, direction);
  });
  // Typing narrows: a query that only grew filters the last result, not all 20,000 titles again.
  let last: { from: readonly PreparedItem[]; filter: CatalogueFilter; entries: PreparedItem[] } | null = null;
  const filteredEntries = computed(() => {
    const from = sorted.value;
    const next = filter.value;
    const start = last !== null && last.from === from && narrows(last.filter, next) ? last.entries : from;
    const entries = filterEntries(start, next);
    last = { from, filter: next, entries };
    return entries;
  });
  const filtered = computed(() => filteredEntries.value.map((entry) => entry.item));
  const kind = computed(() => filter.value.kind);
  const genres = computed(() => genreCounts(items.value, kind.value));
  const audioLanguages = computed(() => valueCounts(items.value, kind.value, (item) => item.languages));
  const subtitleLanguages = computed(() => valueCounts(items.value, kind.value, (item) => item.subtitleLanguages));
  const originalLanguages = computed(() => valueCounts(items.value, kind.value, (item) => (item.originalLanguage ? [item.originalLanguage] : undefined)));
  const years = computed(() => yearBounds(items.value));
  const hasHdr = computed(() => items.value.some((item) => item.hdr === true));
  const activeFilters = computed(() => activeFilterCount(filter.value));
  const personName = computed(() => people.value.find((person) => person.id === filter.value.person)?.name ?? null);
  const totalOfKind = computed(() =>
    kind.value === 'all' ? items.value.length : items.value.filter((item) => item.kind === kind.value).length,
  );
  const countText = computed(() => countLabel(filtered.value.length, totalOfKind.value, kind.value));
  const hasMovies = computed(() => items.value.some((item) => item.kind === 'movie'));
  const hasSeries = computed(() => items.value.some((item) => item.kind === 'series'));

  // The search text is folded in idle time after the list arrives, so the first paint does not
  // wait for it and the first keystroke does not pay for it.
  let folding = 0;
  function foldWhenIdle(): void {
    const idle = window.requestIdleCallback ?? ((run: IdleRequestCallback) => window.setTimeout(() => run({ didTimeout: false, timeRemaining: () => 8 }), 50));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    if (folding !== 0) cancel(folding);
    const entries = prepared.value;
    const step = (from: number): void => {
      folding = idle((deadline) => {
        const next = foldSearchText(entries, from, Math.max(4, deadline.timeRemaining()));
        if (next < entries.length && entries === prepared.value) step(next);
        else folding = 0;
      });
    };
    step(0);
  }

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
        const response = await getCatalogue();
        people.value = response.people ?? [];
        items.value = response.items;
        error.value = null;
        state.value = 'ready';
        foldWhenIdle();
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

  /** Changes some filters; the rest stay. */
  function update(patch: Partial<CatalogueFilter>): void {
    filter.value = { ...filter.value, ...patch };
  }

  function setKind(next: KindFilter): void {
    update({ kind: next });
    // A genre that only movies have would leave "Series" empty for no visible reason.
    const present = new Set(genres.value.map((g) => g.name));
    if (filter.value.genres.some((g) => !present.has(g))) update({ genres: filter.value.genres.filter((g) => present.has(g)) });
  }

  /** Everything back to "all titles", keeping the kind and the sort the family chose. */
  function clearFilters(): void {
    filter.value = { ...DEFAULT_FILTER, kind: filter.value.kind, sort: filter.value.sort, direction: filter.value.direction };
  }

  return {
    items,
    state,
    error,
    scan,
    people,
    filter,
    kind,
    lastOpenedId,
    filtered,
    genres,
    audioLanguages,
    subtitleLanguages,
    originalLanguages,
    years,
    hasHdr,
    activeFilters,
    personName,
    countText,
    hasMovies,
    hasSeries,
    refresh,
    ensureLoaded,
    startLiveUpdates,
    stopLiveUpdates,
    update,
    setKind,
    clearFilters,
  };
});
