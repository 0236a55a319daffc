import type * as constraints from '@dendrite/constraints';
import type * as initializers from '@dendrite/initializers';
import type * as regularizers from '@dendrite/regularizers';
import type * as tf from '@dendrite/tensor';
import {
  addWeightOptions,
  type WeightSettings,
  weightConfig,
  weightSettings,
} from '../convolutional/weight-config.js';
import type { Layer } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';

/** Config of the learned scale `gamma` and offset `beta` of a normalization layer. */
export interface ScaleOffsetArgs {
  /** Whether to add the learned offset `beta`. @defaultValue true */
  readonly center?: boolean;
  /** Whether to multiply by the learned scale `gamma`. @defaultValue true */
  readonly scale?: boolean;
  /** @defaultValue 'zeros' */
  readonly betaInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue 'ones' */
  readonly gammaInitializer?: initializers.InitializerIdentifier;
  /** @defaultValue none */
  readonly betaRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly gammaRegularizer?: regularizers.RegularizerIdentifier | null;
  /** @defaultValue none */
  readonly betaConstraint?: constraints.ConstraintIdentifier | null;
  /** @defaultValue none */
  readonly gammaConstraint?: constraints.ConstraintIdentifier | null;
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
    this.beta = weightSettings(
      args.betaInitializer,
      'zeros',
      args.betaRegularizer,
      args.betaConstraint,
    );
    this.gamma = weightSettings(
      args.gammaInitializer,
      'ones',
      args.gammaRegularizer,
      args.gammaConstraint,
    );
  }

  /** Adds `gamma` then `beta` of `shape` to `layer`, each only when enabled. */
  addWeights(
    layer: Layer,
    shape: number[],
  ): { gamma: LayerVariable | undefined; beta: LayerVariable | undefined } {
    const gamma = this.scale
      ? layer.addWeight('gamma', shape, addWeightOptions(this.gamma))
      : undefined;
    const beta = this.center
      ? layer.addWeight('beta', shape, addWeightOptions(this.beta))
      : undefined;
    return { gamma, beta };
  }

  /** The config entries `center`, `scale`, then beta's and gamma's initializer, regularizer and constraint. */
  getConfig(): tf.ConfigDict {
    return {
      center: this.center,
      scale: this.scale,
      ...weightConfig('beta', this.beta),
      ...weightConfig('gamma', this.gamma),
    };
  }
}
