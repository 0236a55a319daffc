import * as tf from '@dendrite/tensor';
import { logSoftmax } from './internal.js';

/** How the loss is taken: Keras' probability clip, and one value per row or their mean. */
export interface CrossentropySettings {
  readonly epsilon: number;
  readonly reduction: 'none' | 'mean';
}

/** The log-probability clip for Keras' `epsilon` (none for 0). */
function clipBounds(epsilon: number): [number, number] | null {
  return epsilon === 0 ? null : [Math.log(epsilon), Math.log1p(-epsilon)];
}

/** The number of rows (samples) the loss averages over for `'mean'`, at least 1. */
function rowCount(logits: tf.Tensor): number {
  return Math.max(logits.size / (logits.shape[logits.rank - 1] || 1), 1);
}

/**
 * `−Σ labels · clip(logSoftmax(logits))` over the last axis (or its mean over the rows): one
 * `DendriteSoftmaxCrossEntropy` kernel where the backend has it, else the composed ops.
 */
export function softmaxCrossentropyValue(
  labels: tf.Tensor,
  logits: tf.Tensor,
  settings: CrossentropySettings,
): tf.Tensor {
  if (tf.hasDendriteKernel(tf.DendriteSoftmaxCrossEntropy)) {
    const attrs = { ...settings };
    const inputs = { logits, labels };
    return tf.engine().runKernel(tf.DendriteSoftmaxCrossEntropy, inputs, attrs) as tf.Tensor;
  }
  const bounds = clipBounds(settings.epsilon);
  const logP = logSoftmax(logits, logits.rank - 1);
  const clipped = bounds ? tf.clipByValue(logP, bounds[0], bounds[1]) : logP;
  const perRow = tf.neg(tf.sum(tf.mul(labels, clipped), -1));
  return settings.reduction === 'mean' ? tf.div(tf.sum(perRow), rowCount(logits)) : perRow;
}

/**
 * The gradients `[dLabels, dLogits]` of {@link softmaxCrossentropyValue} for the upstream `dy`,
 * as `DendriteSoftmaxCrossEntropyGrad` defines them (one kernel where the backend has it).
 */
export function softmaxCrossentropyGrads(
  dy: tf.Tensor,
  labels: tf.Tensor,
  logits: tf.Tensor,
  settings: CrossentropySettings,
): [tf.Tensor, tf.Tensor] {
  if (tf.hasDendriteKernel(tf.DendriteSoftmaxCrossEntropyGrad)) {
    const inputs = { dy, logits, labels };
    const attrs = { ...settings };
    const [dLogits, dLabels] = tf
      .engine()
      .runKernel(tf.DendriteSoftmaxCrossEntropyGrad, inputs, attrs) as tf.Tensor[];
    return [dLabels as tf.Tensor, dLogits as tf.Tensor];
  }
  const bounds = clipBounds(settings.epsilon);
  const logP = logSoftmax(logits, logits.rank - 1);
  // A mean hands each row an equal share of the scalar `dy`.
  const upstream =
    settings.reduction === 'mean' ? tf.div(dy, rowCount(logits)) : tf.expandDims(dy, -1);
  let kept = labels;
  let clipped = logP;
  if (bounds) {
    // The clip passes gradient only where the log-probability lies inside its bounds.
    const inside = tf.logicalAnd(tf.greaterEqual(logP, bounds[0]), tf.lessEqual(logP, bounds[1]));
    kept = tf.mul(labels, tf.cast(inside, 'float32'));
    clipped = tf.clipByValue(logP, bounds[0], bounds[1]);
  }
  // d/dx of −Σ t·l(x) with l = logSoftmax: softmax(x)·Σ t − t (over the unclipped entries).
  const dLogits = tf.mul(upstream, tf.sub(tf.mul(tf.exp(logP), tf.sum(kept, -1, true)), kept));
  return [tf.neg(tf.mul(upstream, clipped)), dLogits];
}
