import * as tf from '@dendrite/tensor';
import type { NativeAddon } from './addon.js';
import { cpuKernel } from './cpu-kernels.js';
import { floatValues, output } from './tensor-data.js';

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
];

/** True when `shape`, without leading ones, is the tail of `outShape` (a bias, a scalar, ...). */
function isTrailing(shape: readonly number[], outShape: readonly number[]): boolean {
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  const kept = shape.length - first;
  if (kept > outShape.length) return false;
  const offset = outShape.length - kept;
  for (let i = 0; i < kept; i++) if (shape[first + i] !== outShape[offset + i]) return false;
  return true;
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
      if (
        !(aValues.length === size || bValues.length === size) ||
        !isTrailing(aInfo.shape, outShape) ||
        !isTrailing(bInfo.shape, outShape)
      ) {
        return fallback(args);
      }
      const values = new Float32Array(size);
      // The broadcast operand repeats whole along the rows, which the addon's loops assume.
      if (size > 0) addon.binary(op, aValues, bValues, values);
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
      const result = new Float32Array(values.length);
      addon.unary(op, values, result, alpha);
      return output(backend, info.shape.slice(), result);
    },
  };
}

/** `Sum` over leading axes (the bias gradient), summed in float64 like the cpu kernel. */
const sumKernel: Omit<tf.KernelConfig, 'backendName'> = {
  kernelName: tf.Sum,
  kernelFunc: (args) => {
    const { x } = args.inputs as tf.SumInputs;
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    const backend = args.backend as tf.KernelBackend;
    const info = x as tf.TensorInfo;
    const values = floatValues(backend, info);
    const axes = tf.util.parseAxisParam(axis, info.shape).sort((p, q) => p - q);
    const leading = axes.every((d, i) => d === i) && axes.length < info.shape.length;
    if (values === undefined || !leading || axes.length === 0) return cpuKernel(tf.Sum)(args);
    const kept = info.shape.slice(axes.length);
    const columns = tf.util.sizeFromShape(kept);
    const sums = new Float64Array(columns);
    for (let row = 0; row < values.length; row += columns) {
      for (let j = 0; j < columns; j++) sums[j] = (sums[j] as number) + (values[row + j] as number);
    }
    const shape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
    return output(backend, shape, Float32Array.from(sums));
  },
};

/**
 * `Add`, `Sub`, `Multiply`, `RealDiv` for float32 operands that are equal or broadcast along
 * leading axes (bias adds, scalars), `Sqrt`, `Square`, `Relu` and `Step` on float32, as native
 * loops (tfjs's cpu kernels call a closure per element); `Sum` over leading axes. Float32
 * results equal the cpu kernels' bit for bit (one rounding of an exact operation either way).
 * Other dtypes and broadcasts go to the cpu kernels.
 */
export function elementwiseKernels(
  addon: NativeAddon,
): Array<Omit<tf.KernelConfig, 'backendName'>> {
  return [
    ...binaryOps.map(([name, op]) => binaryKernel(addon, name, op)),
    ...unaryOps.map(([name, op]) => unaryKernel(addon, name, op)),
    sumKernel,
  ];
}
