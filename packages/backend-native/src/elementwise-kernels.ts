import * as tf from '@dendrite/tensor';
import type { NativeAddon } from './addon.js';
import { cpuKernel } from './cpu-kernels.js';
import { floatValues, output, uninitializedFloats } from './tensor-data.js';

/** The op codes of `NativeAddon.binary` (see native/kernels.h). */
const binaryOps: ReadonlyArray<readonly [string, number]> = [
  [tf.Add, 0],
  [tf.Sub, 1],
  [tf.Multiply, 2],
  [tf.RealDiv, 3],
];

/** The op codes of `NativeAddon.unary` (see native/kernels.h). */
const unaryOps: ReadonlyArray<readonly [string, number]> = [
  [tf.Sqrt, 0],
  [tf.Square, 1],
  [tf.Relu, 2],
  [tf.Step, 3],
  [tf.Exp, 4],
  [tf.Neg, 5],
  [tf.Log, 6],
];

/**
 * How an operand of `shape` repeats over `outShape` when its dims, without leading and trailing
 * ones, are a run of `outShape`'s: each value covers `inner` consecutive outputs (the product of
 * the dims after the run), and the operand repeats whole after that. Covers biases (`[n]`,
 * inner 1), scalars, and per-row values (`[rows, 1]`). `undefined` for other broadcasts.
 */
function innerSize(shape: readonly number[], outShape: readonly number[]): number | undefined {
  const offset = outShape.length - shape.length;
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  let last = shape.length - 1;
  while (last >= first && shape[last] === 1) last--;
  for (let d = first; d <= last; d++) if (shape[d] !== outShape[offset + d]) return undefined;
  let inner = 1;
  for (let d = offset + last + 1; d < outShape.length; d++) inner *= outShape[d] as number;
  return last < first ? 1 : inner;
}

function binaryKernel(
  addon: NativeAddon,
  kernelName: string,
  op: number,
): Omit<tf.KernelConfig, 'backendName'> {
  const fallback = cpuKernel(kernelName);
  return {
    kernelName,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as tf.BinaryInputs;
      const backend = args.backend as tf.KernelBackend;
      const aInfo = a as tf.TensorInfo;
      const bInfo = b as tf.TensorInfo;
      const aValues = floatValues(backend, aInfo);
      const bValues = floatValues(backend, bInfo);
      if (aValues === undefined || bValues === undefined) return fallback(args);
      const outShape = tf.util.arraysEqual(aInfo.shape, bInfo.shape)
        ? aInfo.shape
        : tf.broadcast_util.assertAndGetBroadcastShape(aInfo.shape, bInfo.shape);
      const size = tf.util.sizeFromShape(outShape);
      const aInner = aValues.length === size ? 1 : innerSize(aInfo.shape, outShape);
      const bInner = bValues.length === size ? 1 : innerSize(bInfo.shape, outShape);
      if (
        aInner === undefined ||
        bInner === undefined ||
        !(aValues.length === size || bValues.length === size)
      ) {
        return fallback(args);
      }
      const values = uninitializedFloats(size);
      if (size > 0) addon.binary(op, aValues, bValues, values, aInner, bInner);
      return output(backend, outShape.slice(), values);
    },
  };
}

function unaryKernel(
  addon: NativeAddon,
  kernelName: string,
  op: number,
): Omit<tf.KernelConfig, 'backendName'> {
  const fallback = cpuKernel(kernelName);
  return {
    kernelName,
    kernelFunc: (args) => {
      const { x } = args.inputs as tf.UnaryInputs;
      const backend = args.backend as tf.KernelBackend;
      const info = x as tf.TensorInfo;
      const values = floatValues(backend, info);
      if (values === undefined) return fallback(args);
      const alpha = kernelName === tf.Step ? (args.attrs as unknown as tf.StepAttrs).alpha : 0;
      const result = uninitializedFloats(values.length);
      addon.unary(op, values, result, alpha);
      return output(backend, info.shape.slice(), result);
    },
  };
}

/** `Softmax` of float32 logits along the last axis (the only axis tfjs's cpu kernel takes). */
function softmaxKernel(addon: NativeAddon): Omit<tf.KernelConfig, 'backendName'> {
  const fallback = cpuKernel(tf.Softmax);
  return {
    kernelName: tf.Softmax,
    kernelFunc: (args) => {
      const { logits } = args.inputs as tf.SoftmaxInputs;
      const { dim } = args.attrs as unknown as tf.SoftmaxAttrs;
      const backend = args.backend as tf.KernelBackend;
      const info = logits as tf.TensorInfo;
      const values = floatValues(backend, info);
      const rank = info.shape.length;
      const columns = info.shape[rank - 1] ?? 0;
      const last = dim === -1 || dim === rank - 1;
      if (values === undefined || !last || rank === 0 || columns === 0) return fallback(args);
      const result = uninitializedFloats(values.length);
      addon.softmax(values, result, columns);
      return output(backend, info.shape.slice(), result);
    },
  };
}

/**
 * `Sum` of float32 values over leading axes (bias gradients), trailing axes (per-row sums of a
 * loss) or all axes, in float64 in the cpu kernel's order; other axes go to the cpu kernel.
 */
function sumKernel(addon: NativeAddon): Omit<tf.KernelConfig, 'backendName'> {
  const fallback = cpuKernel(tf.Sum);
  return {
    kernelName: tf.Sum,
    kernelFunc: (args) => {
      const { x } = args.inputs as tf.SumInputs;
      const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
      const backend = args.backend as tf.KernelBackend;
      const info = x as tf.TensorInfo;
      const values = floatValues(backend, info);
      const rank = info.shape.length;
      const axes = tf.util.parseAxisParam(axis, info.shape).sort((p, q) => p - q);
      const count = axes.length;
      const leading = axes.every((d, i) => d === i);
      const trailing = axes.every((d, i) => d === rank - count + i);
      if (values === undefined || count === 0 || !(leading || trailing)) return fallback(args);
      // A sum over every axis is a trailing sum of one row.
      const summedLeading = leading && count < rank;
      const kept = summedLeading ? info.shape.slice(count) : info.shape.slice(0, rank - count);
      const size = tf.util.sizeFromShape(kept);
      const result = uninitializedFloats(size);
      if (size > 0 && summedLeading) addon.sum(values, result, values.length / size, size, true);
      else if (size > 0) addon.sum(values, result, size, values.length / size, false);
      const shape = keepDims ? info.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
      return output(backend, shape, result);
    },
  };
}

/**
 * `Add`, `Sub`, `Multiply`, `RealDiv` for float32 operands that are equal, scalars, biases or
 * per-row values (`[rows, 1]`), `Sqrt`, `Square`, `Relu`, `Step`, `Exp`, `Neg` and `Log` on
 * float32, as native loops (tfjs's cpu kernels call a closure per element); `Softmax` along the
 * last axis in one pass (cpu chains six kernels through its slow broadcasting path); `Sum` over
 * leading or trailing axes. Float32
 * results equal the cpu kernels' bit for bit (one rounding of an exact operation either way).
 * Other dtypes and broadcasts go to the cpu kernels.
 */
export function elementwiseKernels(
  addon: NativeAddon,
): Array<Omit<tf.KernelConfig, 'backendName'>> {
  return [
    ...binaryOps.map(([name, op]) => binaryKernel(addon, name, op)),
    ...unaryOps.map(([name, op]) => unaryKernel(addon, name, op)),
    softmaxKernel(addon),
    sumKernel(addon),
  ];
}
