import * as tf from '@dendrite/tensor';
import { Loss, type LossFunction, LossFunctionWrapper } from './loss.js';
import * as classes from './loss-classes.js';

type Factory = (config: tf.ConfigDict) => Loss;

/** Every built-in class with the names (TF.js camelCase, Keras snake_case, aliases) it answers to. */
const BUILTINS: ReadonlyArray<readonly [{ fromConfig: Factory; className: string }, string[]]> = [
  [classes.MeanSquaredError, ['meanSquaredError', 'mean_squared_error', 'mse', 'MSE']],
  [classes.MeanAbsoluteError, ['meanAbsoluteError', 'mean_absolute_error', 'mae', 'MAE']],
  [
    classes.MeanAbsolutePercentageError,
    ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'mape', 'MAPE'],
  ],
  [
    classes.MeanSquaredLogarithmicError,
    ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'msle', 'MSLE'],
  ],
  [classes.Huber, ['huber', 'huber_loss', 'huberLoss']],
  [classes.LogCosh, ['logcosh', 'log_cosh', 'logCosh']],
  [classes.CosineSimilarity, ['cosineSimilarity', 'cosine_similarity', 'cosineProximity']],
  [classes.BinaryCrossentropy, ['binaryCrossentropy', 'binary_crossentropy']],
  [classes.CategoricalCrossentropy, ['categoricalCrossentropy', 'categorical_crossentropy']],
  [
    classes.SparseCategoricalCrossentropy,
    ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
  ],
  [
    classes.KLDivergence,
    [
      'kullbackLeiblerDivergence',
      'kullback_leibler_divergence',
      'kl_divergence',
      'klDivergence',
      'kld',
      'KLD',
    ],
  ],
  [classes.Poisson, ['poisson']],
  [classes.Hinge, ['hinge']],
  [classes.SquaredHinge, ['squaredHinge', 'squared_hinge']],
  [classes.CategoricalHinge, ['categoricalHinge', 'categorical_hinge']],
];

function builtinFactories(): Record<string, Factory> {
  const factories: Record<string, Factory> = {};
  for (const [cls, names] of BUILTINS) {
    for (const name of [cls.className, ...names]) factories[name] = (c) => cls.fromConfig(c);
  }
  return factories;
}

const registry = new tf.Registry<Loss>(
  'loss',
  builtinFactories(),
  (value): value is Loss => value instanceof Loss,
);

/** A name accepted by {@link get}. */
export type LossName =
  | 'meanSquaredError'
  | 'mean_squared_error'
  | 'mse'
  | 'meanAbsoluteError'
  | 'mean_absolute_error'
  | 'mae'
  | 'meanAbsolutePercentageError'
  | 'mean_absolute_percentage_error'
  | 'mape'
  | 'meanSquaredLogarithmicError'
  | 'mean_squared_logarithmic_error'
  | 'msle'
  | 'huber'
  | 'logcosh'
  | 'log_cosh'
  | 'cosineSimilarity'
  | 'cosine_similarity'
  | 'binaryCrossentropy'
  | 'binary_crossentropy'
  | 'categoricalCrossentropy'
  | 'categorical_crossentropy'
  | 'sparseCategoricalCrossentropy'
  | 'sparse_categorical_crossentropy'
  | 'kullbackLeiblerDivergence'
  | 'kl_divergence'
  | 'kld'
  | 'poisson'
  | 'hinge'
  | 'squaredHinge'
  | 'squared_hinge'
  | 'categoricalHinge'
  | 'categorical_hinge'
  | (string & {});

/** Anything {@link get} resolves to a {@link Loss}. */
export type LossIdentifier = LossName | tf.SerializedObject | Loss | LossFunction;

/**
 * Resolves a loss from a name (`'categoricalCrossentropy'`, `'categorical_crossentropy'`,
 * `'mse'`, ...), a `{className, config}` object, a ready {@link Loss} (returned unchanged) or a
 * plain per-sample function (wrapped in a {@link LossFunctionWrapper}).
 * @example get('mse').apply(yTrue, yPred)
 */
export function get(identifier: LossIdentifier): Loss {
  if (typeof identifier === 'function') return new LossFunctionWrapper({ fn: identifier });
  return registry.get(identifier);
}

/**
 * Adds a user loss class under `key` (by convention `package>ClassName`), so configs naming it
 * can be resolved.
 * @example register('my>Focal', (config) => Focal.fromConfig(config));
 */
export function register(key: string, create: (config: tf.ConfigDict) => Loss): void {
  registry.register(key, create);
}

/** Every name {@link get} accepts, sorted. */
export function names(): string[] {
  return registry.names();
}

/**
 * The `{className, config}` form of a loss.
 * @example serialize(new Huber({ delta: 2 })) // {className: 'Huber', config: {name: 'huber_loss', reduction: 'sumOverBatchSize', delta: 2}}
 */
export function serialize(loss: Loss): tf.SerializedObject {
  return tf.serialize(loss);
}
