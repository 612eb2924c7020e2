// The cues of the chosen text subtitle: its WebVTT fetched once per URL and read into cues, and the
// ones showing at the playhead. A track that fails to load says so instead of showing nothing.
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { activeCues, parseWebVtt, type Cue } from './webvtt';

export function useSubtitleCues(url: Ref<string | null>, position: Ref<number>) {
  const cues = shallowRef<Cue[]>([]);
  const error = ref<string | null>(null);
  const loaded = ref(false);
  let controller: AbortController | null = null;

  watch(
    url,
    async (next) => {
      controller?.abort();
      cues.value = [];
      error.value = null;
      loaded.value = false;
      if (!next) return;
      const mine = new AbortController();
      controller = mine;
      try {
        const response = await fetch(next, { credentials: 'same-origin', signal: mine.signal });
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const text = await response.text();
        if (mine.signal.aborted) return;
        cues.value = parseWebVtt(text);
        loaded.value = true;
      } catch (cause) {
        if (mine.signal.aborted) return;
        error.value = `These subtitles could not be loaded (${cause instanceof Error ? cause.message : 'unknown error'}).`;
      }
    },
    { immediate: true },
  );

  const showing = computed(() => activeCues(cues.value, position.value));

  function stop(): void {
    controller?.abort();
  }

  return { cues, showing, error, loaded, stop };
}
