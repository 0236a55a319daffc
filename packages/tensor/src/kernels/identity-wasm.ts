import * as tf from '@tensorflow/tfjs-core';

/**
 * `Identity` on the wasm backend sharing its input's memory (one more reference) instead of
 * tfjs's copy, as tfjs's cpu backend and the wasm backend's own `Reshape` do. Tensors are
 * immutable, so the two need no separate memory; under a gradient tape every saved tensor goes
 * through `Identity`, so a Dense layer's training step no longer copies its input and kernel.
 */
const sharedIdentity: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as tf.KernelBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Puts {@link sharedIdentity} in place of the wasm backend's `Identity` once that backend has
 * registered its kernels (never before, so its own registration cannot warn about ours).
 * Returns whether the shared `Identity` is in place.
 */
export function shareWasmIdentity(): boolean {
  const current = tf.getKernel(tf.Identity, 'wasm');
  if (current === undefined) return false;
  if (current.kernelFunc !== sharedIdentity) {
    tf.unregisterKernel(tf.Identity, 'wasm');
    tf.registerKernel({ kernelName: tf.Identity, backendName: 'wasm', kernelFunc: sharedIdentity });
  }
  return true;
}
