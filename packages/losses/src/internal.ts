import * as tf from '@dendrite/tensor';

/** Keras' fuzz factor `backend.epsilon()`: probabilities are clipped to `[EPSILON, 1 - EPSILON]`. */
export const EPSILON = 1e-7;

/**
 * Brings `yTrue` and `yPred` to the same rank the way Keras' `squeeze_or_expand_to_same_rank`
 * does (a trailing axis of size 1 is squeezed, or a rank-1 partner expanded), casts `yTrue` to
 * float32, then requires identical shapes.
 */
export function alignPair(
  owner: string,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
): [tf.Tensor, tf.Tensor] {
  let t = yTrue.dtype === 'float32' ? yTrue : tf.cast(yTrue, 'float32');
  let p = yPred.dtype === 'float32' ? yPred : tf.cast(yPred, 'float32');
  [t, p] = squeezeOrExpand(t, p);
  if (t.shape.join(',') !== p.shape.join(',')) {
    throw new tf.ShapeError(
      `${owner}: \`yTrue\` and \`yPred\` must have the same shape; received yTrue [${yTrue.shape.join(', ')}] and yPred [${yPred.shape.join(', ')}]`,
    );
  }
  return [t, p];
}

/** Keras' `squeeze_or_expand_to_same_rank`: only a rank difference of one is reconciled. */
export function squeezeOrExpand(a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
  if (a.rank === b.rank + 1 && a.shape[a.rank - 1] === 1) {
    return b.rank === 1 ? [a, tf.expandDims(b, -1)] : [tf.squeeze(a, [a.rank - 1]), b];
  }
  if (b.rank === a.rank + 1 && b.shape[b.rank - 1] === 1) {
    return a.rank === 1 ? [tf.expandDims(a, -1), b] : [a, tf.squeeze(b, [b.rank - 1])];
  }
  return [a, b];
}

/** Turns a possibly negative axis into a positive one, or throws naming the owner. */
export function resolveAxis(owner: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new tf.ConfigError(
      tf.configMessage(
        owner,
        'axis',
        `an integer in [${-rank}, ${rank - 1}] for rank ${rank}`,
        axis,
      ),
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/** `x - logsumexp(x)` along `axis`, shifted by the maximum so that logits of ±1e4 stay finite. */
export function logSoftmax(x: tf.Tensor, axis: number): tf.Tensor {
  const shifted = tf.sub(x, tf.max(x, axis, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), axis, true)));
}

/** Clips probabilities to `[EPSILON, 1 - EPSILON]` as Keras does before taking logarithms. */
export function clipProbabilities(p: tf.Tensor): tf.Tensor {
  return tf.clipByValue(p, EPSILON, 1 - EPSILON);
}
