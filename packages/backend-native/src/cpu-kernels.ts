import { createRequire } from 'node:module';
import * as tf from '@dendrite/tensor';

const cpuModule = '@tensorflow/tfjs-backend-cpu';

/**
 * Makes sure tfjs's cpu backend and its kernels are registered, importing it when needed: from
 * this package if it declares the dependency, else through `@dendrite/tensor`, which always does.
 * Both resolve to the one tfjs-core the engine lives on.
 */
export function ensureCpuBackend(): void {
  if (tf.findBackendFactory('cpu') !== null) return;
  const require = createRequire(import.meta.url);
  const places = [
    () => require,
    () => createRequire(require.resolve('@dendrite/tensor/package.json')),
  ];
  let lastError: unknown;
  for (const place of places) {
    try {
      place()(cpuModule);
      if (tf.findBackendFactory('cpu') !== null) return;
    } catch (error) {
      lastError = error;
    }
  }
  throw new tf.BackendError(
    `registerNativeBackend: the cpu backend (${cpuModule}) it builds on could not be loaded: ${
      lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)
    }`,
  );
}

/** A fresh cpu backend instance (tfjs's `MathBackendCPU`) with its own tensor storage. */
export function createCpuBackend(): tf.KernelBackend {
  const factory = tf.findBackendFactory('cpu');
  if (factory === null) {
    throw new tf.BackendError('registerNativeBackend: the cpu backend is not registered');
  }
  const backend = factory() as tf.KernelBackend & { firstUse?: boolean };
  // MathBackendCPU prints a "install tfjs-node to speed things up" banner on its first write;
  // this backend is that speed-up, so the banner is switched off.
  backend.firstUse = false;
  return backend;
}

/** The cpu backend's implementation of `kernelName`; throws if the cpu backend lacks it. */
export function cpuKernel(kernelName: string): tf.KernelFunc {
  const config = tf.getKernel(kernelName, 'cpu');
  if (config === undefined) {
    throw new tf.BackendError(`dendrite-native: the cpu backend has no '${kernelName}' kernel`);
  }
  return config.kernelFunc;
}
