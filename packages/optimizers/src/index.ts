export { Adadelta, type AdadeltaArgs, adadelta } from './adadelta.js';
export { Adagrad, type AdagradArgs, adagrad } from './adagrad.js';
export { Adam, type AdamArgs, adam } from './adam.js';
export { Adamax, type AdamaxArgs, adamax } from './adamax.js';
export { AdamW, type AdamWArgs, adamw } from './adamw.js';
export { Lion, type LionArgs, lion } from './lion.js';
export { Nadam, type NadamArgs, nadam } from './nadam.js';
export {
  type GradientAndVariable,
  type LearningRate,
  type NamedTensor,
  Optimizer,
  type OptimizerArgs,
} from './optimizer.js';
export type { HyperparameterChecks, VariableUpdate } from './optimizer-args.js';
export { type Hyperparameters, type OptimizerBase, optimizerBase } from './optimizer-base.js';
export { get, type OptimizerName, register, serialize } from './registry.js';
export { RMSprop, type RMSpropArgs, rmsprop } from './rmsprop.js';
export {
  CosineDecay,
  type CosineDecayArgs,
  cosineDecay,
} from './schedules/cosine-decay.js';
export {
  CosineDecayRestarts,
  type CosineDecayRestartsArgs,
  cosineDecayRestarts,
} from './schedules/cosine-decay-restarts.js';
export {
  ExponentialDecay,
  type ExponentialDecayArgs,
  exponentialDecay,
} from './schedules/exponential-decay.js';
export {
  InverseTimeDecay,
  type InverseTimeDecayArgs,
  inverseTimeDecay,
} from './schedules/inverse-time-decay.js';
export { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
export {
  PiecewiseConstantDecay,
  type PiecewiseConstantDecayArgs,
  piecewiseConstantDecay,
} from './schedules/piecewise-constant-decay.js';
export {
  PolynomialDecay,
  type PolynomialDecayArgs,
  polynomialDecay,
} from './schedules/polynomial-decay.js';
export { getSchedule, registerSchedule } from './schedules/registry.js';
export { SGD, type SGDArgs, sgd } from './sgd.js';
