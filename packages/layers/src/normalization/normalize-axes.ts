import * as tf from '@dendrite/tensor';
import type { Shape } from '../shape.js';

/** Resolves (possibly negative) `axes` against `rank`; throws a ConfigError naming `owner` when out of range. */
export function resolveAxes(owner: string, axes: readonly number[], rank: number): number[] {
  const resolved = axes.map((axis) => (axis < 0 ? rank + axis : axis));
  resolved.forEach((axis, i) => {
    if (axis < 1 || axis >= rank) {
      throw new tf.ShapeError(
        `${owner}: \`axis\` ${axes[i]} is out of range for inputs of rank ${rank} (the batch axis 0 cannot be normalized)`,
      );
    }
  });
  return resolved;
}

/** The sizes of `shape` at `axes`; throws when one is unknown. */
export function sizesAt(owner: string, shape: Shape, axes: readonly number[]): number[] {
  return axes.map((axis) => {
    const size = shape[axis];
    if (typeof size !== 'number') {
      throw new tf.ShapeError(
        `${owner}: the input dimension at axis ${axis} must be known; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
    return size;
  });
}

/** A shape of ones except the sizes at `axes`, to broadcast per-feature parameters against inputs. */
export function broadcastShape(
  rank: number,
  axes: readonly number[],
  sizes: readonly number[],
): number[] {
  const shape = new Array<number>(rank).fill(1);
  axes.forEach((axis, i) => {
    shape[axis] = sizes[i] as number;
  });
  return shape;
}

/** Reads `axis` as one integer or a non-empty list of distinct integers. */
export function checkAxisList(owner: string, value: unknown): number[] {
  const list = typeof value === 'number' ? [value] : value;
  const ok =
    Array.isArray(list) &&
    list.length > 0 &&
    list.every((v) => Number.isInteger(v)) &&
    new Set(list).size === list.length;
  if (!ok) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'axis', 'an integer or a list of distinct integers', value),
    );
  }
  return [...(list as number[])];
}
