import * as tf from '@dendrite/tensor';
import { computeFans } from './fans.js';
import { BaseInitializer, checkFloatDtype, checkKeys, checkSeed } from './initializer.js';

/** Which fan divides `scale`. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/** The distribution drawn from. */
export type Distribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

/** Options of {@link VarianceScaling}. */
export interface VarianceScalingArgs {
  /** Scaling factor, > 0. @defaultValue 1 */
  readonly scale?: number;
  /** `'fanIn'`, `'fanOut'` or `'fanAvg'` (Keras' `'fan_in'`, ... are accepted too). @defaultValue 'fanIn' */
  readonly mode?: FanMode | 'fan_in' | 'fan_out' | 'fan_avg';
  /**
   * `'truncatedNormal'`, `'untruncatedNormal'` or `'uniform'`; Keras' snake_case spellings and
   * TF.js' `'normal'` (= truncated normal, as in Keras 2) are accepted too.
   * @defaultValue 'truncatedNormal'
   */
  readonly distribution?: Distribution | 'normal' | 'truncated_normal' | 'untruncated_normal';
  /** Seed; without one, each `apply` draws a seed from the global stream (`tf.setSeed`). @defaultValue undefined */
  readonly seed?: number | null;
}

/** Defaults of {@link VarianceScaling} (Keras). */
export const VARIANCE_SCALING_DEFAULTS = Object.freeze({
  scale: 1,
  mode: 'fanIn' as FanMode,
  distribution: 'truncatedNormal' as Distribution,
});

const MODES: Readonly<Record<string, FanMode>> = {
  fanIn: 'fanIn',
  fan_in: 'fanIn',
  fanOut: 'fanOut',
  fan_out: 'fanOut',
  fanAvg: 'fanAvg',
  fan_avg: 'fanAvg',
};

const DISTRIBUTIONS: Readonly<Record<string, Distribution>> = {
  truncatedNormal: 'truncatedNormal',
  truncated_normal: 'truncatedNormal',
  normal: 'truncatedNormal',
  untruncatedNormal: 'untruncatedNormal',
  untruncated_normal: 'untruncatedNormal',
  uniform: 'uniform',
};

// Standard deviation of N(0, 1) truncated to [-2, 2]; dividing by it gives the truncated draw
// the intended variance (Keras' constant).
const TRUNCATED_STDDEV = 0.87962566103423978;

function resolveChoice<T extends string>(
  owner: string,
  argument: string,
  value: unknown,
  table: Readonly<Record<string, T>>,
): T {
  const found = typeof value === 'string' ? table[value] : undefined;
  if (found === undefined || !Object.hasOwn(table, value as string)) {
    const names = Object.keys(table).map((k) => `'${k}'`);
    throw new tf.ConfigError(
      tf.configMessage(owner, argument, `one of ${names.join(', ')}`, value),
    );
  }
  return found;
}

/**
 * Keras' variance scaling: draws with variance `scale / n`, `n` the fan-in, fan-out or their
 * mean ({@link computeFans}). Truncated normal uses stddev `sqrt(scale / n) / 0.8796…` so the
 * truncated draw has the intended variance; uniform uses limit `sqrt(3 scale / n)`.
 * @example varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed: 1 });
 */
export class VarianceScaling extends BaseInitializer {
  static readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed: number | undefined;

  constructor(args: VarianceScalingArgs = {}, owner = VarianceScaling.className) {
    super();
    checkKeys(owner, args, ['scale', 'mode', 'distribution', 'seed']);
    this.scale = tf.checkNumber(owner, 'scale', args.scale ?? VARIANCE_SCALING_DEFAULTS.scale, {
      min: 0,
      minExclusive: true,
    });
    this.mode = resolveChoice(owner, 'mode', args.mode ?? VARIANCE_SCALING_DEFAULTS.mode, MODES);
    this.distribution = resolveChoice(
      owner,
      'distribution',
      args.distribution ?? VARIANCE_SCALING_DEFAULTS.distribution,
      DISTRIBUTIONS,
    );
    this.seed = checkSeed(owner, args.seed);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    checkFloatDtype(this.getClassName(), dtype);
    const [fanIn, fanOut] = computeFans(shape);
    const n =
      this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, n);
    const seed = this.seed ?? tf.nextSeed();
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tf.randomUniform(shape, -limit, limit, 'float32', seed);
    }
    if (this.distribution === 'untruncatedNormal') {
      return tf.randomNormal(shape, 0, Math.sqrt(variance), 'float32', seed);
    }
    return tf.truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_STDDEV, 'float32', seed);
  }

  getClassName(): string {
    return VarianceScaling.className;
  }

  getConfig(): tf.ConfigDict {
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      seed: this.seed ?? null,
    };
  }

  static fromConfig(config: tf.ConfigDict): VarianceScaling {
    return new VarianceScaling(config as VarianceScalingArgs);
  }
}

/**
 * Creates a {@link VarianceScaling} initializer.
 * @example varianceScaling({ scale: 1, mode: 'fanAvg', distribution: 'uniform' }); // = glorotUniform
 */
export function varianceScaling(args: VarianceScalingArgs = {}): VarianceScaling {
  return new VarianceScaling(args);
}
