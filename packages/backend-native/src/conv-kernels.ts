import * as tf from '@dendrite/tensor';
import type { NativeAddon } from './addon.js';
import { finishFused, fusedTail } from './bias-activation.js';
import type { KernelBuild } from './kernel-context.js';
import { floatValues, output, uninitializedFloats } from './tensor-data.js';

/** The 15 sizes `native/kernels.h` calls `ConvGeometry`, in its field order. */
function geometry(info: tf.backend_util.Conv2DInfo): number[] {
  return [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
}

type ConvShapeAttrs = Pick<tf.Conv2DAttrs, 'strides' | 'pad' | 'dataFormat' | 'dimRoundingMode'>;

/** tfjs's convolution geometry for NHWC data; `undefined` for NCHW, which stays on the cpu kernels. */
function convInfo(
  inShape: number[],
  filterShape: number[],
  attrs: ConvShapeAttrs,
  dilations: [number, number] | number,
): tf.backend_util.Conv2DInfo | undefined {
  if (attrs.dataFormat === 'NCHW') return undefined;
  return tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

function nativeConv(
  addon: NativeAddon,
  backend: tf.KernelBackend,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  attrs: ConvShapeAttrs & Pick<tf.Conv2DAttrs, 'dilations'>,
): { values: Float32Array; shape: number[] } | undefined {
  const xValues = floatValues(backend, x);
  const filterValues = floatValues(backend, filter);
  const info = convInfo(x.shape, filter.shape, attrs, attrs.dilations);
  if (xValues === undefined || filterValues === undefined || info === undefined) return undefined;
  const values = uninitializedFloats(tf.util.sizeFromShape(info.outShape));
  addon.conv2d(xValues, filterValues, values, geometry(info));
  return { values, shape: info.outShape };
}

/** `Conv2D` of NHWC float32 data as im2col + OpenBLAS sgemm; NCHW and other dtypes go to the fallback. */
export const conv2d: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
    const { x, filter } = args.inputs as tf.Conv2DInputs;
    const backend = args.backend as tf.KernelBackend;
    const attrs = args.attrs as unknown as tf.Conv2DAttrs;
    const result = nativeConv(addon, backend, x as tf.TensorInfo, filter as tf.TensorInfo, attrs);
    if (result === undefined) return fallback(args);
    return output(backend, result.shape, result.values);
  };
};

/** `FusedConv2D`: {@link conv2d}, then the bias and activation as the fused products do. */
export const fusedConv2d: KernelBuild = ({ addon, codes, fallback }) => {
  return (args) => {
    const inputs = args.inputs as tf.FusedConv2DInputs;
    const backend = args.backend as tf.KernelBackend;
    const attrs = args.attrs as unknown as tf.FusedConv2DAttrs;
    const result = nativeConv(addon, backend, inputs.x, inputs.filter, attrs);
    if (result === undefined) return fallback(args);
    return finishFused({ addon, codes }, backend, result, fusedTail(inputs, attrs));
  };
};

/**
 * A convolution gradient kernel: `run(a, b, out, geometry)` on the addon over the float32 inputs
 * named `a` and `b`, into a tensor of the geometry's `out` shape (the one the kernel's attrs give);
 * anything else (dtypes, shapes) goes to the fallback.
 */
function convGradient(
  names: { a: 'dy' | 'x'; b: 'filter' | 'dy'; out: 'inShape' | 'filterShape' },
  run: (addon: NativeAddon) => NativeAddon['conv2dBackpropInput'],
): KernelBuild {
  return ({ addon, fallback }) => {
    return (args) => {
      const backend = args.backend as tf.KernelBackend;
      const inputs = args.inputs as Record<string, tf.TensorInfo>;
      const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs &
        tf.Conv2DBackpropFilterAttrs;
      const inShape = names.out === 'inShape' ? attrs.inputShape : inputs.x?.shape;
      const filterShape = names.out === 'filterShape' ? attrs.filterShape : inputs.filter?.shape;
      const a = inputs[names.a];
      const b = inputs[names.b];
      const info = inShape && filterShape ? convInfo(inShape, filterShape, attrs, 1) : undefined;
      const aValues = a && floatValues(backend, a);
      const bValues = b && floatValues(backend, b);
      if (aValues === undefined || bValues === undefined || info === undefined) {
        return fallback(args);
      }
      const shape = info[names.out];
      const values = uninitializedFloats(tf.util.sizeFromShape(shape));
      run(addon)(aValues, bValues, values, geometry(info));
      return output(backend, shape, values);
    };
  };
}

/** `Conv2DBackpropInput` (the gradient for `x`, and `conv2dTranspose`) as sgemm + col2im. */
export const conv2dBackpropInput = convGradient(
  { a: 'dy', b: 'filter', out: 'inShape' },
  (addon) => addon.conv2dBackpropInput,
);

/** `Conv2DBackpropFilter` (the gradient for the filter) as im2col + sgemm. */
export const conv2dBackpropFilter = convGradient(
  { a: 'x', b: 'dy', out: 'filterShape' },
  (addon) => addon.conv2dBackpropFilter,
);
