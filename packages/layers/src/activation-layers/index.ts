export { ELU, ELU_LAYER_DEFAULTS, type ELULayerArgs, elu } from './elu.js';
export {
  LEAKY_RELU_LAYER_DEFAULTS,
  LeakyReLU,
  type LeakyReLUArgs,
  leakyReLU,
} from './leaky-relu.js';
export { PRELU_DEFAULTS, PReLU, type PReLUArgs, pReLU, prelu } from './prelu.js';
export { RELU_DEFAULTS, ReLU, type ReLUArgs, reLU } from './relu.js';
export {
  SOFTMAX_LAYER_DEFAULTS,
  Softmax,
  type SoftmaxLayerArgs,
  softmax,
} from './softmax.js';
export {
  THRESHOLDED_RELU_DEFAULTS,
  ThresholdedReLU,
  type ThresholdedReLUArgs,
  thresholdedReLU,
} from './thresholded-relu.js';
