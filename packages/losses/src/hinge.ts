import * as tf from '@dendrite/tensor';
import { alignPair } from './internal.js';

/**
 * Keras' `convert_binary_labels_to_hinge`: if every label is 0 or 1 they become -1 or 1; other
 * labels are left alone. Decided on the device, without reading data back.
 */
function toSignedLabels(t: tf.Tensor): tf.Tensor {
  const isBinary = tf.all(tf.logicalOr(tf.equal(t, 0), tf.equal(t, 1)));
  return tf.where(isBinary, tf.sub(tf.mul(t, 2), 1), t);
}

/**
 * Hinge loss over the last axis: `mean(max(1 - yTrue * yPred, 0), -1)`; labels in {0, 1} are
 * first mapped to {-1, 1}.
 * @example hinge(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])) // [(0.5 + 1.5) / 2] = [1]
 */
export function hinge(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('hinge', yTrue, yPred);
    return tf.mean(tf.relu(tf.sub(1, tf.mul(toSignedLabels(t), p))), -1);
  });
}

/**
 * Squared hinge loss over the last axis: `mean(max(1 - yTrue * yPred, 0)^2, -1)`; labels in
 * {0, 1} are first mapped to {-1, 1}.
 * @example squaredHinge(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.5]])) // [(0.25 + 2.25) / 2]
 */
export function squaredHinge(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('squaredHinge', yTrue, yPred);
    return tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(toSignedLabels(t), p)))), -1);
  });
}

/**
 * Categorical hinge for one-hot labels: `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)`.
 * @example categoricalHinge(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.3, 0.7]])) // [0.3 - 0.7 + 1] = [0.6]
 */
export function categoricalHinge(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [t, p] = alignPair('categoricalHinge', yTrue, yPred);
    const positive = tf.sum(tf.mul(t, p), -1);
    const negative = tf.max(tf.mul(tf.sub(1, t), p), -1);
    return tf.relu(tf.add(tf.sub(negative, positive), 1));
  });
}
