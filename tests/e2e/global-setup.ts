// The e2e files share one demo library. Made by each server in its own fresh data folder, it was encoded
// again for every file (a dozen ffmpeg runs each time, two files at once on two cores); made once here
// with the built CLI, each server gets a copy in its data folder (startServer), which `serve --demo`
// takes as its own because the copy's marker has the recipe's version. A copy, not a link: a test may
// write beside the films (a fixed match, artwork), and no file may see another's changes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CLI_PATH, READY_TIMEOUT_MS } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo library made for this run, to copy into each server's data folder; '' when there is none. */
    e2eDemoLibrary: string;
  }
}

function makeDemo(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, 'demo', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`media-centre demo ended with ${signal ?? `code ${code}`}:\n${log.slice(-4000)}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} does not exist: build first (npm test runs electron-vite build before vitest).`);
  }
  const root = await mkdtemp(join(tmpdir(), 'media-centre-e2e-demo-'));
  const library = join(root, 'demo');
  try {
    await makeDemo(library);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  project.provide('e2eDemoLibrary', library);
  return () => rm(root, { recursive: true, force: true });
}
