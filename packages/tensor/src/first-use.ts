// Registers tfjs' cpu backend and its kernels: the one backend that starts synchronously
// everywhere, so a first op can run without an `await`.
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

/** The notice printed when the first tensor op starts a backend because none was chosen. */
export const firstUseNotice =
  "Dendrite backend: cpu (no backend chosen before the first op; `await useBackend('auto')` first picks a faster one)";

/**
 * Makes a tensor op with no backend chosen start tfjs' cpu backend with {@link firstUseNotice}
 * instead of tfjs' "No backend found in registry". An explicit choice (`useBackend`,
 * `tf.setBackend`) is never announced here. Idempotent; leaves a running cpu backend alone.
 */
export function installFirstUseBackend(log: (line: string) => void = console.info): void {
  // The engine's registry, not `tf.findBackend`, which would start the backend to answer.
  if ('cpu' in (tf.engine() as unknown as { registry: object }).registry) return;
  if (tf.findBackendFactory('cpu') !== null) tf.removeBackend('cpu');
  tf.registerBackend(
    'cpu',
    () => {
      const backend = new MathBackendCPU();
      // tfjs-core names the backend before creating it when it is asked for by name; only the
      // engine's own "highest-priority backend on first use" path leaves the name unset.
      if ((tf.engine() as { backendName?: string | null }).backendName == null) {
        log(firstUseNotice);
        // The notice replaces the cpu backend's own "install tfjs-node" banner.
        (backend as unknown as { firstUse: boolean }).firstUse = false;
      }
      return backend;
    },
    1,
  );
}
