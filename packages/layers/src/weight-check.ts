import type * as tf from '@dendrite/tensor';

/**
 * Inspects a weight before it is allocated: its full name (`dense/kernel`), shape and dtype.
 * Throwing refuses the weight before any memory is taken.
 */
export type WeightCheck = (name: string, shape: readonly number[], dtype: tf.DataType) => void;

let active: WeightCheck | undefined;

/**
 * Runs `build` (synchronously) with `check` called before every weight a layer creates, so a
 * loader can compare the shapes a model config asks for with the weights it holds before
 * allocating them. Checks nest; the previous one is restored afterwards.
 * @example withWeightCheck((name, shape) => { if (shape[0] > 1e4) throw new Error(name); }, () => deserializeModel(cfg));
 */
export function withWeightCheck<T>(check: WeightCheck, build: () => T): T {
  const previous = active;
  active = check;
  try {
    return build();
  } finally {
    active = previous;
  }
}

/** Called by `Layer.addWeight` before it allocates; runs the active {@link WeightCheck}, if any. */
export function checkNewWeight(name: string, shape: readonly number[], dtype: tf.DataType): void {
  active?.(name, shape, dtype);
}
