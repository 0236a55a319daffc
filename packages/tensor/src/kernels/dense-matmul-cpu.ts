import type * as tf from '@tensorflow/tfjs-core';
import { checkDenseMatMul } from './dense-matmul-checks.js';
import { registerIfAbsent } from './kernel-access.js';

/**
 * Name of Dendrite's fused dense kernel: `activation(op(a) · op(b) + bias)` for rank-2 float32
 * tensors, where `op` transposes when the matching attribute asks. Registered here for
 * `cpu` by {@link registerDenseMatMulCpu}, and for wasm, webgl and webgpu by their own files;
 * the native backend registers its C++ one.
 */
export const DendriteMatMul = 'DendriteMatMul';

/** The activations {@link DendriteMatMul} can fuse into its output. */
export type DendriteMatMulActivation = 'linear' | 'relu';

/** Inputs of {@link DendriteMatMul}: rank-2 float32 operands and an optional bias. */
export interface DendriteMatMulInputs extends tf.NamedTensorInfoMap {
  /** `[m, k]`, or `[k, m]` with `transposeA`. */
  a: tf.TensorInfo;
  /** `[k, n]`, or `[n, k]` with `transposeB`. */
  b: tf.TensorInfo;
  /** `[n]`, added to every output row before the activation. */
  bias?: tf.TensorInfo;
}

/** Attributes of {@link DendriteMatMul}. */
export interface DendriteMatMulAttrs {
  /** Use `a` transposed: `a` is `[k, m]` instead of `[m, k]`. @defaultValue false */
  readonly transposeA: boolean;
  /** Use `b` transposed: `b` is `[n, k]` instead of `[k, n]`. @defaultValue false */
  readonly transposeB: boolean;
  /** Applied to every output element after the bias. @defaultValue 'linear' */
  readonly activation: DendriteMatMulActivation;
}

/** The slice of tfjs's cpu backend the kernel uses. */
interface CpuBackendLike {
  readSync(dataId: tf.DataId): tf.BackendValues;
  write(values: tf.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
}

// Operands are packed into float64 before the inner loops: V8 reads a Float64Array element
// without the float32 → float64 conversion a Float32Array read costs, and every inner loop
// then walks both operands with stride 1. The buffers are reused across calls (the kernel
// is synchronous), so a training step allocates only its output.
let packedA: Float64Array = new Float64Array(0);
let packedB: Float64Array = new Float64Array(0);

function scratch(current: Float64Array, length: number): Float64Array {
  return current.length >= length ? current : new Float64Array(length);
}

function copyInto(source: Float32Array, target: Float64Array, length: number): void {
  for (let index = 0; index < length; index++) target[index] = source[index] as number;
}

/** Writes the `[cols, rows]` transpose of row-major `source` (`[rows, cols]`) into `target`. */
function transposeInto(
  source: Float32Array,
  rows: number,
  cols: number,
  target: Float64Array,
): void {
  // Tiles keep the strided reads within a few cache lines; the writes run contiguously
  // because strided float64 writes with a power-of-two row length (512 rows = 4 KiB) all land
  // in one cache set and were measured 4-5x slower.
  const tile = 32;
  for (let col0 = 0; col0 < cols; col0 += tile) {
    const colEnd = Math.min(col0 + tile, cols);
    for (let row0 = 0; row0 < rows; row0 += tile) {
      const rowEnd = Math.min(row0 + tile, rows);
      for (let col = col0; col < colEnd; col++) {
        const to = col * rows;
        for (let row = row0; row < rowEnd; row++) {
          target[to + row] = source[row * cols + col] as number;
        }
      }
    }
  }
}

/**
 * `out[i, j] = Σ_p rowsA[i, p] · rowsB[j, p]` with `rowsA` `[m, k]` and `rowsB` `[n, k]`, both
 * row-major: every product is a dot product of two contiguous rows. A 4 × 4 block of outputs
 * is kept in 16 local accumulators so each loaded value feeds four multiply-adds, which is
 * where the speed over a one-output-at-a-time loop comes from.
 */
// biome-ignore format: the 4 × 4 block reads best one output row per line
function multiplyRows(
  rowsA: Float64Array,
  rowsB: Float64Array,
  m: number,
  k: number,
  n: number,
  out: Float32Array,
): void {
  const mBlocked = m - (m % 4);
  const nBlocked = n - (n % 4);
  for (let i = 0; i < mBlocked; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let j = 0; j < nBlocked; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let p = 0; p < k; p++) {
        const y0 = rowsB[b0 + p] as number;
        const y1 = rowsB[b1 + p] as number;
        const y2 = rowsB[b2 + p] as number;
        const y3 = rowsB[b3 + p] as number;
        let x = rowsA[a0 + p] as number;
        s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
        x = rowsA[a1 + p] as number;
        s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
        x = rowsA[a2 + p] as number;
        s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
        x = rowsA[a3 + p] as number;
        s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
      }
      let o = i * n + j;
      out[o] = s00; out[o + 1] = s01; out[o + 2] = s02; out[o + 3] = s03;
      o += n;
      out[o] = s10; out[o + 1] = s11; out[o + 2] = s12; out[o + 3] = s13;
      o += n;
      out[o] = s20; out[o + 1] = s21; out[o + 2] = s22; out[o + 3] = s23;
      o += n;
      out[o] = s30; out[o + 1] = s31; out[o + 2] = s32; out[o + 3] = s33;
    }
    // Columns left over from the 4-wide blocks: four rows against one column at a time.
    for (let j = nBlocked; j < n; j++) {
      const b0 = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const y = rowsB[b0 + p] as number;
        s0 += (rowsA[a0 + p] as number) * y;
        s1 += (rowsA[a1 + p] as number) * y;
        s2 += (rowsA[a2 + p] as number) * y;
        s3 += (rowsA[a3 + p] as number) * y;
      }
      const o = i * n + j;
      out[o] = s0; out[o + n] = s1; out[o + 2 * n] = s2; out[o + 3 * n] = s3;
    }
  }
  // Rows left over: one row against four columns, then against the last columns one by one.
  for (let i = mBlocked; i < m; i++) {
    const a0 = i * k;
    for (let j = 0; j < nBlocked; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = rowsA[a0 + p] as number;
        s0 += x * (rowsB[b0 + p] as number);
        s1 += x * (rowsB[b1 + p] as number);
        s2 += x * (rowsB[b2 + p] as number);
        s3 += x * (rowsB[b3 + p] as number);
      }
      const o = i * n + j;
      out[o] = s0; out[o + 1] = s1; out[o + 2] = s2; out[o + 3] = s3;
    }
    for (let j = nBlocked; j < n; j++) {
      const b0 = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += (rowsA[a0 + p] as number) * (rowsB[b0 + p] as number);
      out[i * n + j] = s;
    }
  }
}

/** Adds `bias` to every row of `out` and applies the activation, in place. */
function finishOutput(
  out: Float32Array,
  m: number,
  n: number,
  bias: Float32Array | undefined,
  relu: boolean,
): void {
  // Bias and activation run on the float32-rounded product, as `add(matMul(a, b), bias)`
  // would, so the fused result matches the composed ops to the last bit more often.
  if (bias !== undefined) {
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) out[row + j] = (out[row + j] as number) + (bias[j] as number);
    }
  }
  if (relu) {
    const size = m * n;
    // `< 0` lets NaN through, as tfjs's relu does, so a diverged model still shows NaN.
    for (let index = 0; index < size; index++) if ((out[index] as number) < 0) out[index] = 0;
  }
}

function denseMatMulCpu(params: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = params.backend as CpuBackendLike;
  const { a, b, bias, m, k, n, transposeA, transposeB, activation } = checkDenseMatMul(
    params.inputs,
    params.attrs,
  );
  const read = (info: tf.TensorInfo) => backend.readSync(info.dataId) as Float32Array;
  const aValues = read(a);
  const bValues = read(b);
  const biasValues = bias === undefined ? undefined : read(bias);

  // Lay both operands out with the inner dimension contiguous: rowsA is op(a) `[m, k]`,
  // rowsB is op(b) transposed, `[n, k]`. Packing costs O(mk + kn) against O(mkn) for the
  // product, and makes all four transpose variants run the same contiguous inner loop.
  packedA = scratch(packedA, m * k);
  packedB = scratch(packedB, n * k);
  if (transposeA) transposeInto(aValues, k, m, packedA);
  else copyInto(aValues, packedA, m * k);
  if (transposeB) copyInto(bValues, packedB, n * k);
  else transposeInto(bValues, k, n, packedB);

  const out = new Float32Array(m * n);
  multiplyRows(packedA, packedB, m, k, n, out);
  finishOutput(out, m, n, biasValues, activation === 'relu');

  const shape = [m, n];
  return { dataId: backend.write(out, shape, 'float32'), shape, dtype: 'float32' };
}

/**
 * Registers the {@link DendriteMatMul} kernel for tfjs's pure-JavaScript `cpu` backend. Safe to
 * call more than once: later calls do nothing. Run it with
 * `tf.engine().runKernel(DendriteMatMul, {a, b, bias}, {transposeA, transposeB, activation})`.
 * It has no gradient of its own; differentiate through `tf.customGrad`.
 * @example
 * registerDenseMatMulCpu();
 * const y = tf.engine().runKernel(DendriteMatMul, { a: x, b: kernel, bias },
 *   { transposeA: false, transposeB: false, activation: 'relu' }) as tf.Tensor2D;
 */
export function registerDenseMatMulCpu(): void {
  registerIfAbsent(DendriteMatMul, 'cpu', denseMatMulCpu);
}
