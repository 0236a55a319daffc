import * as tf from '@dendrite/tensor';
import { FeatureScaler, type FittedFeatures } from './feature-scaler.js';
import { configNumbers, handleZeroScale, readMatrix, type ScalerInput } from './scaler-input.js';

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerArgs {
  /** The `[min, max]` range features are mapped to. @defaultValue [0, 1] */
  readonly featureRange?: readonly [number, number];
  /** Clip transformed values of unseen data to `featureRange`. @defaultValue false */
  readonly clip?: boolean;
}

const DEFAULTS = Object.freeze({ featureRange: [0, 1] as const, clip: false });

interface FittedState extends FittedFeatures {
  readonly dataMin: number[];
  readonly dataMax: number[];
  readonly scale: number[];
  readonly min: number[];
}

/** Derives `scale` and `min` from the data range, so `fit` and `fromConfig` agree exactly. */
function fittedState(
  [lo, hi]: readonly [number, number],
  featureShape: number[],
  dataMin: number[],
  dataMax: number[],
): FittedState {
  const scale = dataMin.map((v, f) => (hi - lo) / handleZeroScale((dataMax[f] as number) - v));
  const min = dataMin.map((v, f) => lo - v * (scale[f] as number));
  return { featureShape, dataMin, dataMax, scale, min };
}

/**
 * Maps each feature (along axis 0) linearly onto `featureRange`, as scikit-learn's
 * `MinMaxScaler`: `x * scale + min` with `scale = (hi - lo) / (dataMax - dataMin)` and
 * `min = lo - dataMin * scale`; a constant feature gets range 1 (so it maps to `lo`).
 * NaNs are ignored in `fit`. State is plain numbers, saved by `getConfig`.
 * @example
 * const scaler = minMaxScaler({ featureRange: [-1, 1] });
 * const y = scaler.fitTransform(x); // caller owns y
 */
export class MinMaxScaler extends FeatureScaler<FittedState> {
  static readonly className = 'MinMaxScaler';
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;

  constructor(args: MinMaxScalerArgs = {}) {
    super();
    const range = args.featureRange ?? DEFAULTS.featureRange;
    const ok =
      Array.isArray(range) &&
      range.length === 2 &&
      range.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      (range[0] as number) < (range[1] as number);
    if (!ok) {
      throw new tf.ConfigError(
        tf.configMessage(
          'MinMaxScaler',
          'featureRange',
          'two finite numbers [min, max] with min < max',
          range,
        ),
      );
    }
    this.featureRange = [range[0], range[1]];
    this.clip = tf.checkBoolean('MinMaxScaler', 'clip', args.clip ?? DEFAULTS.clip);
  }

  /** Per-feature data minimum after `fit`, else undefined. */
  get dataMin(): readonly number[] | undefined {
    return this.state?.dataMin;
  }
  /** Per-feature data maximum after `fit`, else undefined. */
  get dataMax(): readonly number[] | undefined {
    return this.state?.dataMax;
  }
  /** Per-feature factor `(hi - lo) / (dataMax - dataMin)` after `fit`, else undefined. */
  get scale(): readonly number[] | undefined {
    return this.state?.scale;
  }
  /** Per-feature offset `lo - dataMin * scale` after `fit`, else undefined. */
  get min(): readonly number[] | undefined {
    return this.state?.min;
  }

  /** Records the per-feature minimum and maximum of `x` (shape `[samples, ...features]`). */
  override fit(x: ScalerInput): this {
    const { values, rows, features, featureShape } = readMatrix('MinMaxScaler', x);
    const dataMin = new Array<number>(features).fill(Number.NaN);
    const dataMax = new Array<number>(features).fill(Number.NaN);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < features; f++) {
        const v = values[r * features + f] as number;
        if (Number.isNaN(v)) continue;
        if (!(v >= (dataMin[f] as number))) dataMin[f] = v;
        if (!(v <= (dataMax[f] as number))) dataMax[f] = v;
      }
    }
    this.state = fittedState(this.featureRange, featureShape, dataMin, dataMax);
    return this;
  }

  /** `x * scale + min`, clipped to `featureRange` when `clip`. */
  protected forward(x: tf.Tensor, s: FittedState): tf.Tensor {
    const y = tf.add(
      tf.mul(x, tf.tensor(s.scale, s.featureShape)),
      tf.tensor(s.min, s.featureShape),
    );
    return this.clip ? tf.clipByValue(y, this.featureRange[0], this.featureRange[1]) : y;
  }

  /** `(y - min) / scale`. */
  protected backward(y: tf.Tensor, s: FittedState): tf.Tensor {
    return tf.div(tf.sub(y, tf.tensor(s.min, s.featureShape)), tf.tensor(s.scale, s.featureShape));
  }

  /** `'MinMaxScaler'`. */
  override getClassName(): string {
    return MinMaxScaler.className;
  }

  /** Options and fitted state (null before `fit`). */
  getConfig(): tf.ConfigDict {
    const s = this.state;
    return {
      featureRange: [...this.featureRange],
      clip: this.clip,
      featureShape: s ? s.featureShape : null,
      dataMin: s ? s.dataMin : null,
      dataMax: s ? s.dataMax : null,
    };
  }

  /** Rebuilds a scaler, fitted state included, from {@link MinMaxScaler.getConfig}. */
  static fromConfig(config: tf.ConfigDict): MinMaxScaler {
    const scaler = new MinMaxScaler({
      featureRange: config.featureRange as unknown as [number, number],
      clip: config.clip as boolean,
    });
    const featureShape = configNumbers(
      'MinMaxScaler',
      'featureShape',
      config.featureShape,
      undefined,
    );
    if (featureShape) {
      const size = featureShape.reduce((a, b) => a * b, 1);
      const dataMin = configNumbers('MinMaxScaler', 'dataMin', config.dataMin, size) as number[];
      const dataMax = configNumbers('MinMaxScaler', 'dataMax', config.dataMax, size) as number[];
      scaler.state = fittedState(scaler.featureRange, featureShape, dataMin, dataMax);
    }
    return scaler;
  }
}

/** Creates a {@link MinMaxScaler}. @example minMaxScaler({ featureRange: [0, 1] }) */
export function minMaxScaler(args: MinMaxScalerArgs = {}): MinMaxScaler {
  return new MinMaxScaler(args);
}
