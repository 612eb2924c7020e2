// A test hook: end-to-end tests cannot put a NAS to sleep, so a server started with the environment
// variable MEDIA_CENTRE_TEST_SLOW_SHARE_MS answers its root checks that much later, the way a waking
// share does. Only the environment of the server process turns it on: no request, setting or query
// string can reach it, and without the variable the real stat is used untouched.
import { stat } from 'node:fs/promises';

export const SLOW_SHARE_ENV = 'MEDIA_CENTRE_TEST_SLOW_SHARE_MS';

/** The slow root check, when the test variable asks for one (1 ms to 60 s); else undefined. */
export function slowShareForTests(env: NodeJS.ProcessEnv = process.env): ((path: string) => Promise<{ isDirectory(): boolean }>) | undefined {
  const raw = env[SLOW_SHARE_ENV];
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1 || ms > 60_000) return undefined;
  return async (path) => {
    await new Promise((resolveLater) => setTimeout(resolveLater, ms));
    return stat(path);
  };
}
