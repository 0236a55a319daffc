import * as tf from '@dendrite/tensor';

type NumericInput = tf.Tensor | number | ArrayLike<number> | ReadonlyArray<unknown>;

/** Options of {@link expectClose}. */
export interface CloseOptions {
  /** Relative tolerance. @defaultValue 1e-5 */
  readonly rtol?: number;
  /** Absolute tolerance. @defaultValue 1e-6 */
  readonly atol?: number;
  /** Shown first in the failure message. */
  readonly label?: string;
}

function flatten(value: NumericInput): { values: number[]; shape: number[] | undefined } {
  if (value instanceof tf.Tensor) {
    return { values: Array.from(value.dataSync() as ArrayLike<number>), shape: value.shape };
  }
  if (typeof value === 'number') return { values: [value], shape: [] };
  const values: number[] = [];
  const walk = (item: unknown): void => {
    if (typeof item === 'number') values.push(item);
    else if (ArrayBuffer.isView(item))
      values.push(...Array.from(item as unknown as ArrayLike<number>));
    else if (Array.isArray(item)) item.forEach(walk);
    else throw new Error(`expectClose: cannot read ${String(item)} as a number`);
  };
  walk(value);
  return { values, shape: undefined };
}

/**
 * Asserts `actual` and `expected` hold the same numbers within `atol + rtol * |expected|`,
 * element by element (NaN equals NaN, infinities must match), and the same shape when
 * both are tensors. Reports the worst element on failure.
 */
export function expectClose(
  actual: NumericInput,
  expected: NumericInput,
  options: CloseOptions = {},
): void {
  const { rtol = 1e-5, atol = 1e-6, label } = options;
  const prefix = label ? `${label}: ` : '';
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.shape && e.shape && a.shape.join(',') !== e.shape.join(',')) {
    throw new Error(`${prefix}shape [${a.shape}] differs from expected [${e.shape}]`);
  }
  if (a.values.length !== e.values.length) {
    throw new Error(`${prefix}${a.values.length} values, expected ${e.values.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i] as number;
    const y = e.values[i] as number;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      if (x !== y) {
        worst = i;
        worstExcess = Number.POSITIVE_INFINITY;
      }
      continue;
    }
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (excess > worstExcess || (Number.isNaN(excess) && worst < 0)) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `${prefix}element ${worst} is ${a.values[worst]}, expected ${e.values[worst]} (rtol ${rtol}, atol ${atol})`,
    );
  }
}
