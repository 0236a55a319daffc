import type * as tf from '@tensorflow/tfjs-core';

/**
 * Name of Dendrite's fused Dense backward kernel, the gradient of
 * `out = activation(x · kernel + bias)` in one kernel. The contract, for every backend that
 * registers it (`@dendrite/backend-native` does; cpu and wasm do not, so there the Dense layer
 * keeps its composed ops):
 * - inputs: `dy` `[n, units]`, `x` `[n, inputs]`, `kernel` `[inputs, units]`, all float32, and
 *   `out` `[n, units]` (the layer's saved output) only when `activation` is `'relu'`;
 * - attrs: {@link DendriteDenseGradAttrs};
 * - outputs, in this order and only those asked for: `dx` `[n, inputs]` when `inputGradient`,
 *   `dKernel` `[inputs, units]`, `dBias` `[units]` when `hasBias`;
 * - math: `dz = dy ⊙ step(out)` for relu (`step(v)` is 1 for `v > 0`, 0 otherwise, NaN for NaN,
 *   as tfjs' `Step`), `dz = dy` for linear; `dx = dz · kernelᵀ`, `dKernel = xᵀ · dz`,
 *   `dBias = Σ over rows of dz` (summed in row order). {@link denseGradValues} is the reference.
 */
export const DendriteDenseGrad = 'DendriteDenseGrad';

/** Inputs of {@link DendriteDenseGrad}. */
export interface DendriteDenseGradInputs extends tf.NamedTensorInfoMap {
  /** The gradient of the loss with respect to the layer's output, `[n, units]`. */
  dy: tf.TensorInfo;
  /** The layer's input, `[n, inputs]`. */
  x: tf.TensorInfo;
  /** The layer's kernel, `[inputs, units]`. */
  kernel: tf.TensorInfo;
  /** The layer's output, `[n, units]`; present exactly when `activation` is `'relu'`. */
  out?: tf.TensorInfo;
}

/** Attributes of {@link DendriteDenseGrad}. */
export interface DendriteDenseGradAttrs {
  /** The activation fused into the forward product. */
  readonly activation: 'linear' | 'relu';
  /** Whether to output `dx` (the engine skips it for a layer fed straight from the data). */
  readonly inputGradient: boolean;
  /** Whether the layer has a bias, so that `dBias` is output. */
  readonly hasBias: boolean;
}

/** The arrays {@link denseGradValues} returns. */
export interface DenseGradValues {
  readonly dx?: Float32Array;
  readonly dKernel: Float32Array;
  readonly dBias?: Float32Array;
}

/**
 * The reference of {@link DendriteDenseGrad} on plain row-major arrays, for tests of the
 * backends' versions: float64 sums rounded once to float32 (a backend's float32 product differs
 * in the last bits).
 */
export function denseGradValues(
  dy: Float32Array,
  x: Float32Array,
  kernel: Float32Array,
  out: Float32Array | undefined,
  [n, inputs, units]: readonly [number, number, number],
  attrs: DendriteDenseGradAttrs,
): DenseGradValues {
  const dz = out
    ? dy.map((g, i) => {
        const o = out[i] as number;
        return g * (Number.isNaN(o) ? o : o > 0 ? 1 : 0);
      })
    : dy;
  const at = (array: Float32Array, index: number) => array[index] as number;
  // Each entry is a float64 sum over `count` terms, rounded once to float32.
  const fill = (
    rows: number,
    cols: number,
    count: number,
    term: (row: number, col: number, t: number) => number,
  ) => {
    const result = new Float32Array(rows * cols);
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        let sum = 0;
        for (let t = 0; t < count; t++) sum += term(row, col, t);
        result[row * cols + col] = sum;
      }
    }
    return result;
  };
  const dKernel = fill(
    inputs,
    units,
    n,
    (i, j, r) => at(x, r * inputs + i) * at(dz, r * units + j),
  );
  const dBias = fill(1, units, n, (_, j, r) => at(dz, r * units + j));
  const dx = fill(n, inputs, units, (r, i, j) => at(dz, r * units + j) * at(kernel, i * units + j));
  return {
    ...(attrs.inputGradient ? { dx } : {}),
    dKernel,
    ...(attrs.hasBias ? { dBias } : {}),
  };
}
