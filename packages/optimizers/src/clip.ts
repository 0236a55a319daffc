import * as tf from '@dendrite/tensor';

// Gradient clipping as Keras 3 `BaseOptimizer._clip_gradients`. Call inside `tidy`.

/** `g * clipNorm / max(||g||, clipNorm)` for each gradient on its own. */
export function clipEachByNorm(grads: readonly tf.Tensor[], clipNorm: number): tf.Tensor[] {
  return grads.map((g) => tf.mul(g, tf.div(clipNorm, tf.maximum(tf.norm(g), clipNorm))));
}

/** Scales all gradients by `clipNorm / max(globalNorm, clipNorm)`, globalNorm over all of them. */
export function clipByGlobalNorm(grads: readonly tf.Tensor[], clipNorm: number): tf.Tensor[] {
  const squares = grads.map((g) => tf.sum(tf.square(g)));
  const globalNorm = tf.sqrt(tf.addN(squares));
  const scale = tf.div(clipNorm, tf.maximum(globalNorm, clipNorm));
  return grads.map((g) => tf.mul(g, scale));
}

/** Clips every element to `[-clipValue, clipValue]`. */
export function clipEachByValue(grads: readonly tf.Tensor[], clipValue: number): tf.Tensor[] {
  return grads.map((g) => tf.clipByValue(g, -clipValue, clipValue));
}
