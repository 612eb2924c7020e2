// A picture that gives way to its fallback (initials, the title set in type, a colour) when it
// fails to load, and gets another try when its URL changes.
import { computed, ref, watch } from 'vue';

export function useImage(url: () => string | null) {
  const failed = ref(false);
  watch(url, () => {
    failed.value = false;
  });
  /** The URL to show, or null for the fallback (no picture, or it failed). */
  const src = computed(() => (failed.value ? null : url()));
  function onError(): void {
    failed.value = true;
  }
  return { src, onError };
}
