import * as tf from '@dendrite/tensor';
import { squeezeOrExpand } from './metric.js';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * Keras' `reduce_to_samplewise_values`: weights are reconciled with the values' rank, values are
 * reduced to the weights' rank, weighted, and both are reduced to one entry per sample with
 * `reduce`. Returns the per-sample values and (when given) the per-sample weights.
 */
export function reduceToSamplewise(
  owner: string,
  values: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  reduce: (x: tf.Tensor, axes: number[]) => tf.Tensor,
): [tf.Tensor, tf.Tensor | undefined] {
  let v = values.dtype === 'float32' ? values : tf.cast(values, 'float32');
  let w: tf.Tensor | undefined;
  if (sampleWeight !== undefined) {
    w = sampleWeight.dtype === 'float32' ? sampleWeight : tf.cast(sampleWeight, 'float32');
    [v, w] = squeezeOrExpand(v, w);
    if (v.rank > w.rank) v = reduce(v, range(w.rank, v.rank));
    const fits = w.rank <= v.rank && w.shape.every((s, i) => s === 1 || s === v.shape[i]);
    if (!fits) {
      throw new tf.ShapeError(
        `${owner}: \`sampleWeight\` of shape [${sampleWeight.shape.join(', ')}] does not broadcast to values of shape [${values.shape.join(', ')}]`,
      );
    }
    if (!tf.util.arraysEqual(w.shape, v.shape)) w = tf.broadcastTo(w, v.shape);
    v = tf.mul(v, w);
    if (w.rank > 1) w = reduce(w, range(1, w.rank));
  }
  if (v.rank > 1) v = reduce(v, range(1, v.rank));
  return [v, w];
}
