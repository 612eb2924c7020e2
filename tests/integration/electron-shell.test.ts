import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../helpers/built';
import { appRoot, explainLoadError, nativeBindingPath } from '../../src/main/db/native-binding';

const require = createRequire(__filename);

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

describe('each runtime loads its own build of better-sqlite3, kept apart from node_modules', () => {
  it('plain Node uses the normal build when no build for its ABI was made', () => {
    expect(nativeBindingPath({ ...process.versions, modules: '115' }, '/app', () => false)).toBeUndefined();
  });

  it('another Node loads the build made for its ABI from build/node-native', () => {
    const made = join('/app', 'build', 'node-native', 'node-137', 'better_sqlite3.node');
    expect(nativeBindingPath({ ...process.versions, modules: '137' }, '/app', (p) => p === made)).toBe(made);
    expect(nativeBindingPath({ ...process.versions, modules: '127' }, '/app', (p) => p === made)).toBeUndefined();
  });

  it('Electron loads its own build from build/electron-native, by ABI', () => {
    const versions = { ...process.versions, electron: '45.4.1', modules: '140' } as NodeJS.ProcessVersions;
    expect(nativeBindingPath(versions, '/app')).toBe(join('/app', 'build', 'electron-native', 'electron-140', 'better_sqlite3.node'));
  });

  it('finds the package folder from its own files, wherever the command was started', () => {
    expect(appRoot({}, join(projectRoot, 'out', 'main', 'chunks'))).toBe(projectRoot);
    expect(appRoot({ MEDIA_CENTRE_APP_ROOT: '/opt/app' })).toBe('/opt/app');
  });

  it('says how to fix a build made for another Node instead of the bare ABI message', () => {
    const abi = new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137.');
    expect(explainLoadError(abi).message).toMatch(/npm rebuild better-sqlite3/);
    const other = new Error('disk I/O error');
    expect(explainLoadError(other)).toBe(other);
  });
});

describe.skipIf(!binary)('desktop window (skipped: the Electron binary is not installed on this machine)', () => {
  it('opens a sandboxed window on the media server with the desktop bridge and no Node', async () => {
    expect(existsSync(join(projectRoot, 'build', 'electron-native')), 'run `npm start` once: it builds better-sqlite3 for Electron').toBe(true);
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: binary as string, args: [projectRoot], env: { ...process.env, MEDIA_CENTRE_APP_ROOT: projectRoot } });
    try {
      const page = await app.firstWindow();
      await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\//, { timeout: 60_000 });
      expect(await page.evaluate(() => typeof (globalThis as unknown as { desktop?: unknown }).desktop)).toBe('object');
      expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
