// tfjs-core's hash_util.d.ts names the global `Long` of @types/long and relies on TypeScript
// including every @types package; with `"types": [...]` in a consumer's tsconfig it is not,
// so the emitted declarations reference it (and this package depends on @types/long).
/// <reference types="long" preserve="true" />
import './register.js';

export * from '@tensorflow/tfjs-core';
export {
  type BackendCandidate,
  type BackendChoice,
  type BackendName,
  backendChoice,
  type SelectBackendOptions,
  selectBackend,
} from './backend.js';
export {
  registerBackendCandidate,
  unregisterBackendCandidate,
} from './backend-registry.js';
export {
  BackendError,
  ConfigError,
  configMessage,
  DendriteError,
  DisposedError,
  describeValue,
  NotBuiltError,
  ShapeError,
  UnknownNameError,
  ValueError,
} from './errors.js';
export { firstUseNotice } from './first-use.js';
export {
  describeGpuAdapter,
  type GpuAdapterInfo,
  type GpuAdapterLike,
  gpuAdapterRefusal,
} from './gpu-adapter.js';
export { isHostBackend, registerHostBackend } from './host-backends.js';
export {
  checkDenseChainGrad,
  DendriteDenseChainGrad,
  type DenseChain,
  type DenseChainGradAttrs,
  type DenseChainLayer,
  type DenseChainWeight,
  denseChainGradKernel,
  denseChainInputName,
  denseChainMomentName,
} from './kernels/dense-chain-grad.js';
export {
  checkDenseChainSteps,
  DendriteDenseChainSteps,
  type DenseChainStep,
  type DenseChainSteps,
  type DenseChainStepsAttrs,
} from './kernels/dense-chain-steps.js';
export {
  DendriteDenseGrad,
  type DendriteDenseGradAttrs,
  type DendriteDenseGradInputs,
  type DenseGradValues,
  denseGradValues,
} from './kernels/dense-grad.js';
export {
  DendriteDropout,
  type DendriteDropoutAttrs,
  DendriteDropoutGrad,
  dropoutMaskValues,
  dropoutStateAfter,
} from './kernels/dropout.js';
export {
  type AdamUpdateAttrs,
  type AdamUpdateInputs,
  adamUpdateValues,
  checkAdamAttrs,
  checkSoftmaxAccuracy,
  DendriteAdamUpdate,
  DendriteMatMul,
  type DendriteMatMulActivation,
  type DendriteMatMulAttrs,
  type DendriteMatMulInputs,
  DendriteSoftmaxAccuracy,
  DendriteSoftmaxCrossEntropy,
  DendriteSoftmaxCrossEntropyGrad,
  hasDendriteKernel,
  registerDendriteKernels,
  type SoftmaxAccuracyInputs,
  type SoftmaxCrossEntropyAttrs,
  type SoftmaxCrossEntropyGradInputs,
  type SoftmaxCrossEntropyInputs,
  softmaxAccuracyHits,
} from './kernels/index.js';
export {
  clearSeed,
  createRandom,
  getRandomState,
  getSeed,
  nextSeed,
  RandomGenerator,
  setRandomState,
  setSeed,
} from './random.js';
export { type RowGather, registerRowGather, rowGather } from './row-gather.js';
export {
  type ConfigDict,
  type ConfigValue,
  isSerializedObject,
  Registry,
  type Serializable,
  type SerializedObject,
  serialize,
} from './serialization.js';
export { uploadTensor } from './upload.js';
export { importOptional, platform, type UseBackendOptions, useBackend } from './use-backend.js';
export {
  type AddedOptions,
  booleanOption,
  checkBoolean,
  checkChoice,
  checkNumber,
  type NumberBounds,
  numberOption,
  type OptionCheck,
  type OptionChecks,
  resolveOptions,
} from './validate.js';
