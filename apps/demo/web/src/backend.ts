import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as dd from 'dendrite';

/** The backends the page offers; `auto` is WebGL, then wasm, then cpu (WebGPU only by name). */
export const BACKEND_CHOICES = ['auto', 'webgl', 'webgpu', 'wasm', 'cpu'] as const;

/** One of {@link BACKEND_CHOICES}. */
export type BackendChoiceName = (typeof BACKEND_CHOICES)[number];

/** What the page shows about the running backend. */
export interface StartedBackend {
  /** The tfjs backend name now active, e.g. `webgl`. */
  readonly name: string;
  /** Whether this is the fast path the page was asked for (false when it fell back). */
  readonly preferred: boolean;
  /** One line: what runs and why others were skipped. */
  readonly message: string;
}

/** Reads `?backend=` from the address; anything unknown means `auto`. */
export function requestedBackend(search: string): BackendChoiceName {
  const value = new URLSearchParams(search).get('backend');
  return (BACKEND_CHOICES as readonly string[]).includes(value ?? '')
    ? (value as BackendChoiceName)
    : 'auto';
}

/**
 * Starts `choice` through `dd.useBackend`. The wasm binaries are served by Vite (`?url`), so
 * `setWasmPaths` points the wasm backend at them before anything can load it. A named backend
 * that fails is reported and the page falls back to `auto`, saying so.
 * @example const { name } = await startBackend('auto');
 */
export async function startBackend(choice: BackendChoiceName): Promise<StartedBackend> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  const log = false as const;
  try {
    const started = await dd.useBackend(choice, { log });
    const preferred = choice === 'auto' ? started.tfName === 'webgl' : true;
    return { name: dd.tf.getBackend(), preferred, message: started.message };
  } catch (error) {
    if (choice === 'auto') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const fallback = await dd.useBackend('auto', { log });
    return {
      name: dd.tf.getBackend(),
      preferred: false,
      message: `${reason}; using ${fallback.message.replace('Dendrite backend: ', '')}`,
    };
  }
}
