import { defineConfig } from 'vitest/config';

// Two projects so that the e2e files' global setup (one demo library for the whole run) runs only when
// e2e files do: vitest calls a project's global setup only when that project has tests queued.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit+integration', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/e2e/global-setup.ts'] } },
    ],
  },
});
