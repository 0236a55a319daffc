import * as tf from '@dendrite/tensor';
import { squeezeOrExpand } from './metric.js';

/** Keras' stand-in for minus infinity: predictions outside the top `k` are set to it. */
export const NEG_INF = -1e10;

/** Options of {@link confusionCounts}, Keras' `update_confusion_matrix_variables` arguments. */
export interface ConfusionOptions {
  /** Only the `topK` highest predictions along the last axis can be positive. */
  readonly topK?: number;
  /** Only this index of the last axis is counted (a binary metric for one class). */
  readonly classId?: number;
  /** Keep the last axis (labels) apart: counts of shape `[thresholds, labels]`. */
  readonly multiLabel?: boolean;
  /** Weights per index of the last axis, multiplied into the sample weights (flattened case). */
  readonly labelWeights?: readonly number[];
}

function shapeText(t: tf.Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/** The weights broadcast to `preds`' shape: Keras adds a trailing axis to weights of rank 1. */
function broadcastWeights(
  owner: string,
  preds: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  yPred: tf.Tensor,
): tf.Tensor {
  if (sampleWeight === undefined) return tf.onesLike(preds);
  let w = tf.cast(sampleWeight, 'float32');
  [, w] = squeezeOrExpand(preds, w);
  while (w.rank < preds.rank && w.rank > 0) w = tf.expandDims(w, -1);
  const fits = w.rank <= preds.rank && w.shape.every((s, i) => s === 1 || s === preds.shape[i]);
  if (!fits) {
    throw new tf.ShapeError(
      `${owner}: \`sampleWeight\` of shape ${shapeText(sampleWeight)} does not broadcast to yPred ${shapeText(yPred)}`,
    );
  }
  return tf.broadcastTo(w, preds.shape);
}

/** Keeps the `k` largest entries of the last axis and sets the others to {@link NEG_INF}. */
function filterTopK(x: tf.Tensor, k: number): tf.Tensor {
  const depth = x.shape[x.rank - 1] as number;
  const { indices } = tf.topk(x, Math.min(k, depth));
  const mask = tf.sum(tf.oneHot(indices, depth), -2);
  return tf.add(tf.mul(x, mask), tf.mul(NEG_INF, tf.sub(1, mask)));
}

/** `x[..., classId, None]`. */
function sliceClass(x: tf.Tensor, classId: number): tf.Tensor {
  const begin = x.shape.map((_, i) => (i === x.rank - 1 ? classId : 0));
  const size = x.shape.map((s, i) => (i === x.rank - 1 ? 1 : s));
  return tf.slice(x, begin, size);
}

/**
 * Weighted confusion counts per threshold, Keras' thresholded algorithm: every prediction is
 * compared with every threshold (`prediction > threshold` is a positive), labels are positive
 * when non-zero, weights broadcast to the predictions. Without `multiLabel` all axes are
 * flattened and each count has shape `[thresholds.length]`; with it, predictions must be
 * `[batch, labels]` and each count has shape `[thresholds.length, labels]`.
 * Returns `[tp, fp, tn, fn]`.
 */
export function confusionCounts(
  owner: string,
  thresholds: readonly number[],
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  options: ConfusionOptions = {},
): [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor] {
  const predictions = yPred.dtype === 'float32' ? yPred : tf.cast(yPred, 'float32');
  let [labels, preds] = squeezeOrExpand(tf.cast(yTrue, 'float32'), predictions);
  if (labels.shape.join(',') !== preds.shape.join(',')) {
    throw new tf.ShapeError(
      `${owner}: \`yTrue\` and \`yPred\` must have the same shape; received yTrue ${shapeText(yTrue)} and yPred ${shapeText(yPred)}`,
    );
  }
  let weights = broadcastWeights(owner, preds, sampleWeight, yPred);
  if (options.topK !== undefined) preds = filterTopK(preds, options.topK);
  if (options.classId !== undefined) {
    const numClasses = preds.rank < 2 ? undefined : (preds.shape[preds.rank - 1] as number);
    if (numClasses === undefined || options.classId >= numClasses) {
      throw new tf.ShapeError(
        `${owner}: \`classId\` ${options.classId} needs yPred of shape [batch, numClasses > ${options.classId}]; received yPred ${shapeText(yPred)}`,
      );
    }
    labels = sliceClass(labels, options.classId);
    preds = sliceClass(preds, options.classId);
    weights = sliceClass(weights, options.classId);
  }
  if (options.labelWeights !== undefined && !options.multiLabel) {
    const numLabels = preds.shape[preds.rank - 1];
    if (preds.rank === 0 || numLabels !== options.labelWeights.length) {
      throw new tf.ShapeError(
        `${owner}: \`labelWeights\` has ${options.labelWeights.length} entries but yPred ${shapeText(yPred)} has ${numLabels ?? 'no'} labels on its last axis`,
      );
    }
    weights = tf.mul(weights, tf.tensor1d(options.labelWeights as number[]));
  }
  const isPositive = tf.cast(tf.notEqual(labels, 0), 'float32');
  const positiveWeights = tf.mul(isPositive, weights);
  const negativeWeights = tf.mul(tf.sub(1, isPositive), weights);
  const numThresholds = thresholds.length;
  if (options.multiLabel) {
    // [T, N, L] indicator times [1, N, L] weights, summed over the batch: [T, L].
    const predictedPositive = tf.cast(
      tf.greater(
        tf.expandDims(preds, 0),
        tf.tensor3d(thresholds as number[], [numThresholds, 1, 1]),
      ),
      'float32',
    );
    const tp = tf.sum(tf.mul(predictedPositive, positiveWeights), 1);
    const fp = tf.sum(tf.mul(predictedPositive, negativeWeights), 1);
    const fn = tf.sub(tf.sum(positiveWeights, 0), tp);
    const tn = tf.sub(tf.sum(negativeWeights, 0), fp);
    return [tp, fp, tn, fn];
  }
  // [T, N] indicator of "predicted positive at threshold t"; the weighted sums are two matmuls.
  const predictedPositive = tf.cast(
    tf.greater(tf.reshape(preds, [1, -1]), tf.tensor2d(thresholds as number[], [numThresholds, 1])),
    'float32',
  );
  const flatPositive = tf.reshape(positiveWeights, [-1, 1]);
  const flatNegative = tf.reshape(negativeWeights, [-1, 1]);
  const tp = tf.reshape(tf.matMul(predictedPositive, flatPositive), [-1]);
  const fp = tf.reshape(tf.matMul(predictedPositive, flatNegative), [-1]);
  const fn = tf.sub(tf.sum(flatPositive), tp);
  const tn = tf.sub(tf.sum(flatNegative), fp);
  return [tp, fp, tn, fn];
}
