import * as tf from '@dendrite/tensor';
import { squeezeOrExpand } from './metric.js';

const toFloat = (x: tf.Tensor) => (x.dtype === 'float32' ? x : tf.cast(x, 'float32'));

/** Options of {@link binaryAccuracy}. */
export interface BinaryAccuracyOptions {
  /** Predictions strictly above it count as 1. @defaultValue 0.5 */
  readonly threshold?: number;
}

/**
 * Per-sample binary accuracy: `mean(yTrue == (yPred > threshold), -1)`; for rank-1 inputs, one
 * value per element.
 * @example binaryAccuracy(tf.tensor2d([[1], [0]]), tf.tensor2d([[0.7], [0.6]])) // [1, 0]
 */
export function binaryAccuracy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: BinaryAccuracyOptions = {},
): tf.Tensor {
  const threshold = tf.checkNumber('binaryAccuracy', 'threshold', options.threshold ?? 0.5);
  return tf.tidy(() => {
    const [t, p] = squeezeOrExpand(toFloat(yTrue), toFloat(yPred));
    const predicted = tf.cast(tf.greater(p, threshold), 'float32');
    const correct = tf.cast(tf.equal(t, predicted), 'float32');
    // Rank-1 inputs are one prediction per sample (Keras 3 returns them elementwise).
    return correct.rank <= 1 ? correct : tf.mean(correct, -1);
  });
}

/**
 * Per-sample categorical accuracy: whether `argmax(yTrue)` equals `argmax(yPred)` (first maximum
 * wins ties).
 * @example categoricalAccuracy(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.3, 0.7]])) // [1]
 */
export function categoricalAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32'));
}

/**
 * The number of rows whose `argmax(yTrue)` equals `argmax(softmax(logits))` (first maximum wins
 * ties), as one fused kernel: the sum of {@link categoricalAccuracy} over the softmax
 * probabilities. `undefined` where the backend has no such kernel or the inputs are not float32
 * `[rows, classes]` of one shape.
 * @example categoricalHitsFromLogits(tf.tensor2d([[0, 1]]), tf.tensor2d([[-1, 2]])) // 1
 */
export function categoricalHitsFromLogits(
  yTrue: tf.Tensor,
  logits: tf.Tensor,
): tf.Scalar | undefined {
  const fits =
    logits.rank === 2 &&
    logits.dtype === 'float32' &&
    yTrue.dtype === 'float32' &&
    tf.util.arraysEqual(yTrue.shape, logits.shape);
  if (!fits || !tf.hasDendriteKernel(tf.DendriteSoftmaxAccuracy)) return undefined;
  return tf.engine().runKernel(tf.DendriteSoftmaxAccuracy, { logits, labels: yTrue }) as tf.Scalar;
}

/** `yTrue` of shape `yPred.shape[:-1]` or that plus a trailing 1, as float class indices. */
function sparseLabels(owner: string, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const batchShape = yPred.shape.slice(0, -1);
  const key = yTrue.shape.join(',');
  if (key !== batchShape.join(',') && key !== [...batchShape, 1].join(',')) {
    throw new tf.ShapeError(
      `${owner}: \`yTrue\` must have shape [${batchShape.join(', ')}] or [${[...batchShape, 1].join(', ')}] for yPred [${yPred.shape.join(', ')}]; received yTrue [${yTrue.shape.join(', ')}]`,
    );
  }
  return toFloat(tf.reshape(yTrue, batchShape));
}

/**
 * Per-sample sparse categorical accuracy: whether the integer label equals `argmax(yPred)`.
 * @example sparseCategoricalAccuracy(tf.tensor1d([1, 0]), tf.tensor2d([[0.3, 0.7], [0.4, 0.6]])) // [1, 0]
 */
export function sparseCategoricalAccuracy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const labels = sparseLabels('sparseCategoricalAccuracy', yTrue, yPred);
    return tf.cast(tf.equal(labels, tf.cast(tf.argMax(yPred, -1), 'float32')), 'float32');
  });
}

/** Options of {@link topKCategoricalAccuracy} and {@link sparseTopKCategoricalAccuracy}. */
export interface TopKOptions {
  /** How many of the highest predictions count as a hit. @defaultValue 5 */
  readonly k?: number;
}

/**
 * Whether the score of `label` is among the `k` largest: fewer than `k` scores are strictly
 * greater (ties at the boundary count as hits, like TF's `in_top_k`). A label outside the class
 * range is a miss. Computed on the device, without `topk` or a data read.
 */
function inTopK(scores: tf.Tensor, labels: tf.Tensor, k: number): tf.Tensor {
  const numClasses = scores.shape[scores.rank - 1] as number;
  const oneHot = tf.cast(tf.oneHot(tf.cast(labels, 'int32'), numClasses), 'float32');
  const target = tf.sum(tf.mul(scores, oneHot), -1, true);
  const greater = tf.sum(tf.cast(tf.greater(scores, target), 'float32'), -1);
  const valid = tf.greater(tf.sum(oneHot, -1), 0);
  return tf.cast(tf.logicalAnd(tf.less(greater, k), valid), 'float32');
}

/** A per-sample top-k accuracy: `(yTrue, yPred, {k}) => hits`. */
export type TopKAccuracy = (yTrue: tf.Tensor, yPred: tf.Tensor, options?: TopKOptions) => tf.Tensor;

/** Checks `k` (a positive integer, 5 by default) for `owner`, then scores `labels()` per row. */
function topKAccuracy(
  owner: string,
  yPred: tf.Tensor,
  options: TopKOptions,
  labels: () => tf.Tensor,
): tf.Tensor {
  const k = tf.checkNumber(owner, 'k', options.k ?? 5, { min: 1, integer: true });
  return tf.tidy(() => inTopK(toFloat(yPred), labels(), k));
}

/**
 * Per-sample top-k accuracy for one-hot labels: whether `argmax(yTrue)` is among the `k` highest
 * predictions.
 * @example topKCategoricalAccuracy(tf.tensor2d([[0, 0, 1]]), tf.tensor2d([[0.5, 0.3, 0.2]]), { k: 2 }) // [0]
 */
export const topKCategoricalAccuracy: TopKAccuracy = (yTrue, yPred, options = {}) =>
  topKAccuracy('topKCategoricalAccuracy', yPred, options, () => tf.argMax(yTrue, -1));

/**
 * Per-sample top-k accuracy for integer labels of shape `[batch]` or `[batch, 1]`.
 * @example sparseTopKCategoricalAccuracy(tf.tensor1d([1]), tf.tensor2d([[0.5, 0.3, 0.2]]), { k: 2 }) // [1]
 */
export const sparseTopKCategoricalAccuracy: TopKAccuracy = (yTrue, yPred, options = {}) =>
  topKAccuracy('sparseTopKCategoricalAccuracy', yPred, options, () =>
    sparseLabels('sparseTopKCategoricalAccuracy', yTrue, yPred),
  );
