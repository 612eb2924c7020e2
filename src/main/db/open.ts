// Opens the catalogue database: WAL, foreign keys, migrations, and the right native build of better-sqlite3.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * Electron has its own ABI, so the desktop app loads a better-sqlite3 build made for it
 * (by `npm start` / `npm run dist`) from its own folder; plain Node (tests, `serve`) uses the
 * normal build in node_modules. Returns undefined for the normal build.
 */
export function nativeBindingPath(
  versions: NodeJS.ProcessVersions = process.versions,
  appRoot: string = process.env.MEDIA_CENTRE_APP_ROOT ?? process.cwd(),
): string | undefined {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron;
  if (!electron) return undefined;
  return join(appRoot, 'build', 'electron-native', `electron-${versions.modules}`, 'better_sqlite3.node');
}

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const binding = nativeBindingPath();
  if (binding && !existsSync(binding)) {
    throw new Error(
      `The SQLite module for this Electron (ABI ${process.versions.modules}) is missing at ${binding}. Run \`npm start\` on a machine with network access to build it.`,
    );
  }
  const db = new Database(file, { readonly: opts.readonly ?? false, ...(binding ? { nativeBinding: binding } : {}) });
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode never corrupts on a crash; it may lose the last commits on power loss only.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
  if (!opts.readonly) migrate(db, migrations);
  return db;
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
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied++;
  }
  return applied;
}
