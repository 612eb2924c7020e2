// Chromaprint fingerprints of mono 16-bit PCM, from the WASM build in @unimusic/chromaprint. That build is
// made for the web: in Node it would look for `window` and fetch its .wasm over HTTP. So we shim `window`
// for the moment the module initialises, hand it the .wasm bytes ourselves (`wasmBinary`) and call the C
// API on its heap directly: chromaprint_new/start/feed/finish/get_raw_fingerprint.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Chromaprint's own numbers for its default algorithm (TEST2): 11025 Hz input, a 4096-sample frame every 4096/3. */
export const FINGERPRINT_SAMPLE_RATE = 11025;
export const SECONDS_PER_ITEM = 4096 / 3 / FINGERPRINT_SAMPLE_RATE;
const ALGORITHM_DEFAULT = 1;

interface ChromaprintModule {
  HEAP16: Int16Array;
  HEAP32: Int32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _chromaprint_new(algorithm: number): number;
  _chromaprint_free(ctx: number): void;
  _chromaprint_start(ctx: number, sampleRate: number, channels: number): number;
  _chromaprint_feed(ctx: number, data: number, size: number): number;
  _chromaprint_finish(ctx: number): number;
  _chromaprint_get_raw_fingerprint(ctx: number, fingerprint: number, size: number): number;
}

type ModuleFactory = (options: { wasmBinary: Uint8Array; print?: (s: string) => void; printErr?: (s: string) => void }) => Promise<ChromaprintModule>;

let loading: Promise<ChromaprintModule> | null = null;

function packageDir(): string {
  // Resolved at run time (not bundled): the .wasm must sit beside its loader.
  const req = createRequire(__filename);
  return join(dirname(req.resolve('@unimusic/chromaprint/package.json')), 'dist');
}

async function loadModule(): Promise<ChromaprintModule> {
  const dir = packageDir();
  const wasmBinary = readFileSync(join(dir, 'chromaprint.wasm'));
  // A variable specifier keeps the bundler from rewriting this ESM import into a require().
  const url = pathToFileURL(join(dir, 'chromaprint.js')).href;
  const mod = (await import(/* @vite-ignore */ url)) as { default: ModuleFactory };
  const g = globalThis as { window?: unknown };
  const hadWindow = 'window' in g;
  if (!hadWindow) g.window = globalThis;
  try {
    return await mod.default({ wasmBinary, print: () => {}, printErr: () => {} });
  } finally {
    if (!hadWindow) delete g.window;
  }
}

/** The module, initialised once per process (about 10 ms). */
export function chromaprint(): Promise<ChromaprintModule> {
  loading ??= loadModule().catch((e: unknown) => {
    loading = null;
    throw new Error(`Chromaprint could not be loaded: ${(e as Error).message}`);
  });
  return loading;
}

const CHUNK = 1 << 16;

/**
 * The raw fingerprint of mono PCM at FINGERPRINT_SAMPLE_RATE: one 32-bit code per SECONDS_PER_ITEM.
 * Too little audio (under about three seconds) gives an empty fingerprint, not an error.
 */
export async function fingerprintPcm(pcm: Int16Array): Promise<Uint32Array> {
  const m = await chromaprint();
  const ctx = m._chromaprint_new(ALGORITHM_DEFAULT);
  if (!ctx) throw new Error('Chromaprint could not make a context');
  const buf = m._malloc(CHUNK * 2);
  const out = m._malloc(8);
  try {
    if (!m._chromaprint_start(ctx, FINGERPRINT_SAMPLE_RATE, 1)) throw new Error('chromaprint_start failed');
    for (let off = 0; off < pcm.length; off += CHUNK) {
      const part = pcm.subarray(off, Math.min(pcm.length, off + CHUNK));
      // The heap may have grown (and its views been replaced) during the previous call.
      m.HEAP16.set(part, buf >> 1);
      if (!m._chromaprint_feed(ctx, buf, part.length)) throw new Error('chromaprint_feed failed');
    }
    if (!m._chromaprint_finish(ctx)) throw new Error('chromaprint_finish failed');
    if (!m._chromaprint_get_raw_fingerprint(ctx, out, out + 4)) return new Uint32Array(0);
    const ptr = m.HEAP32[out >> 2] ?? 0;
    const size = m.HEAP32[(out + 4) >> 2] ?? 0;
    if (!ptr) return new Uint32Array(0);
    const codes = Uint32Array.from(new Uint32Array(m.HEAP32.buffer, ptr, size));
    m._free(ptr);
    return codes;
  } finally {
    m._free(out);
    m._free(buf);
    m._chromaprint_free(ctx);
  }
}
