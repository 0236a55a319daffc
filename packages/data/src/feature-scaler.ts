import * as tf from '@dendrite/tensor';
import { type ScalerInput, toTensor } from './scaler-input.js';

/** What every fitted scaler state holds: the feature shape `fit` saw. */
export interface FittedFeatures {
  readonly featureShape: number[];
}

/**
 * What the scalers share: the fitted state, `transform` and `inverseTransform` run in `tidy` on
 * a float32 view of the input checked against the fitted feature shape, `fitTransform`, and the
 * "call `fit` first" error. A scaler gives `fit` and the math of each direction.
 */
export abstract class FeatureScaler<S extends FittedFeatures> {
  protected state: S | undefined;

  /** The scaler's class name, the owner in messages. */
  abstract getClassName(): string;

  /** Learns the per-feature statistics of `x` (shape `[samples, ...features]`). */
  abstract fit(x: ScalerInput): this;

  /** The forward map of a checked float32 input. */
  protected abstract forward(x: tf.Tensor, state: S): tf.Tensor;

  /** The inverse map of a checked float32 input. */
  protected abstract backward(y: tf.Tensor, state: S): tf.Tensor;

  /** Scales `x` with the fitted statistics; returns a float32 tensor the caller owns. */
  transform(x: ScalerInput): tf.Tensor {
    return this.map('transform', x, (input, state) => this.forward(input, state));
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: ScalerInput): tf.Tensor {
    return this.fit(x).transform(x);
  }

  /** Undoes {@link transform}; returns a float32 tensor the caller owns. */
  inverseTransform(y: ScalerInput): tf.Tensor {
    return this.map('inverseTransform', y, (input, state) => this.backward(input, state));
  }

  private map(
    method: string,
    x: ScalerInput,
    f: (input: tf.Tensor, state: S) => tf.Tensor,
  ): tf.Tensor {
    const state = this.state;
    if (!state) {
      throw new tf.NotBuiltError(`${this.getClassName()}: call \`fit\` before \`${method}\``);
    }
    return tf.tidy(() => {
      const y = f(toTensor(this.getClassName(), x, state.featureShape), state);
      // The caller owns the result, never its own input.
      return y === x ? tf.clone(y) : y;
    });
  }
}
