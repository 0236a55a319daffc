import * as tf from '@dendrite/tensor';
import { checkPositive } from '../validate.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Config of {@link cosineDecay}. */
export interface CosineDecayArgs {
  /** Learning rate at step 0 (the warmup start when `warmupTarget` is set). */
  readonly initialLearningRate: number;
  /** Steps of the cosine decay (after the warmup). */
  readonly decaySteps: number;
  /** Final rate as a fraction of the decay's starting rate. @defaultValue 0 */
  readonly alpha?: number;
  /** Rate reached by a linear warmup before the decay; `null` for no warmup. @defaultValue null */
  readonly warmupTarget?: number | null;
  /** Steps of the linear warmup. @defaultValue 0 */
  readonly warmupSteps?: number;
}

const DEFAULTS = Object.freeze({ alpha: 0, warmupTarget: null, warmupSteps: 0 });

/**
 * Cosine decay with an optional linear warmup (Keras `CosineDecay`; Loshchilov & Hutter 2016,
 * warmup after Goyal et al. 2017). Without warmup:
 * `lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)`.
 * With `warmupTarget`, the rate rises linearly from `initialLearningRate` to `warmupTarget`
 * over `warmupSteps` steps, then decays from `warmupTarget`.
 */
export class CosineDecay extends LearningRateSchedule {
  static override readonly className = 'CosineDecay';
  readonly config: {
    readonly initialLearningRate: number;
    readonly decaySteps: number;
    readonly alpha: number;
    readonly warmupTarget: number | null;
    readonly warmupSteps: number;
  };

  constructor(args: CosineDecayArgs) {
    super();
    const owner = CosineDecay.className;
    const warmupTarget = args.warmupTarget ?? DEFAULTS.warmupTarget;
    this.config = {
      initialLearningRate: tf.checkNumber(owner, 'initialLearningRate', args.initialLearningRate, {
        min: 0,
      }),
      decaySteps: checkPositive(owner, 'decaySteps', args.decaySteps),
      alpha: tf.checkNumber(owner, 'alpha', args.alpha ?? DEFAULTS.alpha, { min: 0, max: 1 }),
      warmupTarget:
        warmupTarget === null
          ? null
          : tf.checkNumber(owner, 'warmupTarget', warmupTarget, { min: 0 }),
      warmupSteps: tf.checkNumber(owner, 'warmupSteps', args.warmupSteps ?? DEFAULTS.warmupSteps, {
        min: 0,
      }),
    };
    if (warmupTarget !== null && this.config.warmupSteps === 0) {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'warmupSteps', '> 0 when `warmupTarget` is set', 0),
      );
    }
  }

  call(step: number): number {
    const { initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps } = this.config;
    const decay = (s: number, from: number): number =>
      from * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * s) / decaySteps)) + alpha);
    if (warmupTarget === null) return decay(Math.min(step, decaySteps), initialLearningRate);
    const s = Math.min(step, decaySteps + warmupSteps);
    if (s < warmupSteps) {
      return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
    }
    return decay(s - warmupSteps, warmupTarget);
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }
}

/**
 * Creates a {@link CosineDecay} schedule.
 * @example const lr = cosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 100 });
 */
export function cosineDecay(args: CosineDecayArgs): CosineDecay {
  return new CosineDecay(args);
}
