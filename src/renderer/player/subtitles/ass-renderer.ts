// libass (JASSUB) over the video: the script is fetched here, so a bad answer is a clear error, then
// handed to JASSUB's worker, which parses and rasterises it off the main thread. The worker, its wasm
// and the fallback font are our own bundled assets (the page's CSP allows only 'self'). JASSUB follows
// the element itself (currentTime, seeks, rate, a new source on the same element), so the script stays
// on the file's timeline across seeks and new sessions.
import JASSUB from 'jassub';
import workerAsset from 'jassub/dist/jassub-worker.js?url';
import wasmAsset from 'jassub/dist/jassub-worker.wasm?url';
import modernWasmAsset from 'jassub/dist/jassub-worker-modern.wasm?url';
import fontAsset from 'jassub/dist/default.woff2?url';
import { looksLikeAss } from './ass-track';

/** How long the worker and its wasm get to come up before the player falls back to plain text. */
const START_BOUND_MS = 20_000;

export interface AssRenderer {
  destroy(): void;
}

export class AssRendererError extends Error {}

function absolute(asset: string): string {
  return new URL(asset, document.baseURI).href;
}

async function fetchScript(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw new AssRendererError(`the server answered ${response.status}`);
  const text = await response.text();
  if (!looksLikeAss(text)) throw new AssRendererError('the track is not an ASS/SSA script');
  return text;
}

/**
 * Starts libass on `canvas` over `video` with the script at `url`; resolves once the worker has loaded
 * it, rejects (having cleaned up) when it cannot: no worker or wasm, a bad script, an abort.
 */
export async function startAssRenderer(video: HTMLVideoElement, canvas: HTMLCanvasElement, url: string, signal: AbortSignal): Promise<AssRenderer> {
  if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined') throw new AssRendererError('this browser has no WebAssembly workers');
  const content = await fetchScript(url, signal);
  if (signal.aborted) throw new AssRendererError('stopped');
  const instance = new JASSUB({
    video,
    canvas,
    subContent: content,
    workerUrl: absolute(workerAsset),
    wasmUrl: absolute(wasmAsset),
    modernWasmUrl: absolute(modernWasmAsset),
    // Only the bundled font: the renderer works offline and never asks for the system's font list.
    availableFonts: { 'liberation sans': absolute(fontAsset) },
    fallbackFont: 'liberation sans',
    useLocalFonts: false,
  });
  const destroy = (): void => {
    try {
      instance.destroy();
    } catch {
      // Already torn down by its own error.
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AssRendererError('the renderer did not start in time')), START_BOUND_MS);
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        done();
        reject(new AssRendererError('stopped'));
      };
      signal.addEventListener('abort', onAbort);
      instance.addEventListener('ready', () => {
        done();
        resolve();
      }, { once: true });
      instance.addEventListener('error', (event) => {
        done();
        const message = event instanceof ErrorEvent ? event.message || String(event.error ?? '') : '';
        reject(new AssRendererError(message ? `the renderer failed: ${message}` : 'the renderer failed'));
      }, { once: true });
    });
  } catch (cause) {
    destroy();
    throw cause;
  }
  return { destroy };
}
