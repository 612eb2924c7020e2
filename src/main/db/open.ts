// Opens the catalogue database: WAL, foreign keys, migrations, and the right native build of better-sqlite3.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations, type AddedColumn, type Migration } from './migrations';
import { explainLoadError, nativeOptions } from './native-binding';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, ...nativeOptions() });
  } catch (e) {
    throw explainLoadError(e);
  }
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode never corrupts on a crash; it may lose the last commits on power loss only.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -8000');
  db.pragma('temp_store = MEMORY');
  if (!opts.readonly) migrate(db, migrations);
  return db;
}

function addColumnOnce(db: Db, c: AddedColumn): void {
  const have = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(c.table);
  if (have.some((col) => col.name === c.column)) return;
  // Names and definitions come from migrations.ts, never from input.
  db.exec(`ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${c.definition}`);
  if (c.backfill) db.exec(c.backfill);
}

export function migrate(db: Db, list: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(`This database was made by a newer version (schema ${current}; this build knows ${latest}).`);
  }
  let applied = 0;
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      for (const c of m.columns ?? []) addColumnOnce(db, c);
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
}
