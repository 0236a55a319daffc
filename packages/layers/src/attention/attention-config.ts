import * as tf from '@dendrite/tensor';
import type { Shape } from '../shape.js';

const owner = 'MultiHeadAttention';

/** The known last dimension of an input, or a ShapeError naming it. */
export function lastDim(name: string, input: string, shape: Shape): number {
  const dim = shape[shape.length - 1];
  if (typeof dim !== 'number') {
    throw new tf.ShapeError(
      `${name}: the last dimension of the ${input} must be known; received shape [${shape.map((d) => d ?? 'null')}]`,
    );
  }
  return dim;
}

/** Reads `outputShape`: a positive integer, a list of them, or `null`. */
export function checkOutputShape(value: unknown): number | readonly number[] | null {
  if (value === null) return null;
  const list = typeof value === 'number' ? [value] : value;
  const ok =
    Array.isArray(list) &&
    list.length > 0 &&
    list.every((dim) => Number.isInteger(dim) && (dim as number) > 0);
  if (!ok) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'outputShape', 'a positive integer, a list of them, or null', value),
    );
  }
  return typeof value === 'number' ? value : [...(list as number[])];
}

/** Reads `attentionAxes`: distinct positive integers (one or a list), or `null`. */
export function checkAttentionAxes(value: unknown): readonly number[] | null {
  if (value === null) return null;
  const list = typeof value === 'number' ? [value] : value;
  const ok =
    Array.isArray(list) &&
    list.length > 0 &&
    list.every((axis) => Number.isInteger(axis) && (axis as number) >= 1) &&
    new Set(list).size === list.length;
  if (!ok) {
    throw new tf.ConfigError(
      tf.configMessage(
        owner,
        'attentionAxes',
        'distinct positive integers (input axes between the batch and the features) or null',
        value,
      ),
    );
  }
  return [...(list as number[])];
}
