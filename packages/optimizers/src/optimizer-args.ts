import * as tf from '@dendrite/tensor';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { getSchedule } from './schedules/registry.js';
import { checkPositive } from './validate.js';

/** A fixed learning rate or a schedule evaluated at the optimizer's iteration count. */
export type LearningRate = number | LearningRateSchedule;

/** A tensor with a name, as in optimizer checkpoints (tfjs-core's `NamedTensor`). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** A gradient and the variable it updates. */
export type GradientAndVariable = readonly [tf.Tensor, tf.Variable];

/** Options every optimizer accepts (Keras 3 `BaseOptimizer` arguments). */
export interface OptimizerArgs {
  /** A number >= 0 or a {@link LearningRateSchedule}. @defaultValue per optimizer (0.001, SGD 0.01) */
  readonly learningRate?: LearningRate;
  /** Decoupled weight decay: `variable -= variable * weightDecay * lr` before each update; `null` for none. @defaultValue null (AdamW 0.004) */
  readonly weightDecay?: number | null;
  /** Rescales each gradient to at most this L2 norm. @defaultValue null */
  readonly clipNorm?: number | null;
  /** Clips each gradient element to `[-clipValue, clipValue]`. @defaultValue null */
  readonly clipValue?: number | null;
  /** Rescales all gradients together to at most this global L2 norm. @defaultValue null */
  readonly globalClipNorm?: number | null;
}

/** One check per hyperparameter an optimizer adds to {@link OptimizerArgs}. */
export type HyperparameterChecks = Readonly<Record<string, tf.OptionCheck<tf.ConfigValue>>>;

/** What the optimizer hands its subclass's update rule for one variable. */
export interface VariableUpdate {
  readonly gradient: tf.Tensor;
  readonly variable: tf.Variable;
  /** The learning rate of this step (a schedule already evaluated). */
  readonly learningRate: number;
  /** The iteration count before this update (0 on the first step). */
  readonly iteration: number;
}

/** A number >= 0 or a schedule. */
export function checkLearningRate(owner: string, value: unknown): LearningRate {
  if (value instanceof LearningRateSchedule) return value;
  return tf.checkNumber(owner, 'learningRate', value, { min: 0 });
}

/** `null` when unset, else a number > 0. */
export function checkOptionalPositive(
  owner: string,
  argument: string,
  value: number | null | undefined,
) {
  return value === undefined || value === null ? null : checkPositive(owner, argument, value);
}

/**
 * Turns a stored config into constructor args: a `{className, config}` learning rate becomes
 * its schedule.
 */
export function argsFromConfig<T extends OptimizerArgs>(config: tf.ConfigDict): T {
  const { learningRate, ...rest } = config;
  const resolved = tf.isSerializedObject(learningRate) ? getSchedule(learningRate) : learningRate;
  return (resolved === undefined ? rest : { ...rest, learningRate: resolved }) as unknown as T;
}
