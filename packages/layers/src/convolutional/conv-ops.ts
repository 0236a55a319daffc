import * as tf from '@dendrite/tensor';
import type { PaddingMode } from './conv-utils.js';

// Convolutions with gradients written out here, from ops every backend has: tfjs-core's own
// gradients need Conv2DBackpropFilter and the depthwise backprop kernels, which the wasm
// backend lacks, and refuse dilation rates above 1.

/** Strides, padding and dilations of a 2-D convolution (`NHWC`). */
export interface Conv2dSpec {
  readonly strides: readonly [number, number];
  readonly padding: PaddingMode;
  readonly dilations: readonly [number, number];
  /**
   * Whether the gradient with respect to `x` may be asked for; `false` (a layer fed straight
   * from the training batch) leaves out its transposed convolution. @defaultValue true
   */
  readonly inputGradient?: boolean;
}

type Pads = [[number, number], [number, number]];

/** TF's 'same'/'valid' padding [[top, bottom], [left, right]] for a convolution of `inShape`. */
function spatialPads(
  inShape: readonly number[],
  outShape: readonly number[],
  kernel: readonly number[],
  spec: Conv2dSpec,
): Pads {
  if (spec.padding === 'valid') {
    return [
      [0, 0],
      [0, 0],
    ];
  }
  const along = (axis: 0 | 1): [number, number] => {
    const effective = ((kernel[axis] as number) - 1) * spec.dilations[axis] + 1;
    const total = Math.max(
      ((outShape[axis] as number) - 1) * spec.strides[axis] + effective - (inShape[axis] as number),
      0,
    );
    const before = Math.floor(total / 2);
    return [before, total - before];
  };
  return [along(0), along(1)];
}

function padSpatial(x: tf.Tensor4D, pads: Pads): tf.Tensor4D {
  if (pads[0][0] + pads[0][1] + pads[1][0] + pads[1][1] === 0) return x;
  return tf.pad(x, [[0, 0], pads[0], pads[1], [0, 0]]);
}

/** Inserts `factor - 1` zeros between the entries of `x` along `axis` (1 or 2 of a 4-D tensor). */
function spreadAxis(x: tf.Tensor4D, axis: 1 | 2, factor: number): tf.Tensor4D {
  if (factor === 1) return x;
  const shape = x.shape;
  const length = shape[axis];
  const before = shape.slice(0, axis + 1);
  const after = shape.slice(axis + 1);
  const expanded = tf.reshape(x, [...before, 1, ...after]);
  const padding: Array<[number, number]> = expanded.shape.map(() => [0, 0]);
  padding[axis + 1] = [0, factor - 1];
  const spread = tf.reshape(tf.pad(expanded, padding), [
    ...shape.slice(0, axis),
    length * factor,
    ...after,
  ]);
  const size = [...spread.shape];
  size[axis] = (length - 1) * factor + 1;
  return tf.slice(spread, [0, 0, 0, 0], size) as tf.Tensor4D;
}

/** A kernel `[kh, kw, a, b]` with `dilation - 1` zeros between taps: the equivalent dense kernel. */
function dilateKernel(kernel: tf.Tensor4D, dilations: readonly [number, number]): tf.Tensor4D {
  // Reuse the batch-axis-free spreading by viewing the kernel as [1, kh, kw, a*b].
  const [kh, kw, a, b] = kernel.shape;
  const flat = tf.reshape(kernel, [1, kh, kw, a * b]) as tf.Tensor4D;
  const spread = spreadAxis(spreadAxis(flat, 1, dilations[0]), 2, dilations[1]);
  return tf.reshape(spread, [spread.shape[1], spread.shape[2], a, b]);
}

/**
 * `dW[i, j, c, f] = Σ x[n, p·s + i·d, q·s + j·d, c] · dy[n, p, q, f]` for an already padded `x`:
 * a convolution of `x` with batch and channels swapped, by `dy` used as the kernel, strides
 * and dilations swapped (Hout ≥ kh holds because `dy` came from a valid convolution of `x`).
 */
export function convFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  kernelSize: readonly [number, number],
  strides: readonly [number, number],
  dilations: readonly [number, number],
): tf.Tensor4D {
  const xt = tf.transpose(x, [3, 1, 2, 0]);
  const dyt = tf.transpose(dy, [1, 2, 0, 3]);
  const g = tf.conv2d(xt, dyt, [dilations[0], dilations[1]], 'valid', 'NHWC', [
    strides[0],
    strides[1],
  ]);
  const cropped = tf.slice(g, [0, 0, 0, 0], [g.shape[0], kernelSize[0], kernelSize[1], g.shape[3]]);
  return tf.transpose(cropped, [1, 2, 0, 3]);
}

/**
 * Backends whose own convolution-gradient kernels beat {@link portableConv2d}'s. Measured on the
 * BENCHMARKS.md CNN (batch 128): native 12.4 s/epoch with its BLAS kernels vs 15.8 portable; on cpu the
 * portable gradient wins (20.2 vs 65.4), and wasm has no filter-gradient kernel at all.
 */
const NATIVE_CONV_GRADIENT = new Set(['dendrite-native', 'tensorflow', 'webgl', 'webgpu']);

/**
 * `tf.conv2d(x, kernel)` (`NHWC`, kernel `[kh, kw, inC, outC]`) whose gradient runs on every
 * backend: the backend's own gradient kernels where they are faster, else
 * {@link portableConv2d}'s.
 */
export function conv2dOp(x: tf.Tensor4D, kernel: tf.Tensor4D, spec: Conv2dSpec): tf.Tensor4D {
  // tfjs' autodiff refuses dilated convolutions, so those always take the portable gradient.
  if (NATIVE_CONV_GRADIENT.has(tf.getBackend()) && spec.dilations.every((d) => d === 1)) {
    return tf.conv2d(x, kernel, [...spec.strides], spec.padding, 'NHWC');
  }
  return portableConv2d(x, kernel, spec);
}

/**
 * `tf.conv2d` with a gradient built only from ops every backend has (wasm lacks
 * `Conv2DBackpropFilter`), dilated convolutions included.
 */
export function portableConv2d(x: tf.Tensor4D, kernel: tf.Tensor4D, spec: Conv2dSpec): tf.Tensor4D {
  const withInput = spec.inputGradient ?? true;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    // Without an input gradient only the filter is an argument: `x` is a constant here.
    const [input, filter, save] = (withInput ? args : [x, ...args]) as [
      tf.Tensor4D,
      tf.Tensor4D,
      tf.GradSaveFunc,
    ];
    save([input, filter]);
    const value = tf.conv2d(input, filter, [...spec.strides], spec.padding, 'NHWC', [
      ...spec.dilations,
    ]);
    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
      const [xs, w] = saved as [tf.Tensor4D, tf.Tensor4D];
      const pads = spatialPads(xs.shape.slice(1, 3), dy.shape.slice(1, 3), w.shape, spec);
      const dw = convFilterGrad(
        padSpatial(xs, pads),
        dy,
        [w.shape[0], w.shape[1]],
        spec.strides,
        spec.dilations,
      );
      if (!withInput) return [dw];
      const dx = tf.conv2dTranspose(
        dy,
        dilateKernel(w, spec.dilations),
        xs.shape,
        [...spec.strides],
        spec.padding,
      );
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return withInput ? op(x, kernel) : op(kernel);
}

/**
 * `tf.conv2dTranspose(x, kernel, outShape)` with kernel `[kh, kw, outC, inC]` (Keras layout)
 * and dilations 1, whose gradient runs on every backend.
 */
export function conv2dTransposeOp(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  outShape: [number, number, number, number],
  spec: Conv2dSpec,
): tf.Tensor4D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, filter, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([input, filter]);
    const value = tf.conv2dTranspose(input, filter, outShape, [...spec.strides], spec.padding);
    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
      const [xs, w] = saved as [tf.Tensor4D, tf.Tensor4D];
      const dx = tf.conv2d(dy, w, [...spec.strides], spec.padding);
      // The transposed convolution is the input gradient of a convolution from `dy`'s shape to x's.
      const pads = spatialPads(dy.shape.slice(1, 3), xs.shape.slice(1, 3), w.shape, spec);
      const dw = convFilterGrad(
        padSpatial(dy, pads),
        xs,
        [w.shape[0], w.shape[1]],
        spec.strides,
        [1, 1],
      );
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return op(x, kernel);
}

function depthwiseFilterGrad(
  xp: tf.Tensor4D,
  dy: tf.Tensor4D,
  kernelShape: readonly number[],
  spec: Conv2dSpec,
): tf.Tensor4D {
  const [kh, kw, c, m] = kernelShape as [number, number, number, number];
  const [n, hp, wp] = xp.shape;
  const [, oh, ow] = dy.shape;
  // Batch folded into channels: channel (n, c) of x meets channels (n, c, m) of dy.
  const xr = tf.reshape(tf.transpose(xp, [1, 2, 0, 3]), [1, hp, wp, n * c]) as tf.Tensor4D;
  const dyr = tf.reshape(tf.transpose(tf.reshape(dy, [n, oh, ow, c, m]), [1, 2, 0, 3, 4]), [
    oh,
    ow,
    n * c,
    m,
  ]) as tf.Tensor4D;
  const g = tf.depthwiseConv2d(xr, dyr, [...spec.dilations], 'valid', 'NHWC', [...spec.strides]);
  const summed = tf.sum(tf.reshape(g, [g.shape[1], g.shape[2], n, c, m]), 2);
  return tf.slice(summed, [0, 0, 0, 0], [kh, kw, c, m]) as tf.Tensor4D;
}

function depthwiseInputGrad(
  xpShape: readonly number[],
  dy: tf.Tensor4D,
  kernel: tf.Tensor4D,
  spec: Conv2dSpec,
): tf.Tensor4D {
  const [kh, kw, c, m] = kernel.shape;
  const effH = (kh - 1) * spec.dilations[0] + 1;
  const effW = (kw - 1) * spec.dilations[1] + 1;
  // Full correlation of the stride-spread gradient with the flipped kernel, channel by channel.
  const spread = spreadAxis(spreadAxis(dy, 1, spec.strides[0]), 2, spec.strides[1]);
  const padded = tf.pad(spread, [
    [0, 0],
    [effH - 1, effH - 1],
    [effW - 1, effW - 1],
    [0, 0],
  ]);
  const flipped = tf.reshape(tf.reverse(kernel, [0, 1]), [kh, kw, c * m, 1]) as tf.Tensor4D;
  const full = tf.depthwiseConv2d(padded, flipped, 1, 'valid', 'NHWC', [...spec.dilations]);
  const [n, h, w] = full.shape;
  const summed = tf.sum(tf.reshape(full, [n, h, w, c, m]), 4) as tf.Tensor4D;
  // Rows and columns past the last window got no gradient.
  return tf.pad(summed, [
    [0, 0],
    [0, (xpShape[1] as number) - h],
    [0, (xpShape[2] as number) - w],
    [0, 0],
  ]);
}

/**
 * `tf.depthwiseConv2d(x, kernel)` (kernel `[kh, kw, inC, multiplier]`) whose gradient runs on
 * every backend, dilated ones included.
 */
export function depthwiseConv2dOp(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  spec: Conv2dSpec,
): tf.Tensor4D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, filter, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([input, filter]);
    const value = tf.depthwiseConv2d(input, filter, [...spec.strides], spec.padding, 'NHWC', [
      ...spec.dilations,
    ]);
    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
      const [xs, w] = saved as [tf.Tensor4D, tf.Tensor4D];
      const pads = spatialPads(xs.shape.slice(1, 3), dy.shape.slice(1, 3), w.shape, spec);
      const xp = padSpatial(xs, pads);
      const dw = depthwiseFilterGrad(xp, dy, w.shape, spec);
      const dxp = depthwiseInputGrad(xp.shape, dy, w, spec);
      const dx = tf.slice(dxp, [0, pads[0][0], pads[1][0], 0], xs.shape);
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return op(x, kernel);
}
