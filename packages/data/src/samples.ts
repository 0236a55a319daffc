import * as tf from '@dendrite/tensor';

/** A typed array of numbers (`Float32Array`, `Uint8Array`, ...). */
export type NumericTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;

/**
 * Something with samples along its first axis: a plain array (one item per sample), a typed
 * array (one number per sample) or a tensor of rank >= 1.
 */
export type Samples = tf.Tensor | readonly unknown[] | NumericTypedArray;

/** True for a typed array of numbers (not a `DataView`). */
export function isTypedArray(value: unknown): value is NumericTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** True for a value {@link sampleCount} accepts. */
export function isSamples(value: unknown): value is Samples {
  return value instanceof tf.Tensor || Array.isArray(value) || isTypedArray(value);
}

/** The number of samples (length of the first axis); throws for a scalar tensor. */
export function sampleCount(owner: string, argument: string, value: Samples): number {
  if (value instanceof tf.Tensor) {
    if (value.rank === 0) {
      throw new tf.ShapeError(
        tf.configMessage(owner, argument, 'an array or a tensor of rank >= 1', value),
      );
    }
    return value.shape[0] as number;
  }
  return value.length;
}

/**
 * The samples at `indices`, in that order, in the kind of `value` (a new array, typed array
 * of the same type, or a new tensor the caller owns).
 */
export function takeSamples<T extends Samples>(value: T, indices: ArrayLike<number>): T {
  if (value instanceof tf.Tensor) {
    const tensor = value;
    return tf.tidy(() => tf.gather(tensor, tf.tensor1d(Array.from(indices), 'int32'))) as T;
  }
  if (Array.isArray(value)) {
    return Array.from(indices, (i) => value[i]) as unknown as T;
  }
  const typed = value as NumericTypedArray;
  const Constructor = typed.constructor as new (length: number) => NumericTypedArray;
  const out = new Constructor(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = typed[indices[i] as number] as number;
  return out as T;
}

/** Checks that every item of `arrays` is {@link Samples} and all have one length; returns it. */
export function commonSampleCount(owner: string, arrays: readonly unknown[]): number {
  if (arrays.length === 0) {
    throw new tf.ConfigError(`${owner}: at least one array is required; received none`);
  }
  const lengths = arrays.map((array, i) => {
    if (!isSamples(array)) {
      throw new tf.ConfigError(
        tf.configMessage(owner, `arrays[${i}]`, 'an array, a typed array or a tensor', array),
      );
    }
    return sampleCount(owner, `arrays[${i}]`, array);
  });
  if (lengths.some((length) => length !== lengths[0])) {
    throw new tf.ShapeError(
      `${owner}: all arrays must have the same number of samples; received lengths [${lengths.join(', ')}]`,
    );
  }
  return lengths[0] as number;
}

/** True for a plain options object (not an array, typed array or tensor). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
