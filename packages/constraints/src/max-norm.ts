import * as tf from '@dendrite/tensor';
import type { Constraint } from './constraint.js';
import { type Axis, axisConfig, checkAxis, checkKeys, EPSILON, l2Norms } from './norms.js';

/** Options of {@link MaxNorm}. */
export interface MaxNormArgs {
  /** Largest allowed norm, >= 0. @defaultValue 2 */
  readonly maxValue?: number;
  /** Axis (or axes) the norms run over: 0 for a dense kernel's columns, [0, 1, 2] for a conv kernel's filters. @defaultValue 0 */
  readonly axis?: Axis;
}

/** Defaults of {@link MaxNorm} (Keras). */
export const MAX_NORM_DEFAULTS = Object.freeze({ maxValue: 2, axis: 0 });

/**
 * Rescales each slice along `axis` whose L2 norm exceeds `maxValue` down to `maxValue`:
 * `w · clip(n, 0, maxValue) / (1e-7 + n)` (Srivastava et al., 2014, Dropout).
 * @example maxNorm({ maxValue: 3, axis: 0 }).apply(kernel);
 */
export class MaxNorm implements Constraint {
  static readonly className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: Axis;

  constructor(args: MaxNormArgs = {}) {
    checkKeys(MaxNorm.className, args, ['maxValue', 'axis']);
    this.maxValue = tf.checkNumber(
      MaxNorm.className,
      'maxValue',
      args.maxValue ?? MAX_NORM_DEFAULTS.maxValue,
      { min: 0 },
    );
    this.axis = checkAxis(MaxNorm.className, args.axis ?? MAX_NORM_DEFAULTS.axis);
  }

  apply(weight: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const norms = l2Norms(MaxNorm.className, weight, this.axis);
      const desired = tf.clipByValue(norms, 0, this.maxValue);
      return tf.mul(weight, tf.div(desired, tf.add(norms, EPSILON)));
    });
  }

  getClassName(): string {
    return MaxNorm.className;
  }

  getConfig(): tf.ConfigDict {
    return { maxValue: this.maxValue, axis: axisConfig(this.axis) };
  }

  static fromConfig(config: tf.ConfigDict): MaxNorm {
    return new MaxNorm(config as MaxNormArgs);
  }
}

/**
 * Creates a {@link MaxNorm} constraint.
 * @example maxNorm({ maxValue: 2, axis: 0 });
 */
export function maxNorm(args: MaxNormArgs = {}): MaxNorm {
  return new MaxNorm(args);
}
