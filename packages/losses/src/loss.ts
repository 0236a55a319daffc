import * as tf from '@dendrite/tensor';

/** A per-sample loss: returns one value per sample (`yPred.shape` without the last axis). */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * How {@link Loss.apply} reduces the weighted per-sample losses: `'sumOverBatchSize'` sums them
 * and divides by their number (as Keras, not by the sum of the weights), `'sum'` sums them,
 * `'none'` returns them unreduced.
 */
export type Reduction = 'sumOverBatchSize' | 'sum' | 'none';

/** Every {@link Reduction}. */
export const REDUCTIONS: readonly Reduction[] = Object.freeze(['sumOverBatchSize', 'sum', 'none']);

/** Options every {@link Loss} accepts. */
export interface LossConfig {
  /** How `apply` reduces the per-sample losses. @defaultValue 'sumOverBatchSize' */
  readonly reduction?: Reduction;
  /** The log name; defaults to the Keras name of the loss, e.g. `'categorical_crossentropy'`. */
  readonly name?: string;
}

/**
 * Multiplies per-sample `losses` by `sampleWeight` and reduces them. The weights are reshaped as
 * Keras does: trailing axes of size 1 are dropped and missing trailing axes added, then they
 * must broadcast to the shape of `losses`.
 * @example reduceWeightedLoss(tf.tensor1d([1, 3]), tf.tensor1d([1, 0]), 'sumOverBatchSize') // (1*1 + 3*0) / 2 = 0.5
 */
export function reduceWeightedLoss(
  losses: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  reduction: Reduction,
): tf.Tensor {
  return tf.tidy(() => {
    let weighted = losses.dtype === 'float32' ? losses : tf.cast(losses, 'float32');
    if (sampleWeight !== undefined) {
      weighted = tf.mul(weighted, broadcastWeights(sampleWeight, losses.shape));
    }
    if (reduction === 'none') return weighted;
    const total = tf.sum(weighted);
    return reduction === 'sum' ? total : tf.div(total, Math.max(losses.size, 1));
  });
}

/** Reshapes `sampleWeight` to the rank of `shape` (Keras rules) and checks it broadcasts. */
export function broadcastWeights(sampleWeight: tf.Tensor, shape: readonly number[]): tf.Tensor {
  let w = sampleWeight.dtype === 'float32' ? sampleWeight : tf.cast(sampleWeight, 'float32');
  while (w.rank > shape.length && w.shape[w.rank - 1] === 1) w = tf.squeeze(w, [w.rank - 1]);
  while (w.rank < shape.length && w.rank > 0) w = tf.expandDims(w, -1);
  const fits =
    w.rank === 0 ||
    (w.rank === shape.length && w.shape.every((size, i) => size === 1 || size === shape[i]));
  if (!fits) {
    throw new tf.ShapeError(
      `sampleWeight of shape [${sampleWeight.shape.join(', ')}] does not broadcast to the per-sample losses of shape [${shape.join(', ')}]`,
    );
  }
  return w;
}

/**
 * The base of every loss: `call` computes per-sample losses, `apply` weights and reduces them in
 * one `tidy`. The built-in classes are made by `lossClass` from a per-sample function; a
 * hand-written subclass implements `call`, a static `className` and `fromConfig`.
 * @example
 * class Mine extends Loss {
 *   static readonly className = 'Mine';
 *   call(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.mean(tf.abs(tf.sub(yPred, yTrue)), -1); }
 * }
 */
export abstract class Loss implements tf.Serializable {
  /** The Keras log name, e.g. `'categorical_crossentropy'`. */
  readonly name: string;
  /** How `apply` reduces the per-sample losses. */
  readonly reduction: Reduction;
  /** Whether predictions are logits (only losses that have the option set it). */
  readonly fromLogits?: boolean;

  /**
   * @param defaultName - The Keras log name used when `config.name` is absent.
   * @param config - The shared options.
   */
  constructor(defaultName: string, config: LossConfig = {}) {
    const owner = (this.constructor as { className?: string }).className ?? 'Loss';
    this.reduction = tf.checkChoice(
      owner,
      'reduction',
      config.reduction ?? 'sumOverBatchSize',
      REDUCTIONS,
    );
    const name = config.name ?? defaultName;
    if (typeof name !== 'string' || name.length === 0) {
      throw new tf.ConfigError(tf.configMessage(owner, 'name', 'a non-empty string', name));
    }
    this.name = name;
  }

  /** Per-sample losses (the loss function itself). */
  abstract call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;

  /** Per-sample losses times `sampleWeight`, reduced by `reduction` (a scalar unless `'none'`). */
  apply(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => reduceWeightedLoss(this.call(yTrue, yPred), sampleWeight, this.reduction));
  }

  /** The registered class name, e.g. `'CategoricalCrossentropy'`. */
  getClassName(): string {
    return (this.constructor as { className?: string }).className ?? this.constructor.name;
  }

  /** The camelCase config; `fromConfig` of it rebuilds an identical loss. */
  getConfig(): tf.ConfigDict {
    return { name: this.name, reduction: this.reduction };
  }
}

/** Options of {@link LossFunctionWrapper}. */
export interface LossFunctionWrapperConfig extends LossConfig {
  /** The per-sample loss function. */
  readonly fn: LossFunction;
}

/**
 * Wraps a plain per-sample function as a {@link Loss}; the name defaults to the function's name.
 * It cannot be rebuilt from its config unless the function is registered under a name.
 * @example const loss = new LossFunctionWrapper({ fn: (t, p) => tf.mean(tf.abs(tf.sub(p, t)), -1) });
 */
export class LossFunctionWrapper extends Loss {
  static readonly className = 'LossFunctionWrapper';
  private readonly fn: LossFunction;

  constructor(config: LossFunctionWrapperConfig) {
    if (typeof config?.fn !== 'function') {
      throw new tf.ConfigError(
        tf.configMessage(
          'LossFunctionWrapper',
          'fn',
          'a function (yTrue, yPred) => Tensor',
          config?.fn,
        ),
      );
    }
    super(config.fn.name || 'loss', config);
    this.fn = config.fn;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return this.fn(yTrue, yPred);
  }
}
