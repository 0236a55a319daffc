import * as tf from '@dendrite/tensor';
import { alignPair, clipProbabilities, logSoftmax, resolveAxis } from './internal.js';

/** Options of {@link binaryCrossentropy}. */
export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels become `y * (1 - labelSmoothing) + 0.5 * labelSmoothing`. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

/** Options of {@link categoricalCrossentropy}. */
export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels become `y * (1 - labelSmoothing) + labelSmoothing / numClasses`. @defaultValue 0 */
  readonly labelSmoothing?: number;
  /** The class axis. @defaultValue -1 */
  readonly axis?: number;
}

function checkSmoothing(owner: string, value: number | undefined): number {
  return tf.checkNumber(owner, 'labelSmoothing', value ?? 0, { min: 0, max: 1 });
}

/**
 * Binary crossentropy, averaged over the last axis as Keras does. Probabilities are clipped to
 * `[1e-7, 1 - 1e-7]`; with `fromLogits` the stable form
 * `max(x, 0) - x z + log(1 + exp(-|x|))` is used, so logits of ±1e4 stay finite.
 * @example binaryCrossentropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.9, 0.2]])) // [-(ln 0.9 + ln 0.8) / 2]
 */
export function binaryCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: BinaryCrossentropyOptions = {},
): tf.Tensor {
  const owner = 'binaryCrossentropy';
  const fromLogits = tf.checkBoolean(owner, 'fromLogits', options.fromLogits ?? false);
  const smoothing = checkSmoothing(owner, options.labelSmoothing);
  return tf.tidy(() => {
    let [t, p] = alignPair(owner, yTrue, yPred);
    if (smoothing > 0) t = tf.add(tf.mul(t, 1 - smoothing), 0.5 * smoothing);
    let elementwise: tf.Tensor;
    if (fromLogits) {
      const softplusNegAbs = tf.log1p(tf.exp(tf.neg(tf.abs(p))));
      elementwise = tf.add(tf.sub(tf.relu(p), tf.mul(p, t)), softplusNegAbs);
    } else {
      const clipped = clipProbabilities(p);
      const positive = tf.mul(t, tf.log(clipped));
      const negative = tf.mul(tf.sub(1, t), tf.log(tf.sub(1, clipped)));
      elementwise = tf.neg(tf.add(positive, negative));
    }
    return tf.mean(elementwise, -1);
  });
}

/**
 * Categorical crossentropy along `axis` for one-hot (or soft) labels. Probabilities are
 * renormalized to sum to 1 and clipped to `[1e-7, 1 - 1e-7]` as Keras does; with `fromLogits`
 * the loss is `-sum(labels * logSoftmax(logits))`, stable for logits of ±1e4.
 * @example categoricalCrossentropy(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.2, 0.8]])) // [-ln 0.8]
 */
export function categoricalCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: CategoricalCrossentropyOptions = {},
): tf.Tensor {
  const owner = 'categoricalCrossentropy';
  const fromLogits = tf.checkBoolean(owner, 'fromLogits', options.fromLogits ?? false);
  const smoothing = checkSmoothing(owner, options.labelSmoothing);
  return tf.tidy(() => {
    let [t, p] = alignPair(owner, yTrue, yPred);
    const axis = resolveAxis(owner, options.axis ?? -1, p.rank);
    if (smoothing > 0) {
      const numClasses = p.shape[axis] as number;
      t = tf.add(tf.mul(t, 1 - smoothing), smoothing / numClasses);
    }
    const logProbabilities = fromLogits
      ? logSoftmax(p, axis)
      : tf.log(clipProbabilities(tf.div(p, tf.sum(p, axis, true))));
    return tf.neg(tf.sum(tf.mul(t, logProbabilities), axis));
  });
}
