// What the end-to-end tests stand on: the real `media-centre serve --demo` on a fresh data
// directory, and Debian's Chromium driven by playwright-core. `npm test` builds `out/` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CLI_PATH, READY_TIMEOUT_MS, REPO_ROOT } from './paths';

export { CLI_PATH, READY_TIMEOUT_MS, REPO_ROOT };
export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

const READY_LINE = /^Media centre ready at (http:\/\/127\.0\.0\.1:\d+\/)\?token=(\S+)$/;
const EXIT_TIMEOUT_MS = 10_000;

export interface RunningServer {
  /** The URL printed by the server, with its one-time token. */
  url: string;
  origin: string;
  /** Everything the server wrote, for failure messages. */
  output(): string;
  /** SIGTERM, then wait for the exit; throws if the server does not go. */
  stop(): Promise<void>;
}

/**
 * Starts the built CLI as a child process and resolves once it prints its ready line.
 * MEDIA_CENTRE_E2E_CLI points the suite at another entry (another build of the same CLI).
 * With `dataDir` the server uses that folder and leaves it in place when stopped (a restart test starts
 * a second server on it); otherwise it gets a fresh one that stop() removes.
 */
export async function startServer(options: { dataDir?: string } = {}): Promise<RunningServer & { dataDir: string }> {
  const cli = CLI_PATH;
  if (!existsSync(cli)) {
    throw new Error(`${cli} does not exist: build first (npm test runs electron-vite build before vitest).`);
  }
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'media-centre-e2e-')));
  // The run's demo library (tests/e2e/global-setup.ts), unless this folder has one already (a restart).
  const shared = inject('e2eDemoLibrary');
  if (shared && !existsSync(join(dataDir, 'demo'))) await cp(shared, join(dataDir, 'demo'), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--demo', '--data', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let log = '';
  const output = () => log;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? -1 : null)));
  });

  const ready = new Promise<{ url: string; origin: string }>((resolveReady, rejectReady) => {
    let pending = '';
    const timer = setTimeout(() => {
      rejectReady(
        new Error(`The server did not print its ready line within ${READY_TIMEOUT_MS / 1000} s.\n${log.slice(-4000) || '(it printed nothing)'}`),
      );
    }, READY_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      log += chunk;
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = READY_LINE.exec(line.trim());
        if (match?.[1]) {
          clearTimeout(timer);
          resolveReady({ url: line.trim().slice('Media centre ready at '.length), origin: match[1].replace(/\/$/, '') });
        }
      }
    });
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rejectReady(new Error(`The server exited (code ${code}) before it was ready.\n${log.slice(-4000)}`));
    });
  });

  let started: { url: string; origin: string };
  try {
    started = await ready;
  } catch (error) {
    child.kill('SIGKILL');
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    ...started,
    dataDir,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'timeout'>((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), EXIT_TIMEOUT_MS)),
      ]);
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        throw new Error(`The server was still running ${EXIT_TIMEOUT_MS / 1000} s after SIGTERM.`);
      }
    },
  };
}

/** Headless Chromium with a fresh profile. Missing Chromium fails the suite: CI installs it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}. The end-to-end tests need it: install Debian's "chromium" package.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * Waits (a few seconds at most) until the pictures on screen have arrived. Only those in the viewport:
 * a lazy image below the fold never starts loading, so waiting for every image on the page ran each
 * screenshot into the timeout.
 */
export async function picturesOnScreen(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => {
        const w = globalThis as unknown as TestWindow & { innerWidth: number; innerHeight: number };
        const images = Array.from(w.document.querySelectorAll('img')) as (TestImage & { getBoundingClientRect(): { top: number; left: number; bottom: number; right: number; width: number } })[];
        return images.every((image) => {
          const r = image.getBoundingClientRect();
          const onScreen = r.width > 0 && r.bottom > 0 && r.right > 0 && r.top < w.innerHeight && r.left < w.innerWidth;
          return !onScreen || image.complete;
        });
      },
      undefined,
      { timeout: 5_000, polling: 100 },
    )
    .catch(() => undefined);
}

/** Saves test-results/<name>.png once the pictures on screen have arrived. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await picturesOnScreen(page);
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

// The browser objects the tests read inside page functions, typed by hand: this folder
// compiles without the DOM library.
export interface TestVideo {
  currentTime: number;
  videoWidth: number;
  paused: boolean;
  muted: boolean;
  currentSrc: string;
  readyState: number;
  error: { code: number; message: string } | null;
  dataset: Record<string, string | undefined>;
}

export interface TestImage {
  complete: boolean;
  naturalWidth: number;
  currentSrc: string;
}

export interface TestDocument {
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): ArrayLike<unknown>;
  activeElement: unknown;
}

export interface TestWindow {
  document: TestDocument;
  fetch(url: string, init?: { credentials: 'same-origin' }): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
}

/** Where a test collects what the page threw and what its CSP refused; each suite asserts both stay empty. */
export interface PageWatch {
  pageErrors: string[];
  cspViolations?: string[];
}

export function watchPage(page: Page, watch: PageWatch): void {
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  const csp = watch.cspViolations;
  if (csp) {
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) csp.push(message.text());
    });
  }
}

export interface DemoSession {
  browser: Browser;
  server: RunningServer & { dataDir: string };
  context: BrowserContext;
  page: Page;
  /** Closes the page's context and the browser, then stops the server; safe to call after a failed start. */
  close(): Promise<void>;
}

/**
 * Chromium and `serve --demo` side by side, with one page already signed in: the printed URL sets the
 * session cookie, so the page's own fetches reach the API.
 */
export async function openDemo(options: { viewport: { width: number; height: number }; watch: PageWatch; dataDir?: string }): Promise<DemoSession> {
  const browser = await launchBrowser();
  let server: (RunningServer & { dataDir: string }) | undefined;
  try {
    server = await startServer(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
    const context = await browser.newContext({ viewport: options.viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watchPage(page, options.watch);
    await page.goto(server.url);
    const running = server;
    return {
      browser,
      server: running,
      context,
      page,
      async close() {
        await context.close().catch(() => undefined);
        await browser.close().catch(() => undefined);
        await running.stop();
      },
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    throw error;
  }
}

/** A JSON request made by the page itself (so its session cookie signs it in); an answer that is not 2xx throws with its body. */
export async function pageApi<T>(page: Page, path: string, init?: { method: string; body?: unknown }): Promise<T> {
  return page.evaluate(
    async ({ url, request }) => {
      const w = globalThis as unknown as {
        fetch(u: string, i: Record<string, unknown>): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
      };
      const response = await w.fetch(url, {
        credentials: 'same-origin',
        ...(request
          ? { method: request.method, ...(request.body !== undefined ? { body: JSON.stringify(request.body), headers: { 'Content-Type': 'application/json' } } : {}) }
          : {}),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : null) as unknown;
    },
    { url: path, request: init ?? null },
  ) as Promise<T>;
}
