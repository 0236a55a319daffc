import type * as tf from '@dendrite/tensor';

/** The float32 values of a cpu-backend tensor, without copying; `undefined` for other dtypes. */
export function floatValues(
  backend: tf.KernelBackend,
  info: tf.TensorInfo,
): Float32Array | undefined {
  if (info.dtype !== 'float32') return undefined;
  const values = backend.readSync(info.dataId);
  return values instanceof Float32Array ? values : undefined;
}

/** Hands `values` to the backend as a new tensor; the backend keeps the array itself. */
export function output(
  backend: tf.KernelBackend,
  shape: number[],
  values: Float32Array,
): tf.TensorInfo {
  return { dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' };
}
