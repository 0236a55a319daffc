import * as tf from '@dendrite/tensor';
import { squeezeOrExpand } from './metric.js';

/**
 * Weighted confusion counts per threshold, Keras' thresholded algorithm: every prediction is
 * compared with every threshold (`prediction > threshold` is a positive), labels are positive
 * when non-zero, all axes are flattened, and weights broadcast to the predictions. Returns
 * `[tp, fp, tn, fn]`, each of shape `[thresholds.length]`.
 */
export function confusionCounts(
  owner: string,
  thresholds: readonly number[],
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
): [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor] {
  const predictions = yPred.dtype === 'float32' ? yPred : tf.cast(yPred, 'float32');
  const [labels, preds] = squeezeOrExpand(tf.cast(yTrue, 'float32'), predictions);
  if (labels.shape.join(',') !== preds.shape.join(',')) {
    throw new tf.ShapeError(
      `${owner}: \`yTrue\` and \`yPred\` must have the same shape; received yTrue [${yTrue.shape.join(', ')}] and yPred [${yPred.shape.join(', ')}]`,
    );
  }
  let weights: tf.Tensor = tf.onesLike(preds);
  if (sampleWeight !== undefined) {
    let w = tf.cast(sampleWeight, 'float32');
    [, w] = squeezeOrExpand(preds, w);
    while (w.rank < preds.rank && w.rank > 0) w = tf.expandDims(w, -1);
    const fits = w.rank <= preds.rank && w.shape.every((s, i) => s === 1 || s === preds.shape[i]);
    if (!fits) {
      throw new tf.ShapeError(
        `${owner}: \`sampleWeight\` of shape [${sampleWeight.shape.join(', ')}] does not broadcast to yPred [${yPred.shape.join(', ')}]`,
      );
    }
    weights = tf.broadcastTo(w, preds.shape);
  }
  const flatPred = tf.reshape(preds, [1, -1]);
  const isPositive = tf.cast(tf.notEqual(tf.reshape(labels, [-1, 1]), 0), 'float32');
  const flatWeights = tf.reshape(weights, [-1, 1]);
  const positiveWeights = tf.mul(isPositive, flatWeights);
  const negativeWeights = tf.mul(tf.sub(1, isPositive), flatWeights);
  // [T, N] indicator of "predicted positive at threshold t"; the weighted sums are two matmuls.
  const predictedPositive = tf.cast(
    tf.greater(flatPred, tf.tensor2d(thresholds as number[], [thresholds.length, 1])),
    'float32',
  );
  const tp = tf.reshape(tf.matMul(predictedPositive, positiveWeights), [-1]);
  const fp = tf.reshape(tf.matMul(predictedPositive, negativeWeights), [-1]);
  const fn = tf.sub(tf.sum(positiveWeights), tp);
  const tn = tf.sub(tf.sum(negativeWeights), fp);
  return [tp, fp, tn, fn];
}
