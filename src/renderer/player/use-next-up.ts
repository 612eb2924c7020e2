// What comes after the file that plays: the next part of a stacked title, or the next episode of
// the series (its summary loaded once per episode), and whether the card shows at this second.
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import type { ItemDetail } from '../../shared/api';
import { getItem } from '../api/client';
import { episodeCode } from '../lib/format';
import { cardStartsAt, nextEpisodeOf, nextPartOf, type NextEpisode } from './next-up';

export function useNextUp(item: Ref<ItemDetail | null>, fileId: Ref<string>, position: Ref<number>, duration: Ref<number>, credits: Ref<number | null>) {
  const next = shallowRef<NextEpisode | null>(null);
  /** The series of an episode, for the system's now-playing card. */
  const seriesTitle = ref<string | null>(null);
  /** The viewer said Cancel: no card, no auto-play, for this file. */
  const dismissed = ref(false);

  watch(
    () => [item.value?.id, item.value?.seriesId] as const,
    async ([id, seriesId]) => {
      next.value = null;
      seriesTitle.value = null;
      if (!id || !seriesId) return;
      try {
        const series = await getItem(seriesId);
        if (item.value?.id !== id) return;
        next.value = nextEpisodeOf(series, id);
        seriesTitle.value = series.title;
      } catch {
        // No series, no card: the episode simply ends.
      }
    },
    { immediate: true },
  );

  watch(fileId, () => {
    dismissed.value = false;
  });

  const nextPart = computed(() => (item.value ? nextPartOf(item.value.files, fileId.value) : null));
  const startsAt = computed(() => cardStartsAt(duration.value, credits.value));
  const showCard = computed(() => next.value !== null && nextPart.value === null && !dismissed.value && duration.value > 0 && position.value >= startsAt.value);
  const code = computed(() => {
    const episode = next.value?.episode;
    return episode ? episodeCode(episode.season ?? next.value?.seasonNumber ?? null, episode.episode, episode.episodeEnd) : null;
  });

  return { next, nextPart, showCard, dismissed, code, startsAt, seriesTitle };
}
