// Brings a stored settings section written by an older version up to today's schema before it is validated,
// so a family's choices survive a rename instead of falling back to defaults. Pure: text in, data out.
/**
 * Row ids of the first settings schema that the catalogue never built. None has a row of its own today, so
 * they are dropped; the rows the family ordered keep their order, and completeHomeRows adds the new ones.
 */
const RETIRED_HOME_ROWS = new Set(['latest-series', 'favourites', 'recently-released']);
const RENAMED_DENSITIES: Record<string, string> = { spacious: 'large' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function upgradeHome(home: Record<string, unknown>): Record<string, unknown> {
  const next = { ...home };
  if (typeof next.density === 'string' && next.density in RENAMED_DENSITIES) next.density = RENAMED_DENSITIES[next.density];
  if (Array.isArray(next.rows)) {
    next.rows = next.rows.filter((row: unknown) => !(isRecord(row) && typeof row.id === 'string' && RETIRED_HOME_ROWS.has(row.id)));
  }
  return next;
}

/** The section as today's schema names things; `changed` says whether it should be written back. */
export function upgradeStoredSection(section: string, raw: Record<string, unknown>): { value: Record<string, unknown>; changed: boolean } {
  const value = section === 'home' ? upgradeHome(raw) : raw;
  return { value, changed: JSON.stringify(value) !== JSON.stringify(raw) };
}

