// Opens a catalogue file as the tests inspect it: the plain better-sqlite3 handle (no migrations, no
// pragmas), loading the native build for the Node running the suite (CI runs it under two).
import Database from 'better-sqlite3';
import { nativeOptions } from '../../src/main/db/native-binding';

export function rawDatabase(file: string, opts: { readonly?: boolean } = {}): Database.Database {
  return new Database(file, { ...opts, ...nativeOptions() });
}
