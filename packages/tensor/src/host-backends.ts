/**
 * Backends whose tensors live in host memory, where reading a value back (`dataSync`) is a copy
 * at most, never a device sync: tfjs' `cpu` and `wasm`, and any a package registers (the native
 * backend does). Not tfjs-node's `tensorflow`, which may run on a GPU.
 */
const hostBackends = new Set<string>(['cpu', 'wasm']);

/** Declares that `backendName` keeps its tensors in host memory (see {@link isHostBackend}). */
export function registerHostBackend(backendName: string): void {
  hostBackends.add(backendName);
}

/**
 * Whether reading a tensor of `backendName` back costs no device sync, so code that would
 * otherwise keep a running value on the device (a metric's total) may keep it on the host.
 */
export function isHostBackend(backendName: string): boolean {
  return hostBackends.has(backendName);
}
