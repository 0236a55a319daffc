import * as tf from '@tensorflow/tfjs-core';

/** Registers `kernelFunc` as `kernelName` for `backendName` unless one is registered already. */
export function registerIfAbsent(
  kernelName: string,
  backendName: string,
  kernelFunc: tf.KernelFunc,
): void {
  if (tf.getKernel(kernelName, backendName) === undefined) {
    tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
}

/**
 * Runs `backendName`'s own `kernelName` directly, from inside another kernel: no engine
 * dispatch, tape or tracking; the caller owns (and frees) what it returns. Throws naming both
 * when the backend has no such kernel.
 */
export function runDirectly(
  kernelName: string,
  backendName: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: object,
  backend: unknown,
): tf.TensorInfo | tf.TensorInfo[] {
  const kernel = tf.getKernel(kernelName, backendName);
  if (kernel === undefined) {
    throw new Error(`Dendrite: the ${backendName} backend has no ${kernelName} kernel`);
  }
  return kernel.kernelFunc({
    inputs,
    attrs: attrs as tf.NamedAttrMap,
    backend: backend as tf.KernelBackend,
  });
}
