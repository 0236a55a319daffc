import * as tf from '@dendrite/tensor';
import { alignPair } from './internal.js';
import {
  softmaxCrossentropyGrads,
  softmaxCrossentropyValue,
} from './softmax-crossentropy-parts.js';

/** Options of {@link softmaxCrossentropyWithLogits}. */
export interface SoftmaxCrossentropyOptions {
  /**
   * Clips the probabilities to `[epsilon, 1 − epsilon]` (the log-probabilities to
   * `[log ε, log1p(−ε)]`), as Keras does for a crossentropy of probabilities; 0 clips nothing.
   * @defaultValue 0
   */
  readonly epsilon?: number;
  /**
   * `'mean'` returns the scalar mean over the samples (one fused step where the backend has it,
   * instead of a separate sum and division); `'none'` one loss per sample.
   * @defaultValue 'none'
   */
  readonly reduction?: 'none' | 'mean';
}

/**
 * Per-sample `-sum(labels * logSoftmax(logits), -1)` whose gradient with respect to the logits is
 * the closed form `dy * (softmax(logits) * sum(labels) - labels)` (`dy * (softmax - labels)` for
 * labels that sum to 1), one fused step instead of back-propagating through the log-softmax.
 * The labels get the gradient `-dy * logSoftmax(logits)`. Runs as Dendrite's
 * `DendriteSoftmaxCrossEntropy` kernels where the backend has them.
 * @example
 * const loss = softmaxCrossentropyWithLogits(tf.tensor2d([[0, 1]]), tf.tensor2d([[0, 0]])); // [ln 2]
 */
export function softmaxCrossentropyWithLogits(
  labels: tf.Tensor,
  logits: tf.Tensor,
  options: SoftmaxCrossentropyOptions = {},
): tf.Tensor {
  const settings = { epsilon: options.epsilon ?? 0, reduction: options.reduction ?? 'none' };
  const owner = 'softmaxCrossentropyWithLogits';
  if (!(settings.epsilon >= 0 && settings.epsilon < 0.5)) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'epsilon', 'a number in [0, 0.5)', settings.epsilon),
    );
  }
  if (settings.reduction !== 'none' && settings.reduction !== 'mean') {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'reduction', "'none' or 'mean'", settings.reduction),
    );
  }
  return tf.tidy(() => {
    const [t, p] = alignPair('softmaxCrossentropyWithLogits', labels, logits);
    const fused = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [target, x, save] = inputs as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      // Only inputs may be saved for the backward pass; the log-softmax is recomputed there.
      save([target, x]);
      return {
        value: softmaxCrossentropyValue(target, x, settings),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] =>
          softmaxCrossentropyGrads(dy, saved[0] as tf.Tensor, saved[1] as tf.Tensor, settings),
      };
    });
    return fused(t, p);
  });
}
