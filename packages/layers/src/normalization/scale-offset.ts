import type * as tf from '@dendrite/tensor';
import { type WeightArgs, WeightSettings } from '../convolutional/weight-config.js';
import type { Layer } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';

/**
 * Config of the learned scale `gamma` and offset `beta` of a normalization layer; `beta`
 * (initializer default 'zeros') and `gamma` ('ones') each take an
 * initializer, a regularizer and a constraint ({@link WeightArgs}; none by default).
 */
export interface ScaleOffsetArgs extends WeightArgs<'beta'>, WeightArgs<'gamma'> {
  /** Whether to add the learned offset `beta`. @defaultValue true */
  readonly center?: boolean;
  /** Whether to multiply by the learned scale `gamma`. @defaultValue true */
  readonly scale?: boolean;
}

/** Defaults of {@link ScaleOffsetArgs} (Keras). */
export const SCALE_OFFSET_DEFAULTS = Object.freeze({ center: true, scale: true });

/**
 * The resolved `gamma`/`beta` settings of BatchNormalization and LayerNormalization: which of
 * the two exist, how they are made, and their config entries.
 */
export class ScaleOffset {
  readonly center: boolean;
  readonly scale: boolean;
  private readonly beta: WeightSettings;
  private readonly gamma: WeightSettings;

  constructor(args: ScaleOffsetArgs) {
    this.center = args.center ?? SCALE_OFFSET_DEFAULTS.center;
    this.scale = args.scale ?? SCALE_OFFSET_DEFAULTS.scale;
    this.beta = new WeightSettings(args, 'beta', 'zeros');
    this.gamma = new WeightSettings(args, 'gamma', 'ones');
  }

  /** Adds `gamma` then `beta` of `shape` to `layer`, each only when enabled. */
  addWeights(
    layer: Layer,
    shape: number[],
  ): { gamma: LayerVariable | undefined; beta: LayerVariable | undefined } {
    const gamma = this.scale
      ? layer.addWeight('gamma', shape, this.gamma.addWeightOptions())
      : undefined;
    const beta = this.center
      ? layer.addWeight('beta', shape, this.beta.addWeightOptions())
      : undefined;
    return { gamma, beta };
  }

  /** The config entries `center`, `scale`, then beta's and gamma's initializer, regularizer and constraint. */
  getConfig(): tf.ConfigDict {
    return {
      center: this.center,
      scale: this.scale,
      ...this.beta.config(),
      ...this.gamma.config(),
    };
  }
}
