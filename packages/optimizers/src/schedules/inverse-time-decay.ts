import type * as tf from '@dendrite/tensor';
import { LearningRateSchedule } from './learning-rate-schedule.js';
import { checkPeriodicDecayArgs, decayPeriods, type PeriodicDecayArgs } from './periodic-decay.js';

/** Config of {@link inverseTimeDecay}. */
export interface InverseTimeDecayArgs extends PeriodicDecayArgs {
  /** Rate of the `1 / (1 + decayRate * p)` decay. */
  readonly decayRate: number;
}

/**
 * `initialLearningRate / (1 + decayRate * step / decaySteps)`, with `step / decaySteps`
 * floored when `staircase` is set (Keras `InverseTimeDecay`).
 */
export class InverseTimeDecay extends LearningRateSchedule {
  static override readonly className = 'InverseTimeDecay';
  readonly config: Required<InverseTimeDecayArgs>;

  constructor(args: InverseTimeDecayArgs) {
    super();
    this.config = checkPeriodicDecayArgs(InverseTimeDecay.className, args);
  }

  call(step: number): number {
    const { initialLearningRate, decayRate } = this.config;
    return initialLearningRate / (1 + decayRate * decayPeriods(step, this.config));
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }
}

/**
 * Creates an {@link InverseTimeDecay} schedule.
 * @example const lr = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 */
export function inverseTimeDecay(args: InverseTimeDecayArgs): InverseTimeDecay {
  return new InverseTimeDecay(args);
}
