// The built app (out/) that the CLI and browser tests run: `npm test` builds it first.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..', '..');
export const cliPath = join(projectRoot, 'out', 'main', 'cli.js');
/** The installed command (package.json `bin`), which users run as `npx media-centre`. */
export const binPath = join(projectRoot, 'bin', 'media-centre.js');

export function requireBuilt(): string {
  if (!existsSync(cliPath)) throw new Error('out/main/cli.js is missing: run `npm run build` (npm test does it first).');
  return cliPath;
}
