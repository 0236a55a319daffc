import * as tf from '@dendrite/tensor';
import type { Constraint } from './constraint.js';
import { type Axis, axisConfig, checkAxis, checkKeys, EPSILON, l2Norms } from './norms.js';

/** Options of {@link MinMaxNorm}. */
export interface MinMaxNormArgs {
  /** Smallest allowed norm, >= 0. @defaultValue 0 */
  readonly minValue?: number;
  /** Largest allowed norm, >= `minValue`. @defaultValue 1 */
  readonly maxValue?: number;
  /** How far to move toward the allowed range per step, in [0, 1]; 1 projects fully. @defaultValue 1 */
  readonly rate?: number;
  /** Axis (or axes) the norms run over. @defaultValue 0 */
  readonly axis?: Axis;
}

/** Defaults of {@link MinMaxNorm} (Keras). */
export const MIN_MAX_NORM_DEFAULTS = Object.freeze({ minValue: 0, maxValue: 1, rate: 1, axis: 0 });

/**
 * Moves each slice's L2 norm `n` toward `[minValue, maxValue]`:
 * `w · (rate · clip(n, minValue, maxValue) + (1 - rate) · n) / (1e-7 + n)`.
 * @example minMaxNorm({ minValue: 0.5, maxValue: 1, rate: 0.5 }).apply(kernel);
 */
export class MinMaxNorm implements Constraint {
  static readonly className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: Axis;

  constructor(args: MinMaxNormArgs = {}) {
    const owner = MinMaxNorm.className;
    checkKeys(owner, args, ['minValue', 'maxValue', 'rate', 'axis']);
    const d = MIN_MAX_NORM_DEFAULTS;
    this.minValue = tf.checkNumber(owner, 'minValue', args.minValue ?? d.minValue, { min: 0 });
    this.maxValue = tf.checkNumber(owner, 'maxValue', args.maxValue ?? d.maxValue, {
      min: this.minValue,
    });
    this.rate = tf.checkNumber(owner, 'rate', args.rate ?? d.rate, { min: 0, max: 1 });
    this.axis = checkAxis(owner, args.axis ?? d.axis);
  }

  apply(weight: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const norms = l2Norms(MinMaxNorm.className, weight, this.axis);
      const clipped = tf.clipByValue(norms, this.minValue, this.maxValue);
      const desired = tf.add(tf.mul(this.rate, clipped), tf.mul(1 - this.rate, norms));
      return tf.mul(weight, tf.div(desired, tf.add(norms, EPSILON)));
    });
  }

  getClassName(): string {
    return MinMaxNorm.className;
  }

  getConfig(): tf.ConfigDict {
    return {
      minValue: this.minValue,
      maxValue: this.maxValue,
      rate: this.rate,
      axis: axisConfig(this.axis),
    };
  }

  static fromConfig(config: tf.ConfigDict): MinMaxNorm {
    return new MinMaxNorm(config as MinMaxNormArgs);
  }
}

/**
 * Creates a {@link MinMaxNorm} constraint.
 * @example minMaxNorm({ minValue: 0, maxValue: 1, rate: 1, axis: 0 });
 */
export function minMaxNorm(args: MinMaxNormArgs = {}): MinMaxNorm {
  return new MinMaxNorm(args);
}
