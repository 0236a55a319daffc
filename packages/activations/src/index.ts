export {
  type Activation,
  type ActivationFunction,
  FunctionActivation,
  isActivation,
} from './activation.js';
export { GELU_DEFAULTS, type GeluOptions, gelu, mish, silu, swish } from './gated.js';
export {
  ELU_DEFAULTS,
  type EluOptions,
  elu,
  LEAKY_RELU_DEFAULTS,
  type LeakyReluOptions,
  leakyRelu,
  relu,
  relu6,
  selu,
} from './rectifiers.js';
export {
  type ActivationIdentifier,
  type ActivationName,
  get,
  names,
  register,
  serialize,
} from './registry.js';
export {
  exponential,
  hardSigmoid,
  hardSigmoidKeras2,
  linear,
  sigmoid,
  softplus,
  softsign,
  tanh,
} from './sigmoids.js';
export { logSoftmax, SOFTMAX_DEFAULTS, type SoftmaxOptions, softmax } from './softmax.js';
