import * as tf from '@dendrite/tensor';
import { alignPair, logSoftmax } from './internal.js';

/**
 * Per-sample `-sum(labels * logSoftmax(logits), -1)` whose gradient with respect to the logits is
 * the closed form `dy * (softmax(logits) - labels)` (valid for labels that sum to 1 per sample),
 * one fused step instead of back-propagating through the log-softmax. The labels get the
 * gradient `-dy * logSoftmax(logits)`.
 * @example
 * const loss = softmaxCrossentropyWithLogits(tf.tensor2d([[0, 1]]), tf.tensor2d([[0, 0]])); // [ln 2]
 */
export function softmaxCrossentropyWithLogits(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('softmaxCrossentropyWithLogits', labels, logits);
    const fused = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [target, x, save] = inputs as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      // Only inputs may be saved for the backward pass; the log-softmax is recomputed there.
      save([target, x]);
      const value = tf.neg(tf.sum(tf.mul(target, logSoftmax(x, x.rank - 1)), -1));
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const [target, x] = saved as [tf.Tensor, tf.Tensor];
        const logProbabilities = logSoftmax(x, x.rank - 1);
        const upstream = tf.expandDims(dy, -1);
        return [
          tf.neg(tf.mul(upstream, logProbabilities)),
          tf.mul(upstream, tf.sub(tf.exp(logProbabilities), target)),
        ];
      };
      return { value, gradFunc };
    });
    return fused(t, p);
  });
}
