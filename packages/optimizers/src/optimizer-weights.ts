import * as tf from '@dendrite/tensor';
import type { NamedTensor } from './optimizer-args.js';

/** One entry of an optimizer checkpoint: the iteration count (names `null`) or a slot. */
export interface ParsedOptimizerWeight {
  readonly tensor: tf.Tensor;
  readonly variableName: string | null;
  readonly slotName: string | null;
}

/**
 * Checks the entries of an optimizer checkpoint (`Optimizer.getWeights`) before any is applied:
 * `iteration` must be a scalar, every other name `<variable>/<slot>` with a slot of
 * `slotNames`, of the shape `slotShape` gives for a slot that exists already.
 */
export function parseOptimizerWeights(
  owner: string,
  slotNames: readonly string[],
  weights: readonly NamedTensor[],
  slotShape: (variableName: string, slotName: string) => readonly number[] | undefined,
): ParsedOptimizerWeight[] {
  return weights.map(({ name, tensor }) => {
    if (name === 'iteration') {
      if (tensor.size !== 1) {
        throw new tf.ShapeError(
          `${owner}: weight "iteration" must be a scalar; received shape [${tensor.shape}]`,
        );
      }
      return { tensor, variableName: null, slotName: null };
    }
    const cut = name.lastIndexOf('/');
    const variableName = name.slice(0, cut);
    const slotName = name.slice(cut + 1);
    if (cut <= 0 || !slotNames.includes(slotName)) {
      throw new tf.ValueError(
        `${owner}: unknown weight ${tf.describeValue(name)}; expected "iteration" or "<variable>/<slot>" with slot one of ${slotNames.join(', ') || '(none)'}`,
      );
    }
    const existing = slotShape(variableName, slotName);
    if (existing && !tf.util.arraysEqual([...existing], tensor.shape)) {
      throw new tf.ShapeError(
        `${owner}: weight "${name}" has shape [${tensor.shape}] but the slot has shape [${existing}]`,
      );
    }
    return { tensor, variableName, slotName };
  });
}
