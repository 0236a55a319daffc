import * as tf from '@dendrite/tensor';
import { checkPositive } from '../validate.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Config of {@link inverseTimeDecay}. */
export interface InverseTimeDecayArgs {
  /** Learning rate at step 0. */
  readonly initialLearningRate: number;
  /** Steps per unit of decay. */
  readonly decaySteps: number;
  /** Rate of the `1 / (1 + decayRate * p)` decay. */
  readonly decayRate: number;
  /** Decay in whole periods (`floor(step / decaySteps)`). @defaultValue false */
  readonly staircase?: boolean;
}

const DEFAULTS = Object.freeze({ staircase: false });

/**
 * `initialLearningRate / (1 + decayRate * step / decaySteps)`, with `step / decaySteps`
 * floored when `staircase` is set (Keras `InverseTimeDecay`).
 */
export class InverseTimeDecay extends LearningRateSchedule {
  static override readonly className = 'InverseTimeDecay';
  readonly config: Required<InverseTimeDecayArgs>;

  constructor(args: InverseTimeDecayArgs) {
    super();
    const owner = InverseTimeDecay.className;
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
    return initialLearningRate / (1 + decayRate * p);
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }

  static fromConfig(config: tf.ConfigDict): InverseTimeDecay {
    return new InverseTimeDecay(config as unknown as InverseTimeDecayArgs);
  }
}

/**
 * Creates an {@link InverseTimeDecay} schedule.
 * @example const lr = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 */
export function inverseTimeDecay(args: InverseTimeDecayArgs): InverseTimeDecay {
  return new InverseTimeDecay(args);
}
