import * as tf from '@dendrite/tensor';
import type { NativeAddon } from './addon.js';
import { finishFused } from './bias-activation.js';
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
    return finishFused({ addon, codes }, backend, result.shape, result.values, {
      bias: inputs.bias,
      activation: attrs.activation,
      preluActivationWeights: inputs.preluActivationWeights,
      leakyreluAlpha: attrs.leakyreluAlpha,
    });
  };
};

/** `Conv2DBackpropInput` (the gradient for `x`, and `conv2dTranspose`) as sgemm + col2im. */
export const conv2dBackpropInput: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
    const { dy, filter } = args.inputs as tf.Conv2DBackpropInputInputs;
    const backend = args.backend as tf.KernelBackend;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const dyValues = floatValues(backend, dy as tf.TensorInfo);
    const filterValues = floatValues(backend, filter as tf.TensorInfo);
    const info = convInfo(attrs.inputShape, (filter as tf.TensorInfo).shape, attrs, 1);
    if (dyValues === undefined || filterValues === undefined || info === undefined) {
      return fallback(args);
    }
    const values = uninitializedFloats(tf.util.sizeFromShape(info.inShape));
    addon.conv2dBackpropInput(dyValues, filterValues, values, geometry(info));
    return output(backend, info.inShape, values);
  };
};

/** `Conv2DBackpropFilter` (the gradient for the filter) as im2col + sgemm. */
export const conv2dBackpropFilter: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
    const { x, dy } = args.inputs as tf.Conv2DBackpropFilterInputs;
    const backend = args.backend as tf.KernelBackend;
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const xValues = floatValues(backend, x as tf.TensorInfo);
    const dyValues = floatValues(backend, dy as tf.TensorInfo);
    const info = convInfo((x as tf.TensorInfo).shape, attrs.filterShape, attrs, 1);
    if (xValues === undefined || dyValues === undefined || info === undefined) {
      return fallback(args);
    }
    const values = uninitializedFloats(tf.util.sizeFromShape(info.filterShape));
    addon.conv2dBackpropFilter(xValues, dyValues, values, geometry(info));
    return output(backend, info.filterShape, values);
  };
};
