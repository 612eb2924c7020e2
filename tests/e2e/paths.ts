// Where the e2e suite finds what it runs, shared by the harness (in the test workers) and the global setup
// (in vitest's main process, which must not load the harness's playwright and vitest runtime imports).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** The built CLI the servers run; MEDIA_CENTRE_E2E_CLI points the suite at another build of it. */
export const CLI_PATH = process.env.MEDIA_CENTRE_E2E_CLI ?? join(REPO_ROOT, 'out/main/cli.js');

/** Demo generation included. MEDIA_CENTRE_E2E_READY_SECONDS stretches it on a slow machine. */
export const READY_TIMEOUT_MS = (Number(process.env.MEDIA_CENTRE_E2E_READY_SECONDS) || 240) * 1000;
