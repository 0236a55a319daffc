import * as dd from 'dendrite';

/** The backends the bench can run on. */
export type BenchBackend = 'cpu' | 'wasm' | 'native' | 'webgpu';

export const BACKENDS: readonly BenchBackend[] = ['cpu', 'wasm', 'native'];

/** Also accepted by `--backends`, never run by default: WebGPU through the `webgpu` package. */
export const OPTIONAL_BACKENDS: readonly BenchBackend[] = ['webgpu'];

interface NativeModule {
  registerNativeBackend(options?: { threads?: number }): void;
  readonly nativeBackendName: string;
}

// The bench's package.json does not (yet) list @dendrite/backend-native, so inside the workspace
// it is loaded from its source folder; the `try` keeps the package-name path for when it does.
async function loadNative(): Promise<NativeModule> {
  const byName = '@dendrite/backend-native';
  try {
    return (await import(/* @vite-ignore */ byName)) as NativeModule;
  } catch {
    const inRepo = new URL('../../../packages/backend-native/src/index.ts', import.meta.url);
    return (await import(/* @vite-ignore */ inRepo.href)) as NativeModule;
  }
}

/** Makes `backend` the active tfjs backend (for Dendrite and tfjs-layers alike). */
export async function activateBackend(backend: BenchBackend): Promise<void> {
  if (backend === 'native') {
    const native = await loadNative();
    // OPENBLAS_NUM_THREADS pins the native products as it pins NumPy's (the load-robust comparison).
    const pinned = Number(process.env.OPENBLAS_NUM_THREADS);
    native.registerNativeBackend(Number.isInteger(pinned) && pinned > 0 ? { threads: pinned } : {});
    await dd.tf.setBackend(native.nativeBackendName);
  } else {
    await dd.useBackend(backend, { log: false });
  }
  await dd.tf.ready();
}
