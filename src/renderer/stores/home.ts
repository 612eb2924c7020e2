// The home page's data: the slideshow and rows from GET /api/v1/home, kept between visits so
// Back lands on a page that is already there (and at the same place), refreshed in the
// background on each visit and when the library changes. It must not touch the DOM.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { HomeResponse } from '../../shared/api';
import { getHome } from '../api/client';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export const useHomeStore = defineStore('home', () => {
  const page = shallowRef<HomeResponse | null>(null);
  const state = ref<LoadState>('idle');
  const error = shallowRef<unknown>(null);
  /** Each row's sideways scroll, and the card last opened, so Back restores both. */
  const rowScroll = new Map<string, number>();
  const lastFocused = ref<{ rowId: string; itemId: string } | null>(null);

  let inFlight: Promise<void> | null = null;

  function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      if (!page.value) state.value = 'loading';
      try {
        page.value = await getHome();
        error.value = null;
        state.value = 'ready';
      } catch (cause) {
        error.value = cause;
        state.value = page.value ? 'ready' : 'error';
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  /** Asks again after a change (the settings' rows): a request already on its way may predate it. */
  function refreshAfterChange(): Promise<void> {
    return inFlight ? inFlight.then(() => refresh()) : refresh();
  }

  return { page, state, error, rowScroll, lastFocused, refresh, refreshAfterChange };
});
