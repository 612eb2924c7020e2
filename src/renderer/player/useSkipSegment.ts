// The Skip intro / Skip recap offer of the player: which segment is playing (from the play session's
// segments and the position in the player store), skipping it (on request, on Enter, or by itself when
// `playback.skipIntroAutomatically` is on) and marking an intro by hand. It never touches the element:
// the view seeks where `seek` is called with.
import { computed, ref, watch } from 'vue';
import type { MediaSegment } from '../../shared/api';
import { markSegment } from '../api/segments';
import { usePlayerStore } from '../stores/player';
import { useSettingsStore } from '../stores/settings';
import { skippableAt, skipTarget, SKIP_LABELS } from './skip-segments';

export function useSkipSegment(seek: (seconds: number) => void) {
  const player = usePlayerStore();
  const settings = useSettingsStore();
  void settings.load();

  /** What the user marked in this session, until the next play session brings the server's list. */
  const marked = ref<MediaSegment[] | null>(null);
  watch(
    () => player.session?.sessionId,
    () => {
      marked.value = null;
      autoSkipped.clear();
      markStart.value = null;
    },
  );
  const segments = computed<MediaSegment[]>(() => marked.value ?? player.session?.segments ?? []);
  const active = computed(() => skippableAt(segments.value, player.position));
  const label = computed(() => (active.value ? SKIP_LABELS[active.value.kind] : ''));

  function skip(): void {
    const s = active.value;
    if (s) seek(skipTarget(s, player.duration));
  }

  // Skipping by itself happens once per segment and session: a user who seeks back into the intro wants it.
  const autoSkipped = new Set<string>();
  watch(active, (s) => {
    if (!s || !settings.settings?.playback.skipIntroAutomatically || player.status !== 'playing') return;
    const key = `${s.kind}:${s.startSeconds}`;
    if (autoSkipped.has(key)) return;
    autoSkipped.add(key);
    skip();
  });

  const markStart = ref<number | null>(null);
  const markError = ref<string | null>(null);
  const canMark = computed(() => player.itemId !== null && player.session !== null);

  /** First press: the intro starts here; second press: it ends here, and the mark is saved. */
  async function markHere(): Promise<void> {
    const id = player.itemId;
    if (!id) return;
    const now = Math.round(player.position * 10) / 10;
    markError.value = null;
    if (markStart.value === null || now - markStart.value < 1) {
      markStart.value = now;
      return;
    }
    const start = markStart.value;
    markStart.value = null;
    try {
      marked.value = (await markSegment(id, 'intro', { startSeconds: start, endSeconds: now })).segments;
    } catch (cause) {
      markError.value = cause instanceof Error ? cause.message : 'The intro could not be saved.';
    }
  }

  function cancelMark(): void {
    markStart.value = null;
  }

  return { segments, active, label, skip, markStart, markError, canMark, markHere, cancelMark };
}
