import * as tf from '@dendrite/tensor';
import { binaryCrossentropy, categoricalCrossentropy } from './crossentropy.js';
import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import type { LossConfig } from './loss.js';
import { lossClass } from './loss-class.js';
import { kullbackLeiblerDivergence, poisson } from './probabilistic.js';
import {
  cosineSimilarity,
  huber,
  logcosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from './regression.js';
import { sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

// Keras' loss classes: each wraps one per-sample function of this package with reduction,
// sample weights, a log name and its options (see `lossClass`).

/** Options of {@link Huber}. */
export interface HuberConfig extends LossConfig {
  /** Where the loss turns from quadratic to linear; must be > 0. @defaultValue 1 */
  readonly delta?: number;
}

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityConfig extends LossConfig {
  /** The feature axis along which vectors are compared. @defaultValue -1 */
  readonly axis?: number;
}

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyConfig extends LossConfig {
  /** Whether predictions are logits. @defaultValue false */
  readonly fromLogits?: boolean;
  /** In [0, 1]; labels become `y * (1 - labelSmoothing) + 0.5 * labelSmoothing`. @defaultValue 0 */
  readonly labelSmoothing?: number;
}

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyConfig extends BinaryCrossentropyConfig {
  /** The class axis. @defaultValue -1 */
  readonly axis?: number;
}

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyConfig extends LossConfig {
  /** Whether predictions are logits. @defaultValue false */
  readonly fromLogits?: boolean;
  /** Read labels back once per call and throw on the first bad one. @defaultValue true */
  readonly validateLabels?: boolean;
}

const fromLogits = tf.booleanOption(false);
const labelSmoothing = tf.numberOption(0, { min: 0, max: 1 });

/** Keras' log name and the per-sample function of each loss class without options. */
const PLAIN = {
  MeanSquaredError: ['mean_squared_error', meanSquaredError],
  MeanAbsoluteError: ['mean_absolute_error', meanAbsoluteError],
  MeanAbsolutePercentageError: ['mean_absolute_percentage_error', meanAbsolutePercentageError],
  MeanSquaredLogarithmicError: ['mean_squared_logarithmic_error', meanSquaredLogarithmicError],
  LogCosh: ['log_cosh', logcosh],
  Hinge: ['hinge', hinge],
  SquaredHinge: ['squared_hinge', squaredHinge],
  CategoricalHinge: ['categorical_hinge', categoricalHinge],
  KLDivergence: ['kl_divergence', kullbackLeiblerDivergence],
  Poisson: ['poisson', poisson],
} as const;

/** The loss class `className` of {@link PLAIN}. */
function plainLossClass(className: keyof typeof PLAIN) {
  const [name, fn] = PLAIN[className];
  return lossClass({ className, name, fn });
}

/**
 * Class form of {@link meanSquaredError} (log name `'mean_squared_error'`).
 * @example new MeanSquaredError().apply(yTrue, yPred) // scalar
 */
export const MeanSquaredError = plainLossClass('MeanSquaredError');
/**
 * Class form of {@link meanAbsoluteError} (log name `'mean_absolute_error'`).
 * @example new MeanAbsoluteError({ reduction: 'sum' }).apply(yTrue, yPred)
 */
export const MeanAbsoluteError = plainLossClass('MeanAbsoluteError');
/**
 * Class form of {@link meanAbsolutePercentageError} (log name
 * `'mean_absolute_percentage_error'`).
 * @example new MeanAbsolutePercentageError().apply(yTrue, yPred)
 */
export const MeanAbsolutePercentageError = plainLossClass('MeanAbsolutePercentageError');
/**
 * Class form of {@link meanSquaredLogarithmicError} (log name
 * `'mean_squared_logarithmic_error'`).
 * @example new MeanSquaredLogarithmicError().apply(yTrue, yPred)
 */
export const MeanSquaredLogarithmicError = plainLossClass('MeanSquaredLogarithmicError');
/**
 * Class form of {@link logcosh} (log name `'log_cosh'`).
 * @example new LogCosh().apply(yTrue, yPred)
 */
export const LogCosh = plainLossClass('LogCosh');
/**
 * Class form of {@link hinge} (log name `'hinge'`).
 * @example new Hinge().apply(labels, scores)
 */
export const Hinge = plainLossClass('Hinge');
/**
 * Class form of {@link squaredHinge} (log name `'squared_hinge'`).
 * @example new SquaredHinge().apply(labels, scores)
 */
export const SquaredHinge = plainLossClass('SquaredHinge');
/**
 * Class form of {@link categoricalHinge} (log name `'categorical_hinge'`).
 * @example new CategoricalHinge().apply(oneHot, scores)
 */
export const CategoricalHinge = plainLossClass('CategoricalHinge');
/**
 * Class form of {@link kullbackLeiblerDivergence} (log name `'kl_divergence'`).
 * @example new KLDivergence().apply(yTrue, yPred)
 */
export const KLDivergence = plainLossClass('KLDivergence');
/**
 * Class form of {@link poisson} (log name `'poisson'`).
 * @example new Poisson().apply(counts, rates)
 */
export const Poisson = plainLossClass('Poisson');

/**
 * Class form of {@link huber} (log name `'huber_loss'`).
 * @example new Huber({ delta: 0.5 }).apply(yTrue, yPred)
 */
export const Huber = lossClass<HuberConfig>({
  className: 'Huber',
  name: 'huber_loss',
  options: { delta: tf.numberOption(1, { min: 0, minExclusive: true }) },
  fn: huber,
});

/**
 * Class form of {@link cosineSimilarity} (log name `'cosine_similarity'`).
 * @example new CosineSimilarity({ axis: 1 }).apply(yTrue, yPred)
 */
export const CosineSimilarity = lossClass<CosineSimilarityConfig>({
  className: 'CosineSimilarity',
  name: 'cosine_similarity',
  options: { axis: tf.numberOption(-1, { integer: true }) },
  fn: cosineSimilarity,
});

/**
 * Class form of {@link binaryCrossentropy} (log name `'binary_crossentropy'`).
 * @example new BinaryCrossentropy({ fromLogits: true }).apply(yTrue, logits)
 */
export const BinaryCrossentropy = lossClass<BinaryCrossentropyConfig>({
  className: 'BinaryCrossentropy',
  name: 'binary_crossentropy',
  options: { fromLogits, labelSmoothing },
  fn: binaryCrossentropy,
});

/**
 * Class form of {@link categoricalCrossentropy} (log name `'categorical_crossentropy'`).
 * @example new CategoricalCrossentropy({ labelSmoothing: 0.1 }).apply(oneHot, probabilities)
 */
export const CategoricalCrossentropy = lossClass<CategoricalCrossentropyConfig>({
  className: 'CategoricalCrossentropy',
  name: 'categorical_crossentropy',
  options: { fromLogits, labelSmoothing, axis: tf.numberOption(-1, { integer: true }) },
  fn: categoricalCrossentropy,
});

/**
 * Class form of {@link sparseCategoricalCrossentropy} (log name
 * `'sparse_categorical_crossentropy'`).
 * @example new SparseCategoricalCrossentropy({ fromLogits: true }).apply(labels, logits)
 */
export const SparseCategoricalCrossentropy = lossClass<SparseCategoricalCrossentropyConfig>({
  className: 'SparseCategoricalCrossentropy',
  name: 'sparse_categorical_crossentropy',
  options: { fromLogits, validateLabels: tf.booleanOption(true) },
  fn: sparseCategoricalCrossentropy,
});

/** An instance of {@link MeanSquaredError}. */
export type MeanSquaredError = InstanceType<typeof MeanSquaredError>;
/** An instance of {@link MeanAbsoluteError}. */
export type MeanAbsoluteError = InstanceType<typeof MeanAbsoluteError>;
/** An instance of {@link MeanAbsolutePercentageError}. */
export type MeanAbsolutePercentageError = InstanceType<typeof MeanAbsolutePercentageError>;
/** An instance of {@link MeanSquaredLogarithmicError}. */
export type MeanSquaredLogarithmicError = InstanceType<typeof MeanSquaredLogarithmicError>;
/** An instance of {@link Huber}. */
export type Huber = InstanceType<typeof Huber>;
/** An instance of {@link LogCosh}. */
export type LogCosh = InstanceType<typeof LogCosh>;
/** An instance of {@link CosineSimilarity}. */
export type CosineSimilarity = InstanceType<typeof CosineSimilarity>;
/** An instance of {@link Hinge}. */
export type Hinge = InstanceType<typeof Hinge>;
/** An instance of {@link SquaredHinge}. */
export type SquaredHinge = InstanceType<typeof SquaredHinge>;
/** An instance of {@link CategoricalHinge}. */
export type CategoricalHinge = InstanceType<typeof CategoricalHinge>;
/** An instance of {@link KLDivergence}. */
export type KLDivergence = InstanceType<typeof KLDivergence>;
/** An instance of {@link Poisson}. */
export type Poisson = InstanceType<typeof Poisson>;
/** An instance of {@link BinaryCrossentropy}. */
export type BinaryCrossentropy = InstanceType<typeof BinaryCrossentropy>;
/** An instance of {@link CategoricalCrossentropy}. */
export type CategoricalCrossentropy = InstanceType<typeof CategoricalCrossentropy>;
/** An instance of {@link SparseCategoricalCrossentropy}. */
export type SparseCategoricalCrossentropy = InstanceType<typeof SparseCategoricalCrossentropy>;
