import * as tf from '@dendrite/tensor';
import { CosineDecay } from './cosine-decay.js';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { ExponentialDecay } from './exponential-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';

const scheduleRegistry = new tf.Registry<LearningRateSchedule>(
  'learning-rate schedule',
  {
    ExponentialDecay: (c) => ExponentialDecay.fromConfig(c),
    InverseTimeDecay: (c) => InverseTimeDecay.fromConfig(c),
    PiecewiseConstantDecay: (c) => PiecewiseConstantDecay.fromConfig(c),
    PolynomialDecay: (c) => PolynomialDecay.fromConfig(c),
    CosineDecay: (c) => CosineDecay.fromConfig(c),
    CosineDecayRestarts: (c) => CosineDecayRestarts.fromConfig(c),
  },
  (value): value is LearningRateSchedule => value instanceof LearningRateSchedule,
);

/**
 * Resolves a schedule from a `{className, config}` object (as stored in an optimizer config)
 * or returns a ready instance unchanged.
 * @example getSchedule({ className: 'ExponentialDecay', config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } });
 */
export function getSchedule(
  identifier: tf.SerializedObject | LearningRateSchedule,
): LearningRateSchedule {
  return scheduleRegistry.get(identifier);
}

/**
 * Registers a user schedule class so configs naming it can be loaded; key it `package>Name`.
 * @example registerSchedule('my>Halving', (config) => Halving.fromConfig(config));
 */
export function registerSchedule(
  key: string,
  create: (config: tf.ConfigDict) => LearningRateSchedule,
): void {
  scheduleRegistry.register(key, create);
}
