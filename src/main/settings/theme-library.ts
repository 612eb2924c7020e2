// The themes a family can pick: the five built in, and users' own JSON files in <data dir>/themes/,
// watched so a new or changed file shows (and applies) at once. A broken file is listed with its error
// and never breaks the app.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { themeFile, themeId, type ThemeEntry, type ThemeFile } from '../../shared/theme';
import { contrastIssues } from '../../shared/contrast';
import { BUILT_IN_THEMES } from './builtin-themes';

const MAX_THEME_BYTES = 64 * 1024;

function builtIns(): ThemeEntry[] {
  return BUILT_IN_THEMES.map(({ id, file }) => {
    // A broken built-in is a bug of ours: fail at start, loudly (the unit tests catch it first).
    const tokens = themeFile.parse(file);
    return { id, name: tokens.name, builtIn: true, valid: true, error: null, tokens, contrast: contrastIssues(tokens) };
  });
}

/** Reads one user theme file into an entry; every problem becomes its `error`, naming the file and the field. */
export function readUserTheme(path: string, builtInIds: ReadonlySet<string>): ThemeEntry {
  const file = basename(path);
  const id = file.replace(/\.json$/i, '');
  const broken = (error: string): ThemeEntry => ({ id, name: id, builtIn: false, valid: false, error: `${file}: ${error}`, tokens: null, contrast: [] });
  const idCheck = themeId.safeParse(id);
  if (!idCheck.success) return broken(`the file name must be a theme id: lower-case letters, digits and hyphens, then .json`);
  if (builtInIds.has(id)) return broken(`"${id}" is the id of a built-in theme: rename the file`);
  let text: string;
  try {
    if (statSync(path).size > MAX_THEME_BYTES) return broken(`the file is over ${MAX_THEME_BYTES / 1024} KB`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return broken(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return broken(`not valid JSON (${(e as Error).message})`);
  }
  const parsed = themeFile.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(the whole file)'}: ${i.message}`);
    return { ...broken(where.join('; ')), name: typeof (raw as { name?: unknown })?.name === 'string' ? String((raw as { name: string }).name) : id };
  }
  const tokens = parsed.data;
  return { id, name: tokens.name, builtIn: false, valid: true, error: null, tokens, contrast: contrastIssues(tokens) };
}

export class ThemeLibrary {
  readonly dir: string;
  private readonly builtIn = builtIns();
  private readonly builtInIds = new Set(this.builtIn.map((t) => t.id));
  private user = new Map<string, ThemeEntry>();
  private watcher: FSWatcher | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(dataDir: string, private readonly log: (m: string) => void = () => {}) {
    this.dir = join(dataDir, 'themes');
    this.reloadAll();
  }

  /** Built-ins first, in their order, then users' themes by name. */
  list(): ThemeEntry[] {
    const users = [...this.user.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return [...this.builtIn, ...users];
  }

  /** The tokens of a theme that can be applied, or null. */
  tokens(id: string): ThemeFile | null {
    const entry = this.builtIn.find((t) => t.id === id) ?? this.user.get(id);
    return entry?.valid ? entry.tokens : null;
  }

  exists(id: string): boolean {
    return this.builtInIds.has(id) || this.user.has(id);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watches the folder; resolves once the watcher is ready, so a file written after it is seen. */
  async start(): Promise<void> {
    if (this.watcher) return;
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (e) {
      this.log(`themes: cannot make ${this.dir}: ${(e as Error).message}`);
      return;
    }
    const watcher = watch(this.dir, {
      depth: 0,
      ignoreInitial: true,
      // An editor saving a file writes it in pieces: read it once it has settled.
      awaitWriteFinish: { stabilityThreshold: 120, pollInterval: 40 },
    });
    this.watcher = watcher;
    const changed = (path: string): void => {
      if (!path.toLowerCase().endsWith('.json')) return;
      this.reloadAll();
      for (const l of this.listeners) l();
    };
    watcher.on('add', changed).on('change', changed).on('unlink', changed);
    watcher.on('error', (e) => this.log(`themes: watching ${this.dir} failed: ${(e as Error).message}`));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = null;
  }

  private reloadAll(): void {
    const next = new Map<string, ThemeEntry>();
    let names: string[] = [];
    try {
      names = readdirSync(this.dir).filter((n) => n.toLowerCase().endsWith('.json'));
    } catch {
      // No folder yet: no user themes.
    }
    for (const name of names) {
      const entry = readUserTheme(join(this.dir, name), this.builtInIds);
      next.set(entry.id, entry);
    }
    this.user = next;
  }
}
