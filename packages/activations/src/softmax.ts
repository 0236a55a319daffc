import * as tf from '@dendrite/tensor';

/** Options of {@link softmax} and {@link logSoftmax}. */
export interface SoftmaxOptions {
  /** The axis normalized over; negative counts from the end. @defaultValue -1 */
  readonly axis?: number;
}

/** Defaults of {@link softmax} and {@link logSoftmax}. */
export const SOFTMAX_DEFAULTS = Object.freeze({ axis: -1 });

function resolveAxis(owner: string, x: tf.Tensor, axis: unknown): number {
  tf.checkNumber(owner, 'axis', axis, { integer: true });
  const value = axis as number;
  if (x.rank === 0 || value < -x.rank || value >= x.rank) {
    throw new tf.ConfigError(
      tf.configMessage(
        owner,
        'axis',
        `an integer in [${-x.rank}, ${x.rank}) for a tensor of rank ${x.rank}`,
        axis,
      ),
    );
  }
  return value < 0 ? value + x.rank : value;
}

// tfjs-core normalizes only over the last axis: move `axis` there and back.
function alongAxis(x: tf.Tensor, axis: number, op: (t: tf.Tensor) => tf.Tensor): tf.Tensor {
  if (axis === x.rank - 1) return op(x);
  const perm = [...Array(x.rank).keys()];
  perm[axis] = x.rank - 1;
  perm[x.rank - 1] = axis;
  return tf.transpose(op(tf.transpose(x, perm)), perm);
}

/**
 * Softmax, `exp(x) / sum(exp(x), axis)`, computed after subtracting the max so it stays
 * finite at any magnitude.
 * @example softmax(tf.tensor([[0, Math.log(3)]])); // [[0.25, 0.75]]
 */
export function softmax(x: tf.Tensor, options: SoftmaxOptions = {}): tf.Tensor {
  const axis = resolveAxis('softmax', x, options.axis ?? SOFTMAX_DEFAULTS.axis);
  return tf.tidy(() => alongAxis(x, axis, (t) => tf.softmax(t)));
}

/**
 * Log-softmax, `x - logsumexp(x, axis)`, stable at any magnitude.
 * @example logSoftmax(tf.tensor([[0, 0]])); // [[-0.6931, -0.6931]]
 */
export function logSoftmax(x: tf.Tensor, options: SoftmaxOptions = {}): tf.Tensor {
  const axis = resolveAxis('logSoftmax', x, options.axis ?? SOFTMAX_DEFAULTS.axis);
  return tf.tidy(() => alongAxis(x, axis, (t) => tf.logSoftmax(t)));
}
