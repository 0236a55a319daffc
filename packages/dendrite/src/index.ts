/**
 * Dendrite: Keras-style deep learning for TypeScript, on the tensor engine of TensorFlow.js.
 *
 * This entry is the platform-independent namespace; `dendrite` resolves to `node.ts` on Node
 * (adds file-system save/load, Fashion-MNIST/MNIST loaders, CSV/TensorBoard callbacks) and to
 * `browser.ts` in browsers (IndexedDB, downloads and WebGL through tfjs-core).
 * @example
 * import * as dd from 'dendrite';
 * const model = dd.sequential({ layers: [dd.layers.dense({ units: 10, inputShape: [784], activation: 'softmax' })] });
 * model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
 */

export * as activations from '@dendrite/activations';
export type { History, Logs } from '@dendrite/callbacks';
export * as callbacks from '@dendrite/callbacks';
export * as constraints from '@dendrite/constraints';
export * as data from '@dendrite/data';
export * as initializers from '@dendrite/initializers';
export * as layers from '@dendrite/layers';
export { input } from '@dendrite/layers';
export * as losses from '@dendrite/losses';
export * as metrics from '@dendrite/metrics';
export * as models from '@dendrite/models';
export {
  computeGradientStats,
  LayersModel,
  loadModel,
  type ModelArgs,
  type ModelCompileArgs,
  type ModelEvaluateArgs,
  type ModelFitArgs,
  type ModelPredictArgs,
  model,
  Sequential,
  type SequentialArgs,
  sequential,
} from '@dendrite/models';
export * as optimizers from '@dendrite/optimizers';
export * as regularizers from '@dendrite/regularizers';
export * as tf from '@dendrite/tensor';
export {
  type BackendChoice,
  type BackendName,
  backendChoice,
  dispose,
  memory,
  platform,
  type Scalar,
  setSeed,
  type Tensor,
  tensor,
  tidy,
  useBackend,
} from '@dendrite/tensor';
