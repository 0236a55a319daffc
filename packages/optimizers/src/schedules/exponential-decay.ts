import type * as tf from '@dendrite/tensor';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { checkPeriodicDecayArgs, decayPeriods, type PeriodicDecayArgs } from './periodic-decay.js';

/** Config of {@link exponentialDecay}. */
export interface ExponentialDecayArgs extends PeriodicDecayArgs {
  /** Factor applied every `decaySteps` steps. */
  readonly decayRate: number;
}

/**
 * `initialLearningRate * decayRate ^ (step / decaySteps)`, with the exponent floored when
 * `staircase` is set (Keras `ExponentialDecay`).
 */
export class ExponentialDecay extends LearningRateSchedule {
  static override readonly className = 'ExponentialDecay';
  readonly config: Required<ExponentialDecayArgs>;

  constructor(args: ExponentialDecayArgs) {
    super();
    this.config = checkPeriodicDecayArgs(ExponentialDecay.className, args);
  }

  call(step: number): number {
    return (
      this.config.initialLearningRate * this.config.decayRate ** decayPeriods(step, this.config)
    );
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }
}

/**
 * Creates an {@link ExponentialDecay} schedule.
 * @example const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 });
 */
export function exponentialDecay(args: ExponentialDecayArgs): ExponentialDecay {
  return new ExponentialDecay(args);
}
