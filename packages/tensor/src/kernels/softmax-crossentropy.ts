import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, ValueError } from '../errors.js';
import { computeOnHost, registerOnHostBackends } from './host-arrays.js';

/**
 * Forward kernel of the softmax cross-entropy (contract shared by every backend's version).
 * - inputs: `logits` float32 `[..., C]`, `labels` float32 of the same shape;
 * - attrs: {@link SoftmaxCrossEntropyAttrs} (`epsilon`, `reduction`);
 * - output: `loss` float32 `[...]` (the logits' shape without the last axis),
 *   `loss = −Σ_c labels_c · clip(logSoftmax(logits)_c, log ε, log1p(−ε))`, no clip when `ε = 0`;
 *   with `reduction: 'mean'` the scalar mean of those over all `rows` (`Σ loss / max(rows, 1)`).
 *
 * Equals `neg(sum(mul(labels, clipByValue(logSoftmax(logits), log ε, log1p(−ε))), −1))`
 * (then `div(sum(·), max(rows, 1))` for `'mean'`).
 */
export const DendriteSoftmaxCrossEntropy = 'DendriteSoftmaxCrossEntropy';

/**
 * Gradient kernel of {@link DendriteSoftmaxCrossEntropy} (contract shared by every backend).
 * - inputs: `dy` float32 of the forward output's shape (`[...]`, or `[]` for `'mean'`, where every
 *   row's upstream gradient is `dy / max(rows, 1)`), `logits` and `labels` float32 `[..., C]`;
 * - attrs: {@link SoftmaxCrossEntropyAttrs} (`epsilon`, `reduction`);
 * - outputs: `[dLogits, dLabels]`, both float32 `[..., C]`, with `p = softmax(logits)`,
 *   `l = logSoftmax(logits)`, `u_c = 1` where `log ε ≤ l_c ≤ log1p(−ε)` (always when `ε = 0`),
 *   else 0, and `S = Σ_c labels_c · u_c`:
 *   `dLogits_c = dy · (p_c · S − labels_c · u_c)`, `dLabels_c = −dy · clip(l_c)`.
 *
 * These are the exact derivatives of the forward (for one-hot labels and nothing clipped,
 * `dLogits = dy · (p − labels)`), as autodiff of the composed ops computes them.
 */
export const DendriteSoftmaxCrossEntropyGrad = 'DendriteSoftmaxCrossEntropyGrad';

/** Attributes of both softmax cross-entropy kernels. */
export interface SoftmaxCrossEntropyAttrs {
  /** Keras' probability clip: log-probabilities are clipped to `[log ε, log1p(−ε)]`; 0 for none. */
  readonly epsilon: number;
  /** `'mean'`: one scalar, the mean over the rows; `'none'`: one loss per row. @defaultValue 'none' */
  readonly reduction?: 'none' | 'mean';
}

/** Inputs of {@link DendriteSoftmaxCrossEntropy}. */
export interface SoftmaxCrossEntropyInputs extends tf.NamedTensorInfoMap {
  logits: tf.TensorInfo;
  labels: tf.TensorInfo;
}

/** Inputs of {@link DendriteSoftmaxCrossEntropyGrad}. */
export interface SoftmaxCrossEntropyGradInputs extends SoftmaxCrossEntropyInputs {
  dy: tf.TensorInfo;
}

/** The clip bounds of the log-probabilities for `epsilon` (unbounded for 0). */
function clipBounds(epsilon: number): [number, number] {
  return epsilon === 0 ? [-Infinity, Infinity] : [Math.log(epsilon), Math.log1p(-epsilon)];
}

/**
 * Calls `visit(row, start, shift)` for each row of `classes` logits, where the row's
 * log-softmax is `logits[start + c] − shift` (`shift` = the row's maximum plus the log of its
 * shifted exponentials' sum, so logits of ±1e4 stay finite).
 */
function forEachRow(
  logits: Float32Array,
  classes: number,
  visit: (row: number, start: number, shift: number) => void,
): void {
  const rows = classes === 0 ? 0 : logits.length / classes;
  for (let row = 0; row < rows; row++) {
    const start = row * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[start + c] as number);
    let sumExp = 0;
    for (let c = 0; c < classes; c++) sumExp += Math.exp((logits[start + c] as number) - max);
    visit(row, start, max + Math.log(sumExp));
  }
}

/** The inputs both kernels read, as host arrays: rows of `classes` logits and labels. */
export interface CrossEntropyRows {
  readonly logits: Float32Array;
  readonly labels: Float32Array;
  readonly classes: number;
  readonly epsilon: number;
  /** Whether the loss is the rows' mean (one value) rather than one value per row. */
  readonly mean: boolean;
}

function rowCount(rows: CrossEntropyRows): number {
  return rows.classes === 0 ? 0 : rows.logits.length / rows.classes;
}

/** {@link DendriteSoftmaxCrossEntropy} on host arrays, in float64 stored as float32. */
export function softmaxCrossEntropyValues(rows: CrossEntropyRows, loss: Float32Array): void {
  const { logits, labels, classes } = rows;
  const [low, high] = clipBounds(rows.epsilon);
  let sum = 0;
  forEachRow(logits, classes, (row, start, shift) => {
    let total = 0;
    for (let c = 0; c < classes; c++) {
      const logP = Math.min(Math.max((logits[start + c] as number) - shift, low), high);
      total -= (labels[start + c] as number) * logP;
    }
    // The mean rounds as the composed ops do: each row's loss, their sum, then the quotient.
    if (rows.mean) sum += Math.fround(total);
    else loss[row] = total;
  });
  if (rows.mean) loss[0] = Math.fround(sum) / Math.max(rowCount(rows), 1);
}

/** {@link DendriteSoftmaxCrossEntropyGrad} on host arrays, in float64 stored as float32. */
export function softmaxCrossEntropyGradValues(
  rows: CrossEntropyRows,
  dy: Float32Array,
  dLogits: Float32Array,
  dLabels: Float32Array,
): void {
  const { logits, labels, classes } = rows;
  const [low, high] = clipBounds(rows.epsilon);
  const share = rows.mean ? (dy[0] as number) / Math.max(rowCount(rows), 1) : 0;
  forEachRow(logits, classes, (row, start, shift) => {
    const upstream = rows.mean ? share : (dy[row] as number);
    let kept = 0;
    for (let c = 0; c < classes; c++) {
      const logP = (logits[start + c] as number) - shift;
      if (logP >= low && logP <= high) kept += labels[start + c] as number;
    }
    for (let c = 0; c < classes; c++) {
      const logP = (logits[start + c] as number) - shift;
      const label = labels[start + c] as number;
      const inside = logP >= low && logP <= high;
      dLogits[start + c] = upstream * (Math.exp(logP) * kept - (inside ? label : 0));
      dLabels[start + c] = -upstream * Math.min(Math.max(logP, low), high);
    }
  });
}

function checkFloat(kernel: string, name: string, info: tf.TensorInfo): void {
  if (info.dtype !== 'float32') {
    throw new ValueError(`${kernel}: \`${name}\` must be float32; received ${info.dtype}`);
  }
}

/**
 * Checks the inputs and attrs both kernels share, for every backend's version; returns the number
 * of classes (the last axis), whether the loss is the mean, and the loss' shape.
 */
export function checkSoftmaxCrossEntropy(
  kernel: string,
  inputs: SoftmaxCrossEntropyInputs,
  attrs: SoftmaxCrossEntropyAttrs,
): { classes: number; mean: boolean; lossShape: number[] } {
  const { logits, labels } = inputs;
  checkFloat(kernel, 'logits', logits);
  checkFloat(kernel, 'labels', labels);
  if (logits.shape.length === 0 || !tf.util.arraysEqual(labels.shape, logits.shape)) {
    throw new ShapeError(
      `${kernel}: \`labels\` [${labels.shape}] and \`logits\` [${logits.shape}] must have one shape of rank ≥ 1`,
    );
  }
  const { epsilon } = attrs;
  if (!(epsilon >= 0 && epsilon < 0.5)) {
    throw new ConfigError(`${kernel}: \`epsilon\` must be in [0, 0.5); received ${epsilon}`);
  }
  const reduction = attrs.reduction ?? 'none';
  if (reduction !== 'none' && reduction !== 'mean') {
    throw new ConfigError(
      `${kernel}: \`reduction\` must be 'none' or 'mean'; received ${String(reduction)}`,
    );
  }
  const mean = reduction === 'mean';
  const classes = logits.shape[logits.shape.length - 1] as number;
  return { classes, mean, lossShape: mean ? [] : logits.shape.slice(0, -1) };
}

/** {@link checkSoftmaxCrossEntropy} for the gradient kernel, its upstream `dy` included. */
export function checkSoftmaxCrossEntropyGrad(
  inputs: SoftmaxCrossEntropyGradInputs,
  attrs: SoftmaxCrossEntropyAttrs,
): ReturnType<typeof checkSoftmaxCrossEntropy> {
  const checked = checkSoftmaxCrossEntropy(DendriteSoftmaxCrossEntropyGrad, inputs, attrs);
  checkFloat(DendriteSoftmaxCrossEntropyGrad, 'dy', inputs.dy);
  if (!tf.util.arraysEqual(inputs.dy.shape, checked.lossShape)) {
    throw new ShapeError(
      `${DendriteSoftmaxCrossEntropyGrad}: \`dy\` has shape [${inputs.dy.shape}]; expected the loss' shape [${checked.lossShape}]`,
    );
  }
  return checked;
}

const forwardKernel: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const named = inputs as SoftmaxCrossEntropyInputs;
  const settings = attrs as unknown as SoftmaxCrossEntropyAttrs;
  const { classes, mean, lossShape } = checkSoftmaxCrossEntropy(
    DendriteSoftmaxCrossEntropy,
    named,
    settings,
  );
  const { epsilon } = settings;
  const host = backend as tf.KernelBackend;
  const [loss] = computeOnHost(host, [named.logits, named.labels], [lossShape], (ins, outs) => {
    const [logits, labels] = ins as [Float32Array, Float32Array];
    softmaxCrossEntropyValues({ logits, labels, classes, epsilon, mean }, outs[0] as Float32Array);
  });
  return loss as tf.TensorInfo;
};

const gradKernel: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const named = inputs as SoftmaxCrossEntropyGradInputs;
  const settings = attrs as unknown as SoftmaxCrossEntropyAttrs;
  const { classes, mean } = checkSoftmaxCrossEntropyGrad(named, settings);
  const { dy, logits, labels } = named;
  const shape = logits.shape;
  const rows = { classes, epsilon: settings.epsilon, mean };
  const host = backend as tf.KernelBackend;
  return computeOnHost(host, [dy, logits, labels], [shape, shape], (ins, outs) => {
    const [g, x, t] = ins as [Float32Array, Float32Array, Float32Array];
    const [dLogits, dLabels] = outs as [Float32Array, Float32Array];
    softmaxCrossEntropyGradValues({ ...rows, logits: x, labels: t }, g, dLogits, dLabels);
  });
};

/** Registers both softmax cross-entropy kernels for the cpu and wasm backends (idempotent). */
export function registerSoftmaxCrossEntropyKernels(): void {
  registerOnHostBackends(DendriteSoftmaxCrossEntropy, forwardKernel);
  registerOnHostBackends(DendriteSoftmaxCrossEntropyGrad, gradKernel);
}
