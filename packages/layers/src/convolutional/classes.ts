import type { LayerClass } from '../layer.js';
import { Conv1D } from './conv1d.js';
import { Conv2D } from './conv2d.js';
import { Conv2DTranspose } from './conv2d-transpose.js';
import { DepthwiseConv2D } from './depthwise-conv2d.js';
import { SeparableConv2D } from './separable-conv2d.js';
import { UpSampling2D } from './up-sampling2d.js';
import { ZeroPadding2D } from './zero-padding2d.js';

/** Convolutional layer classes for the registry. */
export const convolutionalLayerClasses: readonly LayerClass[] = [
  Conv1D,
  Conv2D,
  Conv2DTranspose,
  DepthwiseConv2D,
  SeparableConv2D,
  UpSampling2D,
  ZeroPadding2D,
];
