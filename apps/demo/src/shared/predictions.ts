import * as dd from 'dendrite';

/** Predicted classes and their probabilities for a batch of images. */
export interface Predictions {
  readonly predicted: Int32Array;
  readonly confidence: Float32Array;
}

/** Arg-max class and its probability for every row of `x` (one device read). */
export async function predictClasses(
  model: dd.LayersModel,
  x: dd.Tensor,
  batchSize = 256,
): Promise<Predictions> {
  const [classes, probabilities] = dd.tidy(() => {
    const probs = model.predict(x, { batchSize }) as dd.Tensor;
    return [dd.tf.argMax(probs, -1), dd.tf.max(probs, -1)];
  });
  try {
    const [predicted, confidence] = await Promise.all([classes.data(), probabilities.data()]);
    return {
      predicted: Int32Array.from(predicted),
      confidence: Float32Array.from(confidence),
    };
  } finally {
    dd.dispose([classes, probabilities]);
  }
}

/** Fraction of `predicted` equal to `actual`. */
export function accuracyOf(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) hits++;
  return actual.length === 0 ? Number.NaN : hits / actual.length;
}
