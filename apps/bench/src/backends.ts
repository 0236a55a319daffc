import * as dd from 'dendrite';

/** The backends the bench can run on. */
export type BenchBackend = 'cpu' | 'wasm' | 'native' | 'webgpu';

export const BACKENDS: readonly BenchBackend[] = ['cpu', 'wasm', 'native'];

/** Also accepted by `--backends`, never run by default: WebGPU through the `webgpu` package. */
export const OPTIONAL_BACKENDS: readonly BenchBackend[] = ['webgpu'];

/** Makes `backend` the active tfjs backend (for Dendrite and tfjs-layers alike). */
export async function activateBackend(backend: BenchBackend): Promise<void> {
  if (backend === 'native') {
    // Imported only when asked for: its addon loads with it.
    const native = await import('@dendrite/backend-native');
    // OPENBLAS_NUM_THREADS pins the native products as it pins NumPy's (the load-robust comparison).
    const pinned = Number(process.env.OPENBLAS_NUM_THREADS);
    native.registerNativeBackend(Number.isInteger(pinned) && pinned > 0 ? { threads: pinned } : {});
    await dd.tf.setBackend(native.nativeBackendName);
  } else {
    await dd.useBackend(backend, { log: false });
  }
  await dd.tf.ready();
}
