import * as tf from '@dendrite/tensor';

/**
 * `gather(table, indices)` along axis 0 with a gradient written from ops every backend has:
 * tfjs-core's gather gradient needs UnsortedSegmentSum, which the wasm backend lacks. The
 * gradient scatters the rows of `dy` into the table's shape, summing repeated indices.
 * @param indices int32 indices of any shape; the result has shape `[...indices.shape, dim]`.
 */
export function embeddingLookup(table: tf.Tensor2D, indices: tf.Tensor): tf.Tensor {
  const [rows, dim] = table.shape;
  const flat = tf.reshape(indices, [-1]);
  const lookup = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const weights = args[0] as tf.Tensor2D;
    const value = tf.gather(weights, flat);
    const gradFunc = (dy: tf.Tensor) =>
      tf.scatterND(tf.expandDims(flat, 1), tf.reshape(dy, [-1, dim]), [rows, dim]);
    return { value, gradFunc };
  });
  return tf.reshape(lookup(table), [...indices.shape, dim]);
}
