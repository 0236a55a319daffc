import * as tf from '@dendrite/tensor';
import { checkPositive } from '../validate.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Config of {@link exponentialDecay}. */
export interface ExponentialDecayArgs {
  /** Learning rate at step 0. */
  readonly initialLearningRate: number;
  /** Steps over which the rate is multiplied by `decayRate` once. */
  readonly decaySteps: number;
  /** Factor applied every `decaySteps` steps. */
  readonly decayRate: number;
  /** Decay in whole periods (`floor(step / decaySteps)`). @defaultValue false */
  readonly staircase?: boolean;
}

const DEFAULTS = Object.freeze({ staircase: false });

/**
 * `initialLearningRate * decayRate ^ (step / decaySteps)`, with the exponent floored when
 * `staircase` is set (Keras `ExponentialDecay`).
 */
export class ExponentialDecay extends LearningRateSchedule {
  static override readonly className = 'ExponentialDecay';
  readonly config: Required<ExponentialDecayArgs>;

  constructor(args: ExponentialDecayArgs) {
    super();
    const owner = ExponentialDecay.className;
    this.config = {
      initialLearningRate: tf.checkNumber(owner, 'initialLearningRate', args.initialLearningRate, {
        min: 0,
      }),
      decaySteps: checkPositive(owner, 'decaySteps', args.decaySteps),
      decayRate: tf.checkNumber(owner, 'decayRate', args.decayRate, { min: 0 }),
      staircase: tf.checkBoolean(owner, 'staircase', args.staircase ?? DEFAULTS.staircase),
    };
  }

  call(step: number): number {
    const { initialLearningRate, decaySteps, decayRate, staircase } = this.config;
    const p = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    return initialLearningRate * decayRate ** p;
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }

  static fromConfig(config: tf.ConfigDict): ExponentialDecay {
    return new ExponentialDecay(config as unknown as ExponentialDecayArgs);
  }
}

/**
 * Creates an {@link ExponentialDecay} schedule.
 * @example const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 });
 */
export function exponentialDecay(args: ExponentialDecayArgs): ExponentialDecay {
  return new ExponentialDecay(args);
}
