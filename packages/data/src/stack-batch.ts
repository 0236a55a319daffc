import * as tf from '@dendrite/tensor';
import { isPlainObject, isTypedArray, type NumericTypedArray } from './samples.js';

/** What one batch looks like for elements of type `T`: every leaf becomes a tensor. */
export type Batched<T> = T extends tf.Tensor | number | NumericTypedArray | readonly number[]
  ? tf.Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Batched<T[K]> }
    : T extends object
      ? { -readonly [K in keyof T]: Batched<T[K]> }
      : never;

/** A leaf is batched into one tensor: a tensor, a number, a typed array or a flat number array. */
function isLeaf(value: unknown): boolean {
  if (value instanceof tf.Tensor || typeof value === 'number' || isTypedArray(value)) return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number');
}

function stackLeaves(items: readonly unknown[], path: string): tf.Tensor {
  const first = items[0];
  if (first instanceof tf.Tensor) {
    const shape = first.shape.join(',');
    const bad = items.findIndex((t) => !(t instanceof tf.Tensor) || t.shape.join(',') !== shape);
    if (bad >= 0) {
      throw new tf.ShapeError(
        `Dataset.batch: elements at ${path} must be tensors of one shape [${first.shape.join(', ')}]; element ${bad} is ${tf.describeValue(items[bad])}`,
      );
    }
    return tf.stack(items as tf.Tensor[]);
  }
  if (typeof first === 'number') {
    return tf.tensor1d(items as number[], 'float32');
  }
  const rows = items.map((item) => (isTypedArray(item) ? Array.from(item) : item));
  try {
    return tf.tensor(rows as number[][], undefined, 'float32');
  } catch (error) {
    throw new tf.ShapeError(
      `Dataset.batch: number arrays at ${path} must share one shape; ${(error as Error).message}`,
    );
  }
}

function stackTree(items: readonly unknown[], path: string): unknown {
  const first = items[0];
  if (isLeaf(first)) return stackLeaves(items, path);
  if (Array.isArray(first)) {
    return first.map((_, i) =>
      stackTree(
        items.map((item) => (item as unknown[])[i]),
        `${path}[${i}]`,
      ),
    );
  }
  if (isPlainObject(first)) {
    return Object.fromEntries(
      Object.keys(first).map((key) => [
        key,
        stackTree(
          items.map((item) => (item as Record<string, unknown>)[key]),
          `${path}.${key}`,
        ),
      ]),
    );
  }
  throw new tf.ValueError(
    `Dataset.batch: cannot batch ${tf.describeValue(first)} at ${path}; elements must be tensors, numbers, number arrays, or arrays / objects of them`,
  );
}

/**
 * Stacks elements of one structure into a batch: tensors with `tf.stack`, numbers, typed arrays
 * and flat number arrays into float32 tensors; any other array is a tuple and plain objects a
 * record, batched position by position / key by key (so `[[1, 2], 0]` gives `[[b, 2], [b]]`).
 */
export function stackBatch<T>(elements: readonly T[]): Batched<T> {
  return tf.tidy(() => stackTree(elements, 'element') as tf.TensorContainer) as Batched<T>;
}
