// The home page's rows: which exist, their default order and visibility, and how densely a row
// shows its posters. This is the one list: the settings schema stores its `home` section with these
// ids and densities, the server builds the rows in that order and the renderer sizes the cards by
// density. Pure: no Node, no DOM.

/** Every kind of row the home page can show. `genres` and `collections` expand to one row each. */
export const HOME_ROW_KINDS = [
  'continue-watching',
  'next-up',
  'latest-movies',
  'latest-episodes',
  'recently-added',
  'genres',
  'collections',
] as const;
export type HomeRowKind = (typeof HOME_ROW_KINDS)[number];

/** One row as the settings store it (`home.rows`): which kind, and whether home shows it. */
export interface HomeRowSetting {
  id: HomeRowKind;
  visible: boolean;
}

/** The order a fresh install shows, every row visible. */
export const DEFAULT_HOME_ROWS: readonly HomeRowSetting[] = HOME_ROW_KINDS.map((id) => ({ id, visible: true }));

export const HOME_ROW_TITLES: Record<Exclude<HomeRowKind, 'genres' | 'collections'>, string> = {
  'continue-watching': 'Continue watching',
  'next-up': 'Next up',
  'latest-movies': 'Latest movies',
  'latest-episodes': 'Latest episodes',
  'recently-added': 'Recently added',
};

/** What the Settings screen calls each kind: `genres` and `collections` stand for a group of rows. */
export const HOME_ROW_LABELS: Record<HomeRowKind, string> = {
  ...HOME_ROW_TITLES,
  genres: 'Genres (a row each)',
  collections: 'Collections (a row each)',
};

export const ROW_DENSITIES = ['compact', 'comfortable', 'large'] as const;
export type RowDensity = (typeof ROW_DENSITIES)[number];
export const DEFAULT_ROW_DENSITY: RowDensity = 'comfortable';
export const ROW_DENSITY_LABELS: Record<RowDensity, string> = { compact: 'Compact', comfortable: 'Comfortable', large: 'Large' };

/** The width of a poster card at each density, in rem: a row shows as many as fit. */
export const POSTER_REM: Record<RowDensity, number> = { compact: 8.5, comfortable: 11, large: 14.5 };

export function isRowDensity(value: unknown): value is RowDensity {
  return typeof value === 'string' && (ROW_DENSITIES as readonly string[]).includes(value);
}

/** A genre row needs this many titles to be worth a row of its own. */
export const GENRE_ROW_MIN_TITLES = 3;
/** At most this many genre rows, the most common genres first. */
export const GENRE_ROWS_MAX = 6;
/** Cards per row: enough to scroll, few enough that the home page answers at once at 20,000 titles. */
export const HOME_ROW_LIMIT = 24;

/**
 * The rows to build, in order: settings may list some kinds, hide some, and omit kinds added in a
 * later version (those keep their default place at the end), so an old settings file never hides a new row.
 */
export function resolveHomeRows(saved: readonly HomeRowSetting[] | undefined): HomeRowKind[] {
  const seen = new Set<HomeRowKind>();
  const order: HomeRowKind[] = [];
  for (const row of saved ?? []) {
    if (!(HOME_ROW_KINDS as readonly string[]).includes(row.id) || seen.has(row.id)) continue;
    seen.add(row.id);
    if (row.visible) order.push(row.id);
  }
  for (const kind of HOME_ROW_KINDS) if (!seen.has(kind)) order.push(kind);
  return order;
}
