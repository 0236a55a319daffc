import * as tf from '@dendrite/tensor';
import { boolValues, floatValues } from './tensor-data.js';

/**
 * A float32 tensor's values the cpu backend stores in another array type (its `cast` of int32 to
 * float32 keeps the Int32Array), copied into a Float32Array.
 */
function castValues(backend: tf.KernelBackend, info: tf.TensorInfo): Float32Array | undefined {
  if (info.dtype !== 'float32') return undefined;
  const values = backend.readSync(info.dataId);
  return values instanceof Int32Array || values instanceof Uint8Array
    ? Float32Array.from(values)
    : undefined;
}

/**
 * The values of input `name` of kernel `owner`, which must be a `dtype` tensor of `shape`
 * (`-1` matches any size); a `ShapeError` naming the input, what it received and what was
 * expected otherwise. For kernels that have no cpu fallback to explain bad inputs.
 */
export function inputValues<D extends 'float32' | 'bool'>(
  backend: tf.KernelBackend,
  owner: string,
  name: string,
  info: tf.TensorInfo | undefined,
  dtype: D,
  shape: readonly number[],
): D extends 'float32' ? Float32Array : Uint8Array {
  const fits =
    info !== undefined &&
    info.shape.length === shape.length &&
    shape.every((size, axis) => size === -1 || info.shape[axis] === size);
  const values = !fits
    ? undefined
    : dtype === 'float32'
      ? (floatValues(backend, info) ?? castValues(backend, info))
      : boolValues(backend, info);
  if (values === undefined) {
    const wanted = `a ${dtype} tensor of shape [${shape.map((s) => (s === -1 ? 'any' : s)).join(', ')}]`;
    const received = info === undefined ? 'nothing' : `${info.dtype} [${info.shape.join(', ')}]`;
    throw new tf.ShapeError(`${owner}: \`${name}\` must be ${wanted}; received ${received}`);
  }
  return values as D extends 'float32' ? Float32Array : Uint8Array;
}
