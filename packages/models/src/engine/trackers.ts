import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import type { CompiledState } from './compile.js';

/** What one forward pass with losses produced. */
export interface LossResult {
  /** Weighted sum of the output losses plus regularization: what the optimizer minimizes. */
  readonly total: tf.Scalar;
  /** Each output's loss (before its loss weight). */
  readonly outputLosses: tf.Scalar[];
  /** Each output's prediction: probabilities, or logits where the loss is fused. */
  readonly predictions: tf.Tensor[];
  /** Each output's Keras mask (`[batch, time]`), or `null`: masked steps count in no loss or metric. */
  readonly masks: Array<tf.Tensor | null>;
}

/**
 * Keras' masked weighting: masked entries weigh 0 and, for a mean reduction, the others
 * `total / valid`, so the mean runs over the unmasked entries only. Combined with the sample
 * weights; `undefined` when there is neither.
 */
export function maskedWeights(
  sampleWeight: tf.Tensor | undefined,
  mask: tf.Tensor | null,
  shape: readonly number[],
  rescale: boolean,
): tf.Tensor | undefined {
  if (mask === null || !tf.util.arraysEqual(mask.shape, [...shape])) return sampleWeight;
  let weights = tf.cast(mask, 'float32');
  if (rescale) {
    // The small constant keeps an all-masked batch at a zero loss, as Keras' epsilon does.
    weights = tf.mul(weights, tf.div(mask.size, tf.add(tf.sum(weights), 1e-7)));
  }
  return sampleWeight ? tf.mul(losses.broadcastWeights(sampleWeight, shape), weights) : weights;
}

/**
 * Feeds one batch into the loss trackers and metrics (no device sync). `batchSize` weights the
 * batch's mean loss so the epoch loss is the mean over samples, as Keras reports it.
 */
export function updateTrackers(
  state: CompiledState,
  result: LossResult,
  ys: readonly tf.Tensor[],
  sampleWeights: readonly (tf.Tensor | undefined)[],
  batchSize: number,
): void {
  tf.tidy(() => {
    state.lossTracker.updateMean(result.total, batchSize);
    state.outputs.forEach((output, i) => {
      const loss = result.outputLosses[i] as tf.Tensor;
      output.lossTracker?.updateMean(loss, batchSize);
      if (output.metrics.length === 0) return;
      const raw = result.predictions[i] as tf.Tensor;
      const yTrue = ys[i] as tf.Tensor;
      // Keras weighs metrics by the mask as it is (no rescaling): a weighted mean.
      const perStep = raw.shape.slice(0, -1);
      const weight = maskedWeights(sampleWeights[i], result.masks[i] ?? null, perStep, false);
      // A fused output has logits: a metric that can takes them, the others the probabilities.
      let probabilities: tf.Tensor | undefined;
      for (const metric of output.metrics) {
        if (output.fused && metric.updateFromLogits?.(yTrue, raw, weight)) continue;
        probabilities ??= output.fused ? tf.softmax(raw) : raw;
        metric.update(yTrue, probabilities, weight);
      }
    });
  });
}
