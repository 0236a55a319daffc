import type { LayerClass } from '../layer.js';
import { ELU } from './elu.js';
import { LeakyReLU } from './leaky-relu.js';
import { PReLU } from './prelu.js';
import { ReLU } from './relu.js';
import { Softmax } from './softmax.js';
import { ThresholdedReLU } from './thresholded-relu.js';

/** Activation layer classes for the registry. */
export const activationLayerClasses: readonly LayerClass[] = [
  ReLU,
  LeakyReLU,
  PReLU,
  ELU,
  Softmax,
  ThresholdedReLU,
];
