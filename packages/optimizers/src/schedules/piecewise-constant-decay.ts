import * as tf from '@dendrite/tensor';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Config of {@link piecewiseConstantDecay}. */
export interface PiecewiseConstantDecayArgs {
  /** Strictly increasing step boundaries. */
  readonly boundaries: readonly number[];
  /** One more value than boundaries: `values[i]` applies while `step <= boundaries[i]`. */
  readonly values: readonly number[];
}

/**
 * `values[0]` while `step <= boundaries[0]`, `values[1]` while `boundaries[0] < step <=
 * boundaries[1]`, ..., and `values[n]` after the last boundary (Keras `PiecewiseConstantDecay`).
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static override readonly className = 'PiecewiseConstantDecay';
  readonly config: PiecewiseConstantDecayArgs;

  constructor(args: PiecewiseConstantDecayArgs) {
    super();
    const owner = PiecewiseConstantDecay.className;
    const { boundaries, values } = args;
    if (!Array.isArray(boundaries) || boundaries.length === 0) {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'boundaries', 'a non-empty array of numbers', boundaries),
      );
    }
    boundaries.forEach((b, i) => {
      tf.checkNumber(owner, `boundaries[${i}]`, b);
      if (i > 0 && b <= (boundaries[i - 1] as number)) {
        throw new tf.ConfigError(
          tf.configMessage(owner, 'boundaries', 'strictly increasing', boundaries),
        );
      }
    });
    if (!Array.isArray(values) || values.length !== boundaries.length + 1) {
      throw new tf.ConfigError(
        tf.configMessage(
          owner,
          'values',
          `an array of ${boundaries.length + 1} numbers (one more than \`boundaries\`)`,
          values,
        ),
      );
    }
    values.forEach((v, i) => {
      tf.checkNumber(owner, `values[${i}]`, v, { min: 0 });
    });
    this.config = { boundaries: [...boundaries], values: [...values] };
  }

  call(step: number): number {
    const { boundaries, values } = this.config;
    const index = boundaries.findIndex((b) => step <= b);
    return (index < 0 ? values[values.length - 1] : values[index]) as number;
  }

  getConfig(): tf.ConfigDict {
    return { boundaries: [...this.config.boundaries], values: [...this.config.values] };
  }
}

/**
 * Creates a {@link PiecewiseConstantDecay} schedule.
 * @example const lr = piecewiseConstantDecay({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
 */
export function piecewiseConstantDecay(args: PiecewiseConstantDecayArgs): PiecewiseConstantDecay {
  return new PiecewiseConstantDecay(args);
}
