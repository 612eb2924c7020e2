// Where the media centre keeps its data (database, caches, the demo library) and finds its built UI.
import { homedir, platform } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MEDIA_CENTRE_DATA) return resolve(env.MEDIA_CENTRE_DATA);
  const home = homedir();
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'media-centre');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'media-centre');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'media-centre');
  }
}

/** The built renderer sits beside the built main entries (out/main/*.js, or a shared chunk in out/main/chunks) → out/renderer. */
export function rendererDir(from: string = __dirname): string {
  const candidates = [resolve(from, '..', 'renderer'), resolve(from, '..', '..', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? (candidates[0] as string);
}
