import * as tf from '@tensorflow/tfjs-core';
import { uploadPackedWebGl } from './kernels/packed-upload-webgl.js';

/**
 * A tensor of host `values` (a batch): on WebGL a float32 matrix is written now straight into
 * the packed texture the Dense product reads (tfjs would upload it as it lies and run a packing
 * program before the first product); elsewhere it is `tf.tensor(values)`, which may keep
 * `values` itself, so they must not change until the tensor is disposed.
 * @example
 * const batch = uploadTensor(rows, [32, 784], 'float32');
 */
export function uploadTensor(
  values: Float32Array | Int32Array,
  shape: readonly number[],
  dtype: 'float32' | 'int32',
): tf.Tensor {
  if (tf.getBackend() === 'webgl' && dtype === 'float32' && shape.length === 2) {
    const [rows, columns] = shape as [number, number];
    const backend = tf.backend();
    const info = uploadPackedWebGl(backend, values as Float32Array, rows, columns);
    if (info) return tf.engine().makeTensorFromTensorInfo(info, backend);
  }
  return tf.tensor(values, [...shape], dtype);
}
