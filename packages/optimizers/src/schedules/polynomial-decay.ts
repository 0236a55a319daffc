import * as tf from '@dendrite/tensor';
import { checkPositive } from '../validate.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Config of {@link polynomialDecay}. */
export interface PolynomialDecayArgs {
  /** Learning rate at step 0. */
  readonly initialLearningRate: number;
  /** Steps to go from the initial to the end learning rate. */
  readonly decaySteps: number;
  /** Learning rate reached after `decaySteps`. @defaultValue 0.0001 */
  readonly endLearningRate?: number;
  /** Power of the polynomial. @defaultValue 1 */
  readonly power?: number;
  /** Restart at the next multiple of `decaySteps` instead of staying at the end. @defaultValue false */
  readonly cycle?: boolean;
}

const DEFAULTS = Object.freeze({ endLearningRate: 0.0001, power: 1, cycle: false });

/**
 * `(initial - end) * (1 - step / decaySteps) ^ power + end`, with `step` capped at
 * `decaySteps`, or with `decaySteps` stretched to the next multiple above `step` when
 * `cycle` is set (Keras `PolynomialDecay`).
 */
export class PolynomialDecay extends LearningRateSchedule {
  static override readonly className = 'PolynomialDecay';
  readonly config: Required<PolynomialDecayArgs>;

  constructor(args: PolynomialDecayArgs) {
    super();
    const owner = PolynomialDecay.className;
    this.config = {
      initialLearningRate: tf.checkNumber(owner, 'initialLearningRate', args.initialLearningRate, {
        min: 0,
      }),
      decaySteps: checkPositive(owner, 'decaySteps', args.decaySteps),
      endLearningRate: tf.checkNumber(
        owner,
        'endLearningRate',
        args.endLearningRate ?? DEFAULTS.endLearningRate,
        { min: 0 },
      ),
      power: tf.checkNumber(owner, 'power', args.power ?? DEFAULTS.power, { min: 0 }),
      cycle: tf.checkBoolean(owner, 'cycle', args.cycle ?? DEFAULTS.cycle),
    };
  }

  call(step: number): number {
    const { initialLearningRate, endLearningRate, power, cycle } = this.config;
    let { decaySteps } = this.config;
    if (cycle) {
      decaySteps *= step === 0 ? 1 : Math.ceil(step / decaySteps);
    } else {
      step = Math.min(step, decaySteps);
    }
    return (
      (initialLearningRate - endLearningRate) * (1 - step / decaySteps) ** power + endLearningRate
    );
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }
}

/**
 * Creates a {@link PolynomialDecay} schedule.
 * @example const lr = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10000, endLearningRate: 0.01, power: 0.5 });
 */
export function polynomialDecay(args: PolynomialDecayArgs): PolynomialDecay {
  return new PolynomialDecay(args);
}
