import * as tf from '@dendrite/tensor';
import * as crossentropy from './crossentropy-losses.js';
import * as hinge from './hinge-losses.js';
import { Loss, type LossFunction, LossFunctionWrapper } from './loss.js';
import * as probabilistic from './probabilistic-losses.js';
import * as regression from './regression-losses.js';

type Factory = (config: tf.ConfigDict) => Loss;

/** Every built-in class with the names (TF.js camelCase, Keras snake_case, aliases) it answers to. */
const BUILTINS: ReadonlyArray<readonly [{ fromConfig: Factory; className: string }, string[]]> = [
  [regression.MeanSquaredError, ['meanSquaredError', 'mean_squared_error', 'mse', 'MSE']],
  [regression.MeanAbsoluteError, ['meanAbsoluteError', 'mean_absolute_error', 'mae', 'MAE']],
  [
    regression.MeanAbsolutePercentageError,
    ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'mape', 'MAPE'],
  ],
  [
    regression.MeanSquaredLogarithmicError,
    ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'msle', 'MSLE'],
  ],
  [regression.Huber, ['huber', 'huber_loss', 'huberLoss']],
  [regression.LogCosh, ['logcosh', 'log_cosh', 'logCosh']],
  [regression.CosineSimilarity, ['cosineSimilarity', 'cosine_similarity', 'cosineProximity']],
  [crossentropy.BinaryCrossentropy, ['binaryCrossentropy', 'binary_crossentropy']],
  [crossentropy.CategoricalCrossentropy, ['categoricalCrossentropy', 'categorical_crossentropy']],
  [
    crossentropy.SparseCategoricalCrossentropy,
    ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
  ],
  [
    probabilistic.KLDivergence,
    [
      'kullbackLeiblerDivergence',
      'kullback_leibler_divergence',
      'kl_divergence',
      'klDivergence',
      'kld',
      'KLD',
    ],
  ],
  [probabilistic.Poisson, ['poisson']],
  [hinge.Hinge, ['hinge']],
  [hinge.SquaredHinge, ['squaredHinge', 'squared_hinge']],
  [hinge.CategoricalHinge, ['categoricalHinge', 'categorical_hinge']],
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
