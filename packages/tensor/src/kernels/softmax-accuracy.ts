import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValueError } from '../errors.js';
import { computeOnHost, registerOnHostBackends } from './host-arrays.js';

/**
 * The categorical accuracy hits of a softmax output given its logits (contract shared by every
 * backend's version).
 * - inputs: `logits` float32 `[rows, C]`, `labels` float32 `[rows, C]` (one-hot or scores);
 * - output: float32 scalar, the number of rows whose `argmax(labels)` equals
 *   `argmax(softmax(logits))`, the first maximum winning ties in both, and the probabilities
 *   computed as tfjs' `softmax` does: `exp(l − max) / Σ exp(l − max)`.
 *
 * Equals `sum(cast(equal(argMax(labels, -1), argMax(softmax(logits), -1)), 'float32'))`: Keras'
 * categorical accuracy summed over the batch, without the probabilities as a tensor.
 */
export const DendriteSoftmaxAccuracy = 'DendriteSoftmaxAccuracy';

/** Inputs of {@link DendriteSoftmaxAccuracy}. */
export interface SoftmaxAccuracyInputs extends tf.NamedTensorInfoMap {
  logits: tf.TensorInfo;
  labels: tf.TensorInfo;
}

/** Checks the inputs for every backend's version; returns the rows and classes. */
export function checkSoftmaxAccuracy(inputs: SoftmaxAccuracyInputs): {
  rows: number;
  classes: number;
} {
  const { logits, labels } = inputs;
  for (const [name, info] of [
    ['logits', logits],
    ['labels', labels],
  ] as const) {
    if (info?.dtype !== 'float32') {
      throw new ValueError(
        `${DendriteSoftmaxAccuracy}: \`${name}\` must be float32; received ${info?.dtype ?? 'none'}`,
      );
    }
  }
  if (logits.shape.length !== 2 || !tf.util.arraysEqual(labels.shape, logits.shape)) {
    throw new ShapeError(
      `${DendriteSoftmaxAccuracy}: \`labels\` [${labels.shape}] and \`logits\` [${logits.shape}] must have one shape [rows, classes]`,
    );
  }
  const [rows, classes] = logits.shape as [number, number];
  return { rows, classes };
}

/**
 * {@link DendriteSoftmaxAccuracy} on host arrays, rounding each step to float32 as tfjs' cpu
 * kernels of the composed ops do (the sum of the exponentials accumulates in float64 there too).
 */
export function softmaxAccuracyHits(
  logits: Float32Array,
  labels: Float32Array,
  classes: number,
): number {
  const rows = classes === 0 ? 0 : logits.length / classes;
  const exps = new Float32Array(classes);
  let hits = 0;
  for (let row = 0; row < rows; row++) {
    const start = row * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[start + c] as number);
    let total = 0;
    for (let c = 0; c < classes; c++) {
      exps[c] = Math.exp(Math.fround((logits[start + c] as number) - max));
      total += exps[c] as number;
    }
    const sum = Math.fround(total);
    let predicted = 0;
    let best = Math.fround((exps[0] as number) / sum);
    let label = 0;
    for (let c = 1; c < classes; c++) {
      const p = Math.fround((exps[c] as number) / sum);
      if (p > best) [best, predicted] = [p, c];
      if ((labels[start + c] as number) > (labels[start + label] as number)) label = c;
    }
    if (predicted === label) hits++;
  }
  return hits;
}

const hostKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const named = inputs as SoftmaxAccuracyInputs;
  const { classes } = checkSoftmaxAccuracy(named);
  const host = backend as tf.KernelBackend;
  const [hits] = computeOnHost(host, [named.logits, named.labels], [[]], (ins, outs) => {
    const [logits, labels] = ins as [Float32Array, Float32Array];
    (outs[0] as Float32Array)[0] = softmaxAccuracyHits(logits, labels, classes);
  });
  return hits as tf.TensorInfo;
};

/** Registers {@link DendriteSoftmaxAccuracy} for the cpu and wasm backends (idempotent). */
export function registerSoftmaxAccuracyKernels(): void {
  registerOnHostBackends(DendriteSoftmaxAccuracy, hostKernel);
}
