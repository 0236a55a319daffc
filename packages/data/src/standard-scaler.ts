import * as tf from '@dendrite/tensor';
import { FeatureScaler, type FittedFeatures } from './feature-scaler.js';
import {
  configNumbers,
  handleZeroScale,
  isConstantFeature,
  readMatrix,
  type ScalerInput,
} from './scaler-input.js';

/** Options of {@link StandardScaler}. */
export interface StandardScalerArgs {
  /** Subtract the per-feature mean. @defaultValue true */
  readonly withMean?: boolean;
  /** Divide by the per-feature standard deviation (population, ddof 0). @defaultValue true */
  readonly withStd?: boolean;
}

const DEFAULTS = Object.freeze({ withMean: true, withStd: true });

interface FittedState extends FittedFeatures {
  readonly mean: number[];
  readonly variance: number[];
  readonly scale: number[];
  readonly nSamplesSeen: number;
}

/**
 * Standardizes features to zero mean and unit variance, per feature along axis 0, as
 * scikit-learn's `StandardScaler`: `z = (x - mean) / scale` with `scale = sqrt(var)` (population
 * variance) and scale 1 for constant features. Statistics are computed in float64; NaNs are
 * ignored in `fit` and kept by `transform`. The fitted state is plain numbers (no tensors to
 * dispose) and is saved by `getConfig`.
 * @example
 * const scaler = standardScaler();
 * const z = scaler.fitTransform(x); // caller owns z
 */
export class StandardScaler extends FeatureScaler<FittedState> {
  static readonly className = 'StandardScaler';
  readonly withMean: boolean;
  readonly withStd: boolean;

  constructor(args: StandardScalerArgs = {}) {
    super();
    this.withMean = tf.checkBoolean(
      'StandardScaler',
      'withMean',
      args.withMean ?? DEFAULTS.withMean,
    );
    this.withStd = tf.checkBoolean('StandardScaler', 'withStd', args.withStd ?? DEFAULTS.withStd);
  }

  /** Per-feature mean after `fit` (flattened feature order), else undefined. */
  get mean(): readonly number[] | undefined {
    return this.state?.mean;
  }
  /** Per-feature population variance after `fit`, else undefined. */
  get variance(): readonly number[] | undefined {
    return this.state?.variance;
  }
  /** Per-feature divisor after `fit` (1 for constant features), else undefined. */
  get scale(): readonly number[] | undefined {
    return this.state?.scale;
  }

  /** Computes the per-feature statistics of `x` (shape `[samples, ...features]`). */
  override fit(x: ScalerInput): this {
    const { values, rows, features, featureShape } = readMatrix('StandardScaler', x);
    const mean = new Array<number>(features).fill(0);
    const variance = new Array<number>(features).fill(0);
    const counts = new Array<number>(features).fill(0);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < features; f++) {
        const v = values[r * features + f] as number;
        if (Number.isNaN(v)) continue;
        mean[f] = (mean[f] as number) + v;
        counts[f] = (counts[f] as number) + 1;
      }
    }
    for (let f = 0; f < features; f++) mean[f] = (mean[f] as number) / (counts[f] as number);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < features; f++) {
        const v = values[r * features + f] as number;
        if (!Number.isNaN(v))
          variance[f] = (variance[f] as number) + (v - (mean[f] as number)) ** 2;
      }
    }
    for (let f = 0; f < features; f++)
      variance[f] = (variance[f] as number) / (counts[f] as number);
    const scale = variance.map((v, f) =>
      isConstantFeature(v, mean[f] as number, counts[f] as number)
        ? 1
        : handleZeroScale(Math.sqrt(v)),
    );
    this.state = { featureShape, mean, variance, scale, nSamplesSeen: rows };
    return this;
  }

  /** `(x - mean) / scale`. */
  protected forward(x: tf.Tensor, state: FittedState): tf.Tensor {
    let y = x;
    if (this.withMean) y = tf.sub(y, tf.tensor(state.mean, state.featureShape));
    if (this.withStd) y = tf.div(y, tf.tensor(state.scale, state.featureShape));
    return y;
  }

  /** `z * scale + mean`. */
  protected backward(z: tf.Tensor, state: FittedState): tf.Tensor {
    let y = z;
    if (this.withStd) y = tf.mul(y, tf.tensor(state.scale, state.featureShape));
    if (this.withMean) y = tf.add(y, tf.tensor(state.mean, state.featureShape));
    return y;
  }

  /** `'StandardScaler'`. */
  override getClassName(): string {
    return StandardScaler.className;
  }

  /** Options and fitted state (null before `fit`). */
  getConfig(): tf.ConfigDict {
    const s = this.state;
    return {
      withMean: this.withMean,
      withStd: this.withStd,
      featureShape: s ? s.featureShape : null,
      mean: s ? s.mean : null,
      variance: s ? s.variance : null,
      scale: s ? s.scale : null,
      nSamplesSeen: s ? s.nSamplesSeen : null,
    };
  }

  /** Rebuilds a scaler, fitted state included, from {@link StandardScaler.getConfig}. */
  static fromConfig(config: tf.ConfigDict): StandardScaler {
    const scaler = new StandardScaler({
      withMean: config.withMean as boolean,
      withStd: config.withStd as boolean,
    });
    const featureShape = configNumbers(
      'StandardScaler',
      'featureShape',
      config.featureShape,
      undefined,
    );
    if (featureShape) {
      const size = featureShape.reduce((a, b) => a * b, 1);
      const read = (name: string) =>
        configNumbers('StandardScaler', name, config[name], size) as number[];
      scaler.state = {
        featureShape,
        mean: read('mean'),
        variance: read('variance'),
        scale: read('scale'),
        nSamplesSeen: tf.checkNumber('StandardScaler', 'nSamplesSeen', config.nSamplesSeen, {
          integer: true,
          min: 1,
        }),
      };
    }
    return scaler;
  }
}

/** Creates a {@link StandardScaler}. @example standardScaler().fitTransform(x) */
export function standardScaler(args: StandardScalerArgs = {}): StandardScaler {
  return new StandardScaler(args);
}
