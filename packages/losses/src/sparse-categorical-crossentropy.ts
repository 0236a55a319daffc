import * as tf from '@dendrite/tensor';
import { categoricalCrossentropy } from './crossentropy.js';

/** Options of {@link sparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. @defaultValue false */
  readonly fromLogits?: boolean;
  /**
   * Read the labels back once per call and throw a `ValueError` on the first one that is not an
   * integer class index; turn off to avoid that device sync once the data is known to be clean.
   * @defaultValue true
   */
  readonly validateLabels?: boolean;
}

const OWNER = 'sparseCategoricalCrossentropy';

/** Checks the label shape against `yPred` and returns the labels as `yPred.shape[:-1]`. */
function labelsToRank(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const batchShape = yPred.shape.slice(0, -1);
  const matches =
    yTrue.shape.join(',') === batchShape.join(',') ||
    yTrue.shape.join(',') === [...batchShape, 1].join(',');
  if (yPred.rank < 1 || !matches) {
    throw new tf.ShapeError(
      `${OWNER}: \`yTrue\` must have shape [${batchShape.join(', ')}] or [${[...batchShape, 1].join(', ')}] for yPred [${yPred.shape.join(', ')}]; received yTrue [${yTrue.shape.join(', ')}]`,
    );
  }
  return yTrue.rank === yPred.rank ? tf.reshape(yTrue, batchShape) : yTrue;
}

/** Throws a `ValueError` naming the first label that is not an integer in `[0, numClasses)`. */
export function validateClassIndices(owner: string, labels: tf.Tensor, numClasses: number): void {
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
      throw new tf.ValueError(
        `${owner}: \`yTrue\` must hold integer class indices in [0, ${numClasses}); received ${value} at index ${i}`,
      );
    }
  }
}

/**
 * Crossentropy for integer labels of shape `[batch]` or `[batch, 1]` against predictions of shape
 * `[batch, numClasses]`. Equal to {@link categoricalCrossentropy} of the one-hot labels; a bad
 * label throws instead of producing NaN or a silent 0.
 * @example sparseCategoricalCrossentropy(tf.tensor1d([1]), tf.tensor2d([[0.2, 0.8]])) // [-ln 0.8]
 */
export function sparseCategoricalCrossentropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  options: SparseCategoricalCrossentropyOptions = {},
): tf.Tensor {
  const fromLogits = tf.checkBoolean(OWNER, 'fromLogits', options.fromLogits ?? false);
  const validate = tf.checkBoolean(OWNER, 'validateLabels', options.validateLabels ?? true);
  return tf.tidy(() => {
    const labels = labelsToRank(yTrue, yPred);
    const numClasses = yPred.shape[yPred.rank - 1] as number;
    if (validate) validateClassIndices(OWNER, labels, numClasses);
    const indices = labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32');
    const oneHot = tf.cast(tf.oneHot(indices, numClasses), 'float32');
    return categoricalCrossentropy(oneHot, yPred, { fromLogits });
  });
}
