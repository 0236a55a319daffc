import type * as tf from '@dendrite/tensor';

/**
 * Numbers a training loop reports to callbacks, keyed by Keras log name (`loss`, `accuracy`,
 * `val_loss`, ...).
 * @example const logs: Logs = { loss: 0.31, val_loss: 0.35 };
 */
export type Logs = Record<string, number>;

/**
 * A tensor with a name, as optimizers report their state (`iteration`, `dense/kernel/m`, ...).
 * @example const entry: NamedTensor = { name: 'iteration', tensor: tf.scalar(3) };
 */
export interface NamedTensor {
  /** Unique name of the weight. */
  name: string;
  /** Its value. */
  tensor: tf.Tensor;
}

/**
 * The optimizer surface callbacks may touch (learning rate and state for backups).
 * @example model.optimizer.learningRate = model.optimizer.currentLearningRate() * 0.1;
 */
export interface TrainingOptimizer {
  /** A number, or a schedule object; callbacks assign numbers. */
  learningRate: number | unknown;
  /** The learning rate the next step uses. */
  currentLearningRate(): number;
  /** Copies of the optimizer state, `iteration` first. */
  getWeights(): NamedTensor[];
  /** Copies `weights` into the optimizer state. */
  setWeights(weights: NamedTensor[]): void;
}

/**
 * What callbacks may touch of a model; the training engine's `Model` implements it.
 * @example class MyModel implements TrainingModel { stopTraining = false; ... }
 */
export interface TrainingModel {
  /** Set to `true` to end `fit` after the current epoch (or batch). */
  stopTraining: boolean;
  /** Copies of every weight, in Keras order; the caller owns (and disposes) them. */
  getWeights(): tf.Tensor[];
  /** Copies the values of `weights` into the model. */
  setWeights(weights: tf.Tensor[]): void;
  /** Saves the model through a tfjs IO handler or URL (`file://`, `indexeddb://`, a path). */
  save(
    destination: string | tf.io.IOHandler,
    options?: { includeOptimizer?: boolean },
  ): Promise<unknown>;
  /** Writes the weights to a Keras `.weights.h5` file (models with a registered Keras format). */
  saveWeights?(destination: string): Promise<unknown>;
  /** The optimizer, once the model is compiled. */
  readonly optimizer: TrainingOptimizer | undefined;
  /**
   * The direction (`'max'` or `'min'`) of the metric behind a log name (`'val_auc'`), as the
   * metric itself says; `undefined` when no metric of that name says. Monitoring callbacks in
   * `'auto'` mode ask it before falling back to Keras' name rules.
   */
  metricDirection?(logName: string): 'max' | 'min' | undefined;
  /**
   * The generator the running `fit` shuffles with, while it runs: a backup saves and restores
   * its position so a resumed run shuffles as the uninterrupted one would have.
   */
  readonly trainingRandom?: tf.RandomGenerator | undefined;
}

/**
 * What `fit` tells callbacks about the run.
 * @example const params: TrainingParams = { epochs: 10, initialEpoch: 0, steps: 32, samples: 1000, batchSize: 32, verbose: 1, metrics: ['loss'] };
 */
export interface TrainingParams {
  /** Index one past the last epoch to run. */
  epochs: number;
  /** 0-based epoch the run starts at. */
  initialEpoch: number;
  /** Batches per epoch, when known. */
  steps: number | undefined;
  /** Samples per epoch, when known. */
  samples: number | undefined;
  /** Samples per batch, when known. */
  batchSize: number | undefined;
  /** 0 silent, 1 progress bar, 2 one line per epoch. */
  verbose: 0 | 1 | 2;
  /** Log names the run produces (`loss`, metrics, then their `val_` forms). */
  metrics: string[];
}
