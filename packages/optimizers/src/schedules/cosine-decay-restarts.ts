import * as tf from '@dendrite/tensor';
import { checkPositive } from '../validate.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Config of {@link cosineDecayRestarts}. */
export interface CosineDecayRestartsArgs {
  /** Learning rate at step 0. */
  readonly initialLearningRate: number;
  /** Length of the first cosine period, in steps. */
  readonly firstDecaySteps: number;
  /** Each period is `tMul` times longer than the previous one. @defaultValue 2 */
  readonly tMul?: number;
  /** Each period starts at `mMul` times the previous starting rate. @defaultValue 1 */
  readonly mMul?: number;
  /** Minimum rate as a fraction of `initialLearningRate`. @defaultValue 0 */
  readonly alpha?: number;
}

const DEFAULTS = Object.freeze({ tMul: 2, mMul: 1, alpha: 0 });

/**
 * Cosine decay with warm restarts, SGDR (Loshchilov & Hutter, 2016; Keras
 * `CosineDecayRestarts`): period `i` lasts `firstDecaySteps * tMul^i` steps and starts at
 * `initialLearningRate * mMul^i`, decaying to `alpha` times that.
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  static override readonly className = 'CosineDecayRestarts';
  readonly config: Required<CosineDecayRestartsArgs>;

  constructor(args: CosineDecayRestartsArgs) {
    super();
    const owner = CosineDecayRestarts.className;
    this.config = {
      initialLearningRate: tf.checkNumber(owner, 'initialLearningRate', args.initialLearningRate, {
        min: 0,
      }),
      firstDecaySteps: checkPositive(owner, 'firstDecaySteps', args.firstDecaySteps),
      tMul: checkPositive(owner, 'tMul', args.tMul ?? DEFAULTS.tMul),
      mMul: tf.checkNumber(owner, 'mMul', args.mMul ?? DEFAULTS.mMul, { min: 0 }),
      alpha: tf.checkNumber(owner, 'alpha', args.alpha ?? DEFAULTS.alpha, { min: 0, max: 1 }),
    };
  }

  call(step: number): number {
    const { initialLearningRate, firstDecaySteps, tMul, mMul, alpha } = this.config;
    let fraction = step / firstDecaySteps;
    let restart: number;
    if (tMul === 1) {
      restart = Math.floor(fraction);
      fraction -= restart;
    } else {
      // Index of the period holding `fraction`: sum_{k<i} tMul^k <= fraction (geometric series).
      restart = Math.floor(Math.log(1 - fraction * (1 - tMul)) / Math.log(tMul));
      const done = (1 - tMul ** restart) / (1 - tMul);
      fraction = (fraction - done) / tMul ** restart;
    }
    const cosine = 0.5 * mMul ** restart * (1 + Math.cos(Math.PI * fraction));
    return initialLearningRate * ((1 - alpha) * cosine + alpha);
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }
}

/**
 * Creates a {@link CosineDecayRestarts} schedule.
 * @example const lr = cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 1000 });
 */
export function cosineDecayRestarts(args: CosineDecayRestartsArgs): CosineDecayRestarts {
  return new CosineDecayRestarts(args);
}
