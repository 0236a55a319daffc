import * as tf from '@dendrite/tensor';
import type { Constraint } from './constraint.js';
import { type Axis, axisConfig, checkAxis, checkKeys, EPSILON, l2Norms } from './norms.js';

/** Options of {@link UnitNorm}. */
export interface UnitNormArgs {
  /** Axis (or axes) the norms run over. @defaultValue 0 */
  readonly axis?: Axis;
}

/** Defaults of {@link UnitNorm} (Keras). */
export const UNIT_NORM_DEFAULTS = Object.freeze({ axis: 0 });

/**
 * Scales each slice along `axis` to unit L2 norm: `w / (1e-7 + n)`.
 * @example unitNorm({ axis: 0 }).apply(kernel);
 */
export class UnitNorm implements Constraint {
  static readonly className = 'UnitNorm';
  readonly axis: Axis;

  constructor(args: UnitNormArgs = {}) {
    checkKeys(UnitNorm.className, args, ['axis']);
    this.axis = checkAxis(UnitNorm.className, args.axis ?? UNIT_NORM_DEFAULTS.axis);
  }

  apply(weight: tf.Tensor): tf.Tensor {
    return tf.tidy(() =>
      tf.div(weight, tf.add(l2Norms(UnitNorm.className, weight, this.axis), EPSILON)),
    );
  }

  getClassName(): string {
    return UnitNorm.className;
  }

  getConfig(): tf.ConfigDict {
    return { axis: axisConfig(this.axis) };
  }

  static fromConfig(config: tf.ConfigDict): UnitNorm {
    return new UnitNorm(config as UnitNormArgs);
  }
}

/**
 * Creates a {@link UnitNorm} constraint.
 * @example unitNorm({ axis: 0 });
 */
export function unitNorm(args: UnitNormArgs = {}): UnitNorm {
  return new UnitNorm(args);
}
