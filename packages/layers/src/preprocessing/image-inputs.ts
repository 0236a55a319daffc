import * as tf from '@dendrite/tensor';
import type { DataFormat } from '../convolutional/conv-utils.js';

/** Reads a boolean option, `fallback` when absent. */
export function checkBoolean(
  owner: string,
  argument: string,
  value: unknown,
  fallback: boolean,
): boolean {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'boolean') {
    throw new tf.ConfigError(tf.configMessage(owner, argument, 'a boolean', value));
  }
  return resolved;
}

/**
 * Runs `fn` on images as a batch `[batch, height, width, channels]`: a single image (rank 3)
 * gets a batch axis, channels-first data is transposed; the result is put back the same way.
 */
export function asImageBatch(
  name: string,
  x: tf.Tensor,
  dataFormat: DataFormat,
  fn: (images: tf.Tensor4D) => tf.Tensor4D,
): tf.Tensor {
  if (x.rank !== 3 && x.rank !== 4) {
    throw new tf.ShapeError(
      `${name}: expected images of rank 3 (one image) or 4 (a batch); received shape [${x.shape}]`,
    );
  }
  let batch = (x.rank === 3 ? tf.expandDims(x, 0) : x) as tf.Tensor4D;
  if (dataFormat === 'channelsFirst') batch = tf.transpose(batch, [0, 2, 3, 1]);
  let out = fn(batch);
  if (dataFormat === 'channelsFirst') out = tf.transpose(out, [0, 3, 1, 2]);
  return x.rank === 3 ? tf.squeeze(out, [0]) : out;
}

/** The (height, width) axes of an image shape of rank 3 or 4 in `dataFormat`. */
export function spatialAxes(rank: number, dataFormat: DataFormat): [number, number] {
  const first = dataFormat === 'channelsFirst' ? rank - 2 : rank - 3;
  return [first, first + 1];
}
