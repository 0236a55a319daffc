import * as tf from '@dendrite/tensor';

/** An axis or a list of axes; negative values count from the end. */
export type Axis = number | readonly number[];

// Keras' backend.epsilon(), added to norms before dividing.
export const EPSILON = 1e-7;

/** Throws unless `config` has only the `allowed` keys. */
export function checkKeys(owner: string, config: object, allowed: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      const expected = allowed.length ? `one of ${allowed.join(', ')}` : 'absent (no options)';
      throw new tf.ConfigError(tf.configMessage(owner, 'config key', expected, key));
    }
  }
}

/** Validates an axis option: an integer or a non-empty list of integers. */
export function checkAxis(owner: string, axis: unknown): Axis {
  const ok = (a: unknown) => typeof a === 'number' && Number.isInteger(a);
  if (ok(axis)) return axis as number;
  if (Array.isArray(axis) && axis.length > 0 && axis.every(ok)) return [...(axis as number[])];
  throw new tf.ConfigError(
    tf.configMessage(owner, 'axis', 'an integer or a non-empty list of integers', axis),
  );
}

/** The config form of an axis (a fresh copy for lists). */
export function axisConfig(axis: Axis): number | number[] {
  return typeof axis === 'number' ? axis : [...axis];
}

/**
 * `sqrt(sum(w², axis))` with kept dims, after checking the axes fit the weight's rank.
 * Runs inside the caller's `tidy`.
 */
export function l2Norms(owner: string, w: tf.Tensor, axis: Axis): tf.Tensor {
  const axes = typeof axis === 'number' ? [axis] : [...axis];
  for (const a of axes) {
    if (a < -w.rank || a >= w.rank) {
      throw new tf.ShapeError(
        tf.configMessage(
          owner,
          'axis',
          `within [${-w.rank}, ${w.rank}) for a weight of shape [${w.shape.join(', ')}]`,
          axis,
        ),
      );
    }
  }
  return tf.sqrt(tf.sum(tf.square(w), axes, true));
}
