import * as tf from '@dendrite/tensor';

/** What the `dendrite` Node entry needs from `@dendrite/backend-native`. */
interface NativePackage {
  readonly nativeBackendCandidate?: tf.BackendCandidate;
}

const nativeModule = '@dendrite/backend-native';

/**
 * Offers Dendrite's OpenBLAS backend to `useBackend` as `'native'` (priority 20: after WebGPU on
 * a real GPU, before wasm). The package is imported only when the candidate is tried, so a
 * missing or unbuilt addon becomes a skip reason, never an import error.
 */
export function registerNodeBackends(): void {
  tf.registerBackendCandidate({
    name: 'native',
    tfName: 'dendrite-native',
    module: nativeModule,
    auto: true,
    priority: 20,
    ...(process.platform === 'linux'
      ? { hint: `apt-get install libopenblas-dev g++, then npm install ${nativeModule}` }
      : {}),
    load: async () => {
      const native = (await tf.importOptional(nativeModule)) as NativePackage;
      if (native.nativeBackendCandidate === undefined) {
        throw new tf.BackendError(`${nativeModule} exports no \`nativeBackendCandidate\``);
      }
      await native.nativeBackendCandidate.load();
    },
  });
}
