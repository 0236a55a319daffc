import * as tf from '@dendrite/tensor';
import { logSoftmax } from './internal.js';

/** The log-probability clip for Keras' `epsilon` (none for 0). */
function clipBounds(epsilon: number): [number, number] | null {
  return epsilon === 0 ? null : [Math.log(epsilon), Math.log1p(-epsilon)];
}

/**
 * `−Σ labels · clip(logSoftmax(logits))` over the last axis: one `DendriteSoftmaxCrossEntropy`
 * kernel where the backend has it, else the composed ops.
 */
export function softmaxCrossentropyValue(
  labels: tf.Tensor,
  logits: tf.Tensor,
  epsilon: number,
): tf.Tensor {
  if (tf.hasDendriteKernel(tf.DendriteSoftmaxCrossEntropy)) {
    return tf
      .engine()
      .runKernel(tf.DendriteSoftmaxCrossEntropy, { logits, labels }, { epsilon }) as tf.Tensor;
  }
  const bounds = clipBounds(epsilon);
  const logP = logSoftmax(logits, logits.rank - 1);
  const clipped = bounds ? tf.clipByValue(logP, bounds[0], bounds[1]) : logP;
  return tf.neg(tf.sum(tf.mul(labels, clipped), -1));
}

/**
 * The gradients `[dLabels, dLogits]` of {@link softmaxCrossentropyValue} for the upstream `dy`,
 * as `DendriteSoftmaxCrossEntropyGrad` defines them (one kernel where the backend has it).
 */
export function softmaxCrossentropyGrads(
  dy: tf.Tensor,
  labels: tf.Tensor,
  logits: tf.Tensor,
  epsilon: number,
): [tf.Tensor, tf.Tensor] {
  if (tf.hasDendriteKernel(tf.DendriteSoftmaxCrossEntropyGrad)) {
    const inputs = { dy, logits, labels };
    const [dLogits, dLabels] = tf
      .engine()
      .runKernel(tf.DendriteSoftmaxCrossEntropyGrad, inputs, { epsilon }) as tf.Tensor[];
    return [dLabels as tf.Tensor, dLogits as tf.Tensor];
  }
  const bounds = clipBounds(epsilon);
  const logP = logSoftmax(logits, logits.rank - 1);
  const upstream = tf.expandDims(dy, -1);
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
