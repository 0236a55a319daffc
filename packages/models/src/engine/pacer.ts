import * as tf from '@dendrite/tensor';

/** Work done between two yields to the event loop, in milliseconds. */
export const YIELD_EVERY_MS = 50;

/** A clock in milliseconds: `performance.now()` where there is one. */
export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Whether the page is showing, so `requestAnimationFrame` will fire (it pauses in hidden tabs). */
function pageVisible(): boolean {
  const doc = (globalThis as { document?: { visibilityState?: string } }).document;
  return doc !== undefined && doc.visibilityState !== 'hidden';
}

function isGpu(backend: string): boolean {
  return backend === 'webgl' || backend === 'webgpu';
}

/**
 * One macrotask turn of the event loop: timers, I/O and signal handlers run before it resolves.
 * Node: `setImmediate`. A browser with GPU work queued: the next animation frame, so the page
 * paints and the queued WebGL/WebGPU commands flush; with a `setTimeout` fallback should the
 * frame never come. Elsewhere: `setTimeout(0)`.
 */
export function nextMacrotask(backend: string = tf.getBackend()): Promise<void> {
  const g = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
    requestAnimationFrame?: (callback: () => void) => unknown;
  };
  if (typeof g.setImmediate === 'function') {
    const immediate = g.setImmediate;
    return new Promise((resolve) => {
      immediate(resolve);
    });
  }
  const gpu = isGpu(backend);
  const frame = g.requestAnimationFrame;
  return new Promise((resolve) => {
    if (gpu && typeof frame === 'function' && pageVisible()) {
      const timer = setTimeout(resolve, 100);
      frame(() => {
        clearTimeout(timer);
        resolve();
      });
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/**
 * Lets the event loop breathe during long synchronous-looking work (`fit`, `evaluate`,
 * `predict`): `tick()` costs a clock read, and yields a macrotask only once
 * {@link YIELD_EVERY_MS} of work has passed since the last yield, so a server's timers and a
 * SIGINT handler keep running while the per-batch cost stays negligible.
 */
export class Pacer {
  private last = now();

  /** Yields when the budget is spent; otherwise returns without awaiting anything. */
  tick(): Promise<void> | undefined {
    if (now() - this.last < YIELD_EVERY_MS) return undefined;
    return nextMacrotask().then(() => {
      this.last = now();
    });
  }
}
