import * as tf from '@dendrite/tensor';
import type { PaddingMode } from '../convolutional/conv-utils.js';

// tfjs-backend-wasm 4.22's MaxPoolGrad kernel drops the gradient of a window whose maximum is
// negative and not its first entry (relu-free stacks, batch-normalized maps), so on wasm the
// gradient is written out here from ops every backend has. As TF does, each window's
// gradient goes to the first position (row-major) holding its maximum.
const BROKEN_MAX_POOL_GRAD = new Set(['wasm']);

/** Inserts `factor - 1` zeros after each entry of `x` along `axis` (1 or 2 of a 4-D tensor). */
function spread(x: tf.Tensor4D, axis: 1 | 2, factor: number): tf.Tensor4D {
  if (factor === 1) return x;
  const shape = x.shape;
  const expanded = tf.expandDims(x, axis + 1);
  const padding: Array<[number, number]> = expanded.shape.map(() => [0, 0]);
  padding[axis + 1] = [0, factor - 1];
  const out = [...shape] as [number, number, number, number];
  out[axis] = shape[axis] * factor;
  return tf.reshape(tf.pad(expanded, padding), out);
}

/** Padding [before, after] of one spatial axis, as TF pads 'same' pooling. */
function pads(length: number, out: number, size: number, stride: number): [number, number] {
  const total = Math.max((out - 1) * stride + size - length, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The gradient of `y = maxPool(x)` for the upstream gradient `dy`, from portable ops. */
function maxPoolGrad(
  x: tf.Tensor4D,
  y: tf.Tensor4D,
  dy: tf.Tensor4D,
  size: readonly [number, number],
  strides: readonly [number, number],
  padding: PaddingMode,
): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const [, outHeight, outWidth] = y.shape;
  const [top, bottom] = padding === 'same' ? pads(height, outHeight, size[0], strides[0]) : [0, 0];
  const [left, right] = padding === 'same' ? pads(width, outWidth, size[1], strides[1]) : [0, 0];
  const padded = tf.pad(
    x,
    [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ],
    Number.NEGATIVE_INFINITY,
  );
  const [, paddedHeight, paddedWidth] = padded.shape;
  let taken = tf.zerosLike(y).cast('bool');
  let dx = tf.zeros(padded.shape) as tf.Tensor4D;
  const zero = tf.zerosLike(dy);
  for (let i = 0; i < size[0]; i++) {
    for (let j = 0; j < size[1]; j++) {
      const end = [
        batch,
        i + (outHeight - 1) * strides[0] + 1,
        j + (outWidth - 1) * strides[1] + 1,
        channels,
      ];
      const window = tf.stridedSlice(padded, [0, i, j, 0], end, [1, strides[0], strides[1], 1]);
      const hit = tf.logicalAnd(tf.equal(window, y), tf.logicalNot(taken));
      taken = tf.logicalOr(taken, hit);
      const placed = spread(
        spread(tf.where(hit, dy, zero) as tf.Tensor4D, 1, strides[0]),
        2,
        strides[1],
      );
      const rows = Math.min(placed.shape[1], paddedHeight - i);
      const cols = Math.min(placed.shape[2], paddedWidth - j);
      const fitted = tf.slice(placed, [0, 0, 0, 0], [batch, rows, cols, channels]);
      dx = tf.add(
        dx,
        tf.pad(fitted, [
          [0, 0],
          [i, paddedHeight - i - rows],
          [j, paddedWidth - j - cols],
          [0, 0],
        ]),
      );
    }
  }
  return tf.slice(dx, [0, top, left, 0], [batch, height, width, channels]);
}

/**
 * `tf.maxPool` on `NHWC` input; on backends with a broken MaxPoolGrad kernel (wasm) its
 * gradient is computed from portable ops instead.
 * @example maxPool2d(x, [2, 2], [2, 2], 'valid')
 */
export function maxPool2d(
  x: tf.Tensor4D,
  size: readonly [number, number],
  strides: readonly [number, number],
  padding: PaddingMode,
): tf.Tensor4D {
  if (!BROKEN_MAX_POOL_GRAD.has(tf.getBackend())) {
    return tf.maxPool(x, [size[0], size[1]], [strides[0], strides[1]], padding);
  }
  const pool = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const value = tf.maxPool(input, [size[0], size[1]], [strides[0], strides[1]], padding);
    save([input, value]);
    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
      const [xs, ys] = saved as [tf.Tensor4D, tf.Tensor4D];
      return maxPoolGrad(xs, ys, dy, size, strides, padding);
    };
    return { value, gradFunc };
  });
  return pool(x) as tf.Tensor4D;
}
