import type { HeapBackend } from './host-arrays.js';

/** Each compiled module's exports per wasm heap it was linked to; `null` where it cannot link. */
const linked = new WeakMap<object, Map<string, WebAssembly.Exports | null>>();

/**
 * The exports of a Dendrite wasm module (`base64`, compiled from a `.wat` here) instantiated on
 * the wasm backend's own memory, so that its functions read and write tensors in place; `null`
 * when the backend does not expose its memory or the module cannot link (no SIMD support; a
 * shared, threaded heap). Instantiated once per memory and module.
 */
export function heapModule(backend: HeapBackend, base64: string): WebAssembly.Exports | null {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  let modules = linked.get(memory);
  if (modules === undefined) {
    modules = new Map();
    linked.set(memory, modules);
  }
  let exports = modules.get(base64);
  if (exports !== undefined) return exports;
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  } catch {
    exports = null;
  }
  modules.set(base64, exports);
  return exports;
}
