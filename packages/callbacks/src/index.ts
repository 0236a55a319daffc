export { CALLBACK_HOOKS, Callback, type HookResult } from './callback.js';
export { CallbackList } from './callback-list.js';
export {
  EarlyStopping,
  type EarlyStoppingArgs,
  earlyStopping,
} from './early-stopping.js';
export { checkFrequency, type Frequency } from './frequency.js';
export { History } from './history.js';
export { LambdaCallback, type LambdaCallbackArgs, lambdaCallback } from './lambda-callback.js';
export {
  type EpochScheduleFunction,
  type LearningRateSchedule,
  LearningRateScheduler,
  learningRateScheduler,
} from './learning-rate-scheduler.js';
export {
  ModelCheckpoint,
  type ModelCheckpointArgs,
  modelCheckpoint,
} from './model-checkpoint.js';
export {
  inferMonitorDirection,
  MonitorCallback,
  type MonitorCallbackArgs,
  type MonitorMode,
} from './monitor-callback.js';
export {
  formatLogValue,
  ProgbarLogger,
  type ProgbarLoggerArgs,
  progbarLogger,
} from './progbar-logger.js';
export { formatPythonTemplate, pythonFloatRepr } from './python-format.js';
export {
  ReduceLROnPlateau,
  type ReduceLROnPlateauArgs,
  reduceLROnPlateau,
} from './reduce-lr-on-plateau.js';
export { TerminateOnNaN, type TerminateOnNaNArgs, terminateOnNaN } from './terminate-on-nan.js';
export type {
  Logs,
  NamedTensor,
  TrainingModel,
  TrainingOptimizer,
  TrainingParams,
} from './training-model.js';
