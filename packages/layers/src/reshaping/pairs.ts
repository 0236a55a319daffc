import * as tf from '@dendrite/tensor';
import { formatShape, type Shape } from '../shape.js';

/** An amount for both ends of one axis: `n` (both) or `[before, after]`. */
export type Pair = number | readonly [number, number];

/** Amounts for two axes: `n` (everywhere), `[rows, columns]`, or `[[top, bottom], [left, right]]`. */
export type PairOfPairs = number | readonly [number, number] | readonly [Pair, Pair];

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Reads `n` or `[before, after]` (non-negative integers) as `[before, after]`. */
export function normalizePair(owner: string, argument: string, value: unknown): [number, number] {
  if (isCount(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every(isCount)) {
    return [value[0] as number, value[1] as number];
  }
  throw new tf.ConfigError(
    tf.configMessage(owner, argument, 'a non-negative integer or [before, after]', value),
  );
}

/** Reads a {@link PairOfPairs} as `[[top, bottom], [left, right]]`. */
export function normalizePairOfPairs(
  owner: string,
  argument: string,
  value: unknown,
): [[number, number], [number, number]] {
  if (isCount(value)) {
    return [
      [value, value],
      [value, value],
    ];
  }
  if (Array.isArray(value) && value.length === 2) {
    const [a, b] = value as unknown[];
    if (isCount(a) && isCount(b)) {
      return [
        [a, a],
        [b, b],
      ];
    }
    const pair = (v: unknown): v is [number, number] =>
      Array.isArray(v) && v.length === 2 && v.every(isCount);
    if (pair(a) && pair(b)) {
      return [
        [a[0], a[1]],
        [b[0], b[1]],
      ];
    }
  }
  throw new tf.ConfigError(
    tf.configMessage(
      owner,
      argument,
      'a non-negative integer, [rows, columns] or [[top, bottom], [left, right]]',
      value,
    ),
  );
}

/** Throws a ShapeError unless `shape` has `rank` dims. */
export function checkInputRank(layer: string, shape: Shape, rank: number): void {
  if (shape.length !== rank) {
    throw new tf.ShapeError(
      `${layer}: expected inputs of rank ${rank}; received shape ${formatShape(shape)}`,
    );
  }
}

/** The length left after cropping `[before, after]` off `length`; throws when nothing is left. */
export function croppedLength(
  layer: string,
  shape: Shape,
  length: number | null,
  crop: readonly [number, number],
): number | null {
  if (length === null) return null;
  const left = length - crop[0] - crop[1];
  if (left <= 0) {
    throw new tf.ShapeError(
      `${layer}: \`cropping\` [${crop}] must leave at least one entry of length ${length}; received shape ${formatShape(shape)}`,
    );
  }
  return left;
}
