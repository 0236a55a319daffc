import * as constraints from '@dendrite/constraints';
import * as initializers from '@dendrite/initializers';
import * as regularizers from '@dendrite/regularizers';
import type * as tf from '@dendrite/tensor';

/**
 * The config of one weight named by `P`: `${P}Initializer` (default per layer),
 * `${P}Regularizer` and `${P}Constraint` (both default to none).
 * @example interface DenseArgs extends LayerArgs, WeightArgs<'kernel'>, WeightArgs<'bias'> {}
 */
export type WeightArgs<P extends string> = {
  readonly [K in `${P}Initializer`]?: initializers.InitializerIdentifier;
} & {
  readonly [K in `${P}Regularizer`]?: regularizers.RegularizerIdentifier | null;
} & {
  readonly [K in `${P}Constraint`]?: constraints.ConstraintIdentifier | null;
};

/** The options {@link Layer.addWeight} takes for one weight. */
export interface AddWeightOptions {
  initializer: initializers.Initializer;
  regularizer: regularizers.Regularizer | null;
  constraint: constraints.Constraint | null;
}

/**
 * A `{className, config}` object as a config value (the `SerializedObject` interface has no
 * index signature, so it is copied into a plain object type).
 */
export function configValue(serialized: tf.SerializedObject): tf.ConfigValue {
  return { className: serialized.className, config: serialized.config };
}

/**
 * The initializer, regularizer and constraint of one weight, read from the
 * `${prefix}Initializer`, `${prefix}Regularizer` and `${prefix}Constraint` entries of a layer
 * config and written back to them.
 * @example const kernel = new WeightSettings(args, 'kernel', 'glorotUniform');
 */
export class WeightSettings<P extends string = string> {
  readonly initializer: initializers.Initializer;
  readonly regularizer: regularizers.Regularizer | undefined;
  readonly constraint: constraints.Constraint | undefined;

  /** `fallback` is the initializer used when `args` names none. */
  constructor(
    args: WeightArgs<P>,
    readonly prefix: P,
    fallback: initializers.InitializerIdentifier,
  ) {
    const entries = args as Readonly<Record<string, unknown>>;
    const initializer = entries[`${prefix}Initializer`] as initializers.InitializerIdentifier;
    const regularizer = entries[`${prefix}Regularizer`] as regularizers.RegularizerIdentifier;
    const constraint = entries[`${prefix}Constraint`] as constraints.ConstraintIdentifier;
    this.initializer = initializers.get(initializer ?? fallback);
    this.regularizer = regularizer ? regularizers.get(regularizer) : undefined;
    this.constraint = constraint ? constraints.get(constraint) : undefined;
  }

  /** The options {@link Layer.addWeight} takes for these settings. */
  addWeightOptions(): AddWeightOptions {
    return {
      initializer: this.initializer,
      regularizer: this.regularizer ?? null,
      constraint: this.constraint ?? null,
    };
  }

  /** Config entries `${prefix}Initializer`, `${prefix}Regularizer`, `${prefix}Constraint`. */
  config(): tf.ConfigDict {
    const { prefix, regularizer, constraint } = this;
    return {
      [`${prefix}Initializer`]: configValue(initializers.serialize(this.initializer)),
      [`${prefix}Regularizer`]: regularizer
        ? configValue(regularizers.serialize(regularizer))
        : null,
      [`${prefix}Constraint`]: constraint ? configValue(constraints.serialize(constraint)) : null,
    };
  }
}
