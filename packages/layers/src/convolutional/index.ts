export { BASE_CONV_DEFAULTS, BaseConv, type BaseConvArgs } from './base-conv.js';
export { Conv, type ConvArgs } from './conv.js';
export {
  type Conv2dSpec,
  conv2dOp,
  conv2dTransposeOp,
  convFilterGrad,
  depthwiseConv2dOp,
  portableConv2d,
} from './conv-ops.js';
export {
  convOutputLength,
  type DataFormat,
  deconvOutputLength,
  type PaddingMode,
} from './conv-utils.js';
export { Conv1D, type Conv1DArgs, conv1d } from './conv1d.js';
export { Conv2D, type Conv2DArgs, conv2d } from './conv2d.js';
export { Conv2DTranspose, type Conv2DTransposeArgs, conv2dTranspose } from './conv2d-transpose.js';
export { DepthwiseConv2D, type DepthwiseConv2DArgs, depthwiseConv2d } from './depthwise-conv2d.js';
export { SeparableConv2D, type SeparableConv2DArgs, separableConv2d } from './separable-conv2d.js';
export {
  UP_SAMPLING_2D_DEFAULTS,
  UpSampling2D,
  type UpSampling2DArgs,
  type UpSamplingInterpolation,
  upSampling2d,
} from './up-sampling2d.js';
export {
  ZeroPadding2D,
  type ZeroPadding2DArgs,
  type ZeroPadding2DPadding,
  zeroPadding2d,
} from './zero-padding2d.js';
