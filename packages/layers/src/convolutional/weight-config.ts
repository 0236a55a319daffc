import * as constraints from '@dendrite/constraints';
import * as initializers from '@dendrite/initializers';
import * as regularizers from '@dendrite/regularizers';
import type * as tf from '@dendrite/tensor';

/** The initializer, regularizer and constraint of one weight, as a layer config gives them. */
export interface WeightSettings {
  readonly initializer: initializers.Initializer;
  readonly regularizer: regularizers.Regularizer | undefined;
  readonly constraint: constraints.Constraint | undefined;
}

/** Resolves a weight's identifiers; `fallback` is the initializer used when none is given. */
export function weightSettings(
  initializer: initializers.InitializerIdentifier | undefined,
  fallback: initializers.InitializerIdentifier,
  regularizer: regularizers.RegularizerIdentifier | null | undefined,
  constraint: constraints.ConstraintIdentifier | null | undefined,
): WeightSettings {
  return {
    initializer: initializers.get(initializer ?? fallback),
    regularizer: regularizer ? regularizers.get(regularizer) : undefined,
    constraint: constraint ? constraints.get(constraint) : undefined,
  };
}

/** The options {@link Layer.addWeight} takes for these settings. */
export function addWeightOptions(settings: WeightSettings): {
  initializer: initializers.Initializer;
  regularizer: regularizers.Regularizer | null;
  constraint: constraints.Constraint | null;
} {
  return {
    initializer: settings.initializer,
    regularizer: settings.regularizer ?? null,
    constraint: settings.constraint ?? null,
  };
}

/**
 * A `{className, config}` object as a config value (the `SerializedObject` interface has no
 * index signature, so it is copied into a plain object type).
 */
export function configValue(serialized: tf.SerializedObject): tf.ConfigValue {
  return { className: serialized.className, config: serialized.config };
}

/** Config entries `${prefix}Initializer`, `${prefix}Regularizer`, `${prefix}Constraint`. */
export function weightConfig(prefix: string, settings: WeightSettings): tf.ConfigDict {
  return {
    [`${prefix}Initializer`]: configValue(initializers.serialize(settings.initializer)),
    [`${prefix}Regularizer`]: settings.regularizer
      ? configValue(regularizers.serialize(settings.regularizer))
      : null,
    [`${prefix}Constraint`]: settings.constraint
      ? configValue(constraints.serialize(settings.constraint))
      : null,
  };
}
