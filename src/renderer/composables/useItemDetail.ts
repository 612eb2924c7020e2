// Loads one item's details for a page, again whenever the id changes, and drops answers that
// arrive for an id the page has already left. useItemPage adds what the movie and series pages
// share on top of it.
import { computed, onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { ItemDetail } from '../../shared/api';
import { getItem } from '../api/client';
import { goBack } from '../lib/remote-keys';
import { useDocumentTitle } from './useDocumentTitle';

export function useItemDetail(id: Ref<string | null>) {
  const item = shallowRef<ItemDetail | null>(null);
  const error = shallowRef<unknown>(null);
  const loading = ref(false);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    controller?.abort();
    const current = id.value;
    if (!current) return;
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    try {
      const detail = await getItem(current, mine.signal);
      if (mine.signal.aborted) return;
      item.value = detail;
    } catch (cause) {
      if (mine.signal.aborted) return;
      item.value = null;
      error.value = cause;
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(id, () => void load(), { immediate: true });
  onBeforeUnmount(() => controller?.abort());

  return { item, error, loading, reload: load };
}

/**
 * A movie or series page: the item of the route's :id, the window title, and a redirect to
 * the other page when the id turns out to be the other kind (the same page type for every id).
 */
export function useItemPage(expected: 'movie' | 'series') {
  const route = useRoute();
  const router = useRouter();
  const id = computed(() => (typeof route.params.id === 'string' ? route.params.id : null));
  const detail = useItemDetail(id);
  useDocumentTitle(() => detail.item.value?.title);

  const other = expected === 'movie' ? 'series' : 'movie';
  watch(detail.item, async (item) => {
    if (item && item.kind === other) await router.replace({ name: other, params: { id: item.id } });
  });

  return { ...detail, back: () => goBack(router) };
}
