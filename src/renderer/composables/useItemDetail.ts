// Loads one item's details for a page, again whenever the id changes, and drops answers that
// arrive for an id the page has already left.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { ItemDetail } from '../../shared/api';
import { getItem } from '../api/client';

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
