// Reads and writes of the settings table: one JSON document per section (key = the section's name). Knows nothing of what a
// section holds; src/main/settings validates it.
import type { Db } from './open';
import { nowIso } from './ids';

export class SettingsQueries {
  constructor(private readonly db: Db) {}

  /** Every stored section, still as text. */
  all(): Map<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  /** Writes the given sections in one transaction, so a PUT lands whole or not at all. */
  save(sections: Record<string, string>): void {
    const put = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const at = nowIso();
    this.db.transaction(() => {
      for (const [section, value] of Object.entries(sections)) put.run(section, value, at);
    })();
  }
}
