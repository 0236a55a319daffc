import * as tf from '@dendrite/tensor';

/** Keras' `epsilon()`, the clip of probabilities in crossentropy losses. */
export const PROBABILITY_EPSILON = 1e-7;

/**
 * The labels of a loss fused with its softmax output as float32 rows over `classes`: sparse class
 * indices (with or without a trailing axis of 1, told apart by `predictionRank`) made one-hot,
 * one-hot or soft labels cast where they are not float32.
 */
export function fusedLabels(
  labels: tf.Tensor,
  sparse: boolean,
  predictionRank: number,
  classes: number,
): tf.Tensor {
  if (!sparse) return labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32');
  const indices = labels.rank === predictionRank ? tf.squeeze(labels, [labels.rank - 1]) : labels;
  return tf.cast(tf.oneHot(tf.cast(indices, 'int32'), classes), 'float32');
}
