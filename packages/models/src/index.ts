export type {
  CompiledOutput,
  CompiledState,
  LossArg,
  MetricArg,
  ModelCompileArgs,
} from './engine/compile.js';
export type { CompileConfig } from './engine/compile-config.js';
export type { ModelEvaluateArgs } from './engine/evaluate.js';
export type { ModelFitArgs } from './engine/fit.js';
export type { DatasetBatch, FitDatasetSource, ModelFitDatasetArgs } from './engine/fit-dataset.js';
export type { OnBatchResult } from './engine/on-batch.js';
export type { ModelPredictArgs } from './engine/predict.js';
export {
  computeGradientStats,
  type GradientStat,
  type GradientStatsOptions,
} from './gradient-stats.js';
export { deserializeModel } from './io/deserialize.js';
export { loadModel } from './io/load.js';
export {
  type ModelFormat,
  modelFormats,
  type PathStore,
  registerModelFormat,
  registerPathStore,
} from './io/model-formats.js';
export {
  convertPythonicToTs,
  convertTsToPythonic,
  toCamelCase,
  toSnakeCase,
} from './io/pythonic.js';
export type { ModelBytes } from './io/route.js';
export { GENERATED_BY, KERAS_VERSION, type ModelSaveOptions, modelTopology } from './io/save.js';
export { LayersModel, type ModelArgs, model } from './layers-model.js';
export { Sequential, type SequentialArgs, sequential } from './sequential.js';
export { buildTopology, type Topology } from './topology.js';
