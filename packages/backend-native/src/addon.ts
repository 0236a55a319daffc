import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@dendrite/tensor';

/** The functions of the compiled OpenBLAS addon (`build/Release/dendrite_native.node`). */
export interface NativeAddon {
  /** `out[i] = op(a[i % batchA]) · op(b[i % batchB])`, each `m×k · k×n`, written into `out`. */
  batchMatMul(
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    batchA: number,
    batchB: number,
    m: number,
    n: number,
    k: number,
    transposeA: boolean,
    transposeB: boolean,
  ): void;
  /** In place: `out = activation(out + bias)`, `bias` repeated along the rows. */
  biasActivation(
    out: Float32Array,
    bias: Float32Array | null,
    activation: number,
    alpha: number,
  ): void;
  /** NHWC convolution; `geometry` is {@link ConvGeometry} flattened. */
  conv2d(x: Float32Array, filter: Float32Array, y: Float32Array, geometry: number[]): void;
  /**
   * Sets the most floats a convolution's im2col scratch buffer holds (at least 1; default 2^24,
   * 64 MiB) and returns the previous value. Convolutions work through tiles of output pixels
   * sized to fit, down to one pixel's window (never more than the filter's size).
   */
  setScratchBudget(floats: number): number;
  /** Gradient of `conv2d` with respect to `x`. */
  conv2dBackpropInput(
    dy: Float32Array,
    filter: Float32Array,
    dx: Float32Array,
    geometry: number[],
  ): void;
  /** Gradient of `conv2d` with respect to the filter. */
  conv2dBackpropFilter(
    x: Float32Array,
    dy: Float32Array,
    dFilter: Float32Array,
    geometry: number[],
  ): void;
  /**
   * `out[i] = a[⌊i / aInner⌋ % a.length] op b[⌊i / bInner⌋ % b.length]`; one operand has
   * `out.length` elements and inner 1, the other repeats whole. `op`: 0 add, 1 subtract,
   * 2 multiply, 3 divide.
   */
  binary(
    op: number,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    aInner: number,
    bInner: number,
  ): void;
  /**
   * `out[i] = op(x[i])`; `op`: 0 sqrt, 1 square, 2 relu, 3 step (`alpha` where `x <= 0`), 4 exp,
   * 5 negate, 6 log.
   */
  unary(op: number, x: Float32Array, out: Float32Array, alpha: number): void;
  /**
   * Sums a `rows × columns` matrix in float64: over its rows into `columns` values (`leading`),
   * or along each row into `rows` values.
   */
  sum(x: Float32Array, out: Float32Array, rows: number, columns: number, leading: boolean): void;
  /** Softmax along rows of `columns` values: `out` = exp(x − row max) / row sum. */
  softmax(x: Float32Array, out: Float32Array, columns: number): void;
  /**
   * `DendriteSoftmaxAccuracy`: the rows whose first largest label is also the first largest of
   * their softmax (computed as `softmax` does), over rows of `columns`.
   */
  softmaxAccuracy(logits: Float32Array, labels: Float32Array, columns: number): number;
  /**
   * One Adam step into new arrays: `m' = m + (g − m)(1 − beta1)`, `v' = v + (g² − v)(1 − beta2)`,
   * `variable' = variable − alpha·m'/(√v' + epsilon)`; all seven arrays of one length, the
   * outputs overlapping nothing (a RangeError otherwise).
   */
  adamUpdate(
    variable: Float32Array,
    gradient: Float32Array,
    m: Float32Array,
    v: Float32Array,
    outVariable: Float32Array,
    outM: Float32Array,
    outV: Float32Array,
    alpha: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void;
  /**
   * The Dense layer's backward pass (`DendriteDenseGrad`): `dz = dy ⊙ step(out)` (`dz = dy` where
   * `out` is null), `dKernel = xᵀ·dz`, `dBias` the column sums of `dz`, `dx = dz·kernelᵀ`; a null
   * `dBias` or `dx` is not computed. `x` is `n×k`, `kernel` `k×u`, `dy` and `out` `n×u`.
   */
  denseGrad(
    dy: Float32Array,
    x: Float32Array,
    kernel: Float32Array,
    out: Float32Array | null,
    dKernel: Float32Array,
    dBias: Float32Array | null,
    dx: Float32Array | null,
    n: number,
    k: number,
    u: number,
  ): void;
  /**
   * Inverted dropout (`DendriteDropout`): `mask[i]` is 1 unless the `i`-th mulberry32 draw after
   * `state` is below `rate`, and `y[i] = x[i]·(mask[i] ? 1/(1 − rate) : 0)`.
   */
  dropout(x: Float32Array, y: Float32Array, mask: Uint8Array, state: number, rate: number): void;
  /** `dx[i] = dy[i]·(mask[i] ? 1/(1 − rate) : 0)` (`DendriteDropoutGrad`). */
  dropoutGrad(dy: Float32Array, mask: Uint8Array, dx: Float32Array, rate: number): void;
  /**
   * `DendriteSoftmaxCrossEntropy` over rows of `classes`: `loss[row] = −Σ labels·clip(logSoftmax)`,
   * the log-probabilities clipped to `[low, high]` (float64 inside, float32 out).
   */
  softmaxCrossEntropy(
    logits: Float32Array,
    labels: Float32Array,
    loss: Float32Array,
    classes: number,
    low: number,
    high: number,
  ): void;
  /**
   * `DendriteDenseChainGrad` in one call: `x` (`n×inputs`) through the layers to `logits`
   * (`n×classes`), the mean softmax cross-entropy against `labels` (log-probabilities clipped to
   * `[low, high]`) and every layer's gradients written into its `dKernel` and `dBias`; returns
   * the loss. Then, per layer: `kernel`, `bias` (or null), `dKernel`, `dBias` (null exactly when
   * `bias` is), `units`, `relu`, the inverted dropout on its input (`dropoutRate`, 0 for none)
   * and the generator state its mask is drawn from (`dropoutState`). With `adam`
   * (`[alpha, beta1, beta2, epsilon]`, else null) each layer also takes its moments (`kernelM`,
   * `kernelV`, `biasM`, `biasV`, the last two null exactly when `bias` is), and its weights and
   * moments take the Adam step in place right after the layer's backward pass.
   */
  denseChainGrad(
    x: Float32Array,
    labels: Float32Array,
    logits: Float32Array,
    n: number,
    inputs: number,
    low: number,
    high: number,
    adam: Float64Array | null,
    ...layers: Array<Float32Array | null | number | boolean>
  ): number;
  /**
   * `DendriteDenseChainSteps` in one call: several `denseChainGrad` steps with Adam, each on
   * its batch gathered from all the samples `x` (`samples×inputs`) and `labels`: rows
   * `order[start … start + rows)` (rows `start …` when `order` is null), for each step's
   * `[start, rows, alpha]` in `steps`, with its dropout states `seeds[step·layers + layer]`
   * (uint32 bits) and Adam `[beta1, beta2, epsilon]`. Writes each step's mean loss into
   * `losses` and, unless `hits` is null, its softmax accuracy hits. The layers as in
   * `denseChainGrad` with Adam (their dropout states unused). Every step's rows are checked first.
   */
  denseChainSteps(
    x: Float32Array,
    labels: Float32Array,
    order: Int32Array | null,
    steps: Float64Array,
    seeds: Int32Array,
    losses: Float32Array,
    hits: Float32Array | null,
    inputs: number,
    low: number,
    high: number,
    adam: Float64Array,
    ...layers: Array<Float32Array | null | number | boolean>
  ): void;
  /**
   * A batch's rows: row `k < count` of `target` is row `order[start + k]` of `source` (rows of
   * `rowSize` floats), copied on the addon's threads; an index outside `source` is a RangeError.
   */
  gatherRows: tf.RowGather;
  /** `DendriteSoftmaxCrossEntropyGrad`: `dLogits` and `dLabels` of the loss above, from `dy`. */
  softmaxCrossEntropyGrad(
    dy: Float32Array,
    logits: Float32Array,
    labels: Float32Array,
    dLogits: Float32Array,
    dLabels: Float32Array,
    classes: number,
    low: number,
    high: number,
  ): void;
  /** The op codes of `native/kernels.h` by name: tfjs kernel names for `binary` and `unary`, activation names for `biasActivation`. */
  opCodes(): NativeOpCodes;
  /**
   * Throws a C++ exception (`'bad_alloc'`, `'runtime_error'` or `'other'`) inside a binding: for
   * tests that every C++ exception reaches JavaScript as an `Error` instead of aborting Node.
   */
  throwForTest(kind: 'bad_alloc' | 'runtime_error' | 'other'): never;
  /**
   * The same step as {@link NativeAddon.adamUpdate} written into `variable`, `m` and `v`
   * themselves; the four arrays must not overlap (a RangeError otherwise).
   */
  adamUpdateInPlace(
    variable: Float32Array,
    gradient: Float32Array,
    m: Float32Array,
    v: Float32Array,
    alpha: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void;
  /** Sets how many threads (the caller's included) one kernel may split its work across. */
  setNumThreads(threads: number): void;
  /** How many threads one kernel may use. */
  getNumThreads(): number;
  /**
   * Sets glibc's `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` (bytes) so freed large blocks stay in
   * the heap for reuse instead of going back to the kernel; `false` where the C library is not
   * glibc (nothing changed) or refused the values.
   */
  keepFreedMemory(mmapThreshold: number, trimThreshold: number): boolean;
  /** OpenBLAS's build description, e.g. `'OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64'`. */
  blasConfig(): string;
}

/** The op codes the addon understands, by name (see {@link NativeAddon.opCodes}). */
export interface NativeOpCodes {
  readonly binary: Readonly<Record<string, number>>;
  readonly unary: Readonly<Record<string, number>>;
  readonly activation: Readonly<Record<string, number>>;
}

/** Where a source build (node-gyp) puts the addon, relative to the package folder. */
export const sourceBuildPath = 'build/Release/dendrite_native.node';

/**
 * Where the package ships a prebuilt addon for a platform, relative to the package folder:
 * linux-x64 with glibc only (statically linked against OpenBLAS); `undefined` elsewhere.
 */
export function prebuiltPath(
  platform: string = process.platform,
  arch: string = process.arch,
  glibc: boolean = hasGlibc(),
): string | undefined {
  return platform === 'linux' && arch === 'x64' && glibc
    ? 'prebuilds/linux-x64/dendrite_native.node'
    : undefined;
}

/** Whether this Node runs on glibc (musl's Node reports no glibc version). */
function hasGlibc(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: unknown } };
  return typeof report?.header?.glibcVersionRuntime === 'string';
}

const howToBuild =
  'install OpenBLAS and a compiler (Debian: `apt-get install libopenblas-dev g++ make`), then run `pnpm rebuild @dendrite/backend-native`';

/**
 * Loads the addon: a source build in `build/Release` when there is one, else the prebuilt binary
 * for this platform. Throws (code `MODULE_NOT_FOUND`) when neither is there, or the first load
 * error (e.g. a missing `libopenblas.so.0`) when none loads.
 */
export function loadAddon(): NativeAddon {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const prebuilt = prebuiltPath();
  const candidates = prebuilt === undefined ? [sourceBuildPath] : [sourceBuildPath, prebuilt];
  const present = candidates.filter((path) => existsSync(join(root, path)));
  if (present.length === 0) {
    throw Object.assign(new Error(`no addon at ${candidates.join(' or ')}`), {
      code: 'MODULE_NOT_FOUND',
    });
  }
  const require = createRequire(import.meta.url);
  let firstError: unknown;
  for (const path of present) {
    try {
      return require(join(root, path)) as NativeAddon;
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

/**
 * Calls `load` and turns a failure into a {@link tf.BackendError} that says why and how to fix it.
 * The wording avoids "cannot find module" so `useBackend` reports a build problem, not a missing package.
 */
export function loadAddonOrExplain(load: () => NativeAddon): NativeAddon {
  try {
    return load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const detail =
      code === 'MODULE_NOT_FOUND'
        ? `its addon ${sourceBuildPath} was never built${prebuiltPath() === undefined ? ` (no prebuilt binary ships for ${process.platform}-${process.arch})` : ''}`
        : `its addon did not load (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`;
    throw new tf.BackendError(`registerNativeBackend: ${detail}; to build it, ${howToBuild}`);
  }
}
