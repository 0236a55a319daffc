import * as tf from '@dendrite/tensor';
import { isTypedArray, type NumericTypedArray } from './samples.js';

/** Integer class labels: a number array, a typed array, or a tensor of shape `[n]` or `[n, 1]`. */
export type LabelInput = readonly number[] | NumericTypedArray | tf.Tensor;

function readLabels(labels: LabelInput): ArrayLike<unknown> {
  if (labels instanceof tf.Tensor) {
    const ok = labels.rank === 1 || (labels.rank === 2 && labels.shape[1] === 1);
    if (!ok) {
      throw new tf.ShapeError(
        tf.configMessage('oneHot', 'labels', 'a tensor of shape [n] or [n, 1]', labels),
      );
    }
    return labels.dataSync();
  }
  if (Array.isArray(labels) || isTypedArray(labels)) return labels;
  throw new tf.ConfigError(
    tf.configMessage('oneHot', 'labels', 'a number array, a typed array or a tensor', labels),
  );
}

function badLabel(index: number, value: unknown, expected: string): tf.ValueError {
  return new tf.ValueError(
    `oneHot: \`labels\` must hold ${expected}; received ${tf.describeValue(value)} at index ${index}`,
  );
}

/**
 * Encodes integer class labels as one-hot rows, like Keras' `to_categorical`.
 *
 * @param labels - Class indices in `[0, numClasses)`.
 * @param numClasses - The number of classes. @defaultValue the largest label + 1
 * @returns A float32 tensor of shape `[n, numClasses]` the caller owns.
 * @throws ValueError naming the first label that is not an integer in range.
 * @example
 * oneHot([0, 2, 1]);            // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
 * oneHot(new Uint8Array([3]), 5); // [[0, 0, 0, 1, 0]]
 */
export function oneHot(labels: LabelInput, numClasses?: number): tf.Tensor2D {
  if (numClasses !== undefined) {
    tf.checkNumber('oneHot', 'numClasses', numClasses, { integer: true, min: 1 });
  }
  const values = readLabels(labels);
  const n = values.length;
  const limit = numClasses ?? Number.POSITIVE_INFINITY;
  const expected =
    numClasses === undefined ? 'non-negative integers' : `integers in [0, ${numClasses})`;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= limit) {
      throw badLabel(i, value, expected);
    }
    if (value > max) max = value;
  }
  if (numClasses === undefined && n === 0) {
    throw new tf.ValueError(
      'oneHot: cannot infer `numClasses` from empty `labels`; pass `numClasses`',
    );
  }
  const depth = numClasses ?? max + 1;
  const out = new Float32Array(n * depth);
  for (let i = 0; i < n; i++) out[i * depth + (values[i] as number)] = 1;
  return tf.tensor2d(out, [n, depth], 'float32');
}

/** Alias of {@link oneHot}, under Keras' name. @example toCategorical([1, 0]) */
export const toCategorical = oneHot;
