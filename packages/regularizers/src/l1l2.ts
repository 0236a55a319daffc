import * as tf from '@dendrite/tensor';
import type { Regularizer } from './regularizer.js';

/** Options of {@link L1L2} and {@link l1l2}. */
export interface L1L2Args {
  /** Factor of `sum(|w|)`, >= 0. @defaultValue 0.01 */
  readonly l1?: number;
  /** Factor of `sum(w²)`, >= 0. @defaultValue 0.01 */
  readonly l2?: number;
}

/** Options of {@link l1}. */
export interface L1Args {
  /** Factor of `sum(|w|)`, >= 0. @defaultValue 0.01 */
  readonly l1?: number;
}

/** Options of {@link l2}. */
export interface L2Args {
  /** Factor of `sum(w²)`, >= 0. @defaultValue 0.01 */
  readonly l2?: number;
}

/** Defaults of {@link L1L2} and {@link l1l2} (TF.js `l1l2`, Keras 2 `l1_l2`). */
export const L1L2_DEFAULTS = Object.freeze({ l1: 0.01, l2: 0.01 });

function checkKeys(config: object, allowed: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      throw new tf.ConfigError(
        tf.configMessage(L1L2.className, 'config key', `one of ${allowed.join(', ')}`, key),
      );
    }
  }
}

/**
 * The penalty `l1 · sum(|w|) + l2 · sum(w²)` (no ½ on the l2 term, as Keras). Terms whose
 * factor is 0 are skipped. `l1(...)` and `l2(...)` are this class with the other factor 0, which
 * is how TF.js stores them.
 * @example new L1L2({ l1: 0.001, l2: 0.01 }).apply(kernel);
 */
export class L1L2 implements Regularizer {
  static readonly className = 'L1L2';
  readonly l1: number;
  readonly l2: number;

  constructor(args: L1L2Args = {}) {
    checkKeys(args, ['l1', 'l2']);
    this.l1 = tf.checkNumber(L1L2.className, 'l1', args.l1 ?? L1L2_DEFAULTS.l1, { min: 0 });
    this.l2 = tf.checkNumber(L1L2.className, 'l2', args.l2 ?? L1L2_DEFAULTS.l2, { min: 0 });
  }

  apply(weight: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const w = weight.dtype === 'float32' ? weight : tf.cast(weight, 'float32');
      let penalty: tf.Scalar = tf.scalar(0);
      if (this.l1 !== 0) penalty = tf.add(penalty, tf.mul(this.l1, tf.sum(tf.abs(w))));
      if (this.l2 !== 0) penalty = tf.add(penalty, tf.mul(this.l2, tf.sum(tf.square(w))));
      return penalty;
    });
  }

  getClassName(): string {
    return L1L2.className;
  }

  getConfig(): tf.ConfigDict {
    return { l1: this.l1, l2: this.l2 };
  }

  static fromConfig(config: tf.ConfigDict): L1L2 {
    return new L1L2(config as L1L2Args);
  }
}

/**
 * L1 plus L2 penalty.
 * @example l1l2({ l1: 0.01, l2: 0.01 }).apply(kernel);
 */
export function l1l2(args: L1L2Args = {}): L1L2 {
  return new L1L2(args);
}

/**
 * L1 penalty `l1 · sum(|w|)` (an {@link L1L2} with `l2 = 0`).
 * @example l1({ l1: 0.001 }).apply(kernel);
 */
export function l1(args: L1Args = {}): L1L2 {
  checkKeys(args, ['l1']);
  return new L1L2({ l1: args.l1 ?? L1L2_DEFAULTS.l1, l2: 0 });
}

/**
 * L2 penalty `l2 · sum(w²)` (an {@link L1L2} with `l1 = 0`).
 * @example l2({ l2: 0.0005 }).apply(kernel);
 */
export function l2(args: L2Args = {}): L1L2 {
  checkKeys(args, ['l2']);
  return new L1L2({ l1: 0, l2: args.l2 ?? L1L2_DEFAULTS.l2 });
}
