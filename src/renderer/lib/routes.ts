// Route locations built in more than one place. Pure (no router instance), so it is unit-tested.
import type { RouteLocationRaw } from 'vue-router';

/** The player for one file of an item, from `startSeconds` in (whole seconds; 0 or less starts at the beginning). */
export function playRoute(fileId: string, itemId: string, startSeconds = 0): RouteLocationRaw {
  const start = Math.floor(startSeconds);
  return {
    name: 'play',
    params: { fileId },
    query: start > 0 ? { item: itemId, start: String(start) } : { item: itemId },
  };
}
