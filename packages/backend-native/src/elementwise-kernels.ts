import * as tf from '@dendrite/tensor';
import { cpuKernel } from './cpu-kernels.js';
import { floatValues, output } from './tensor-data.js';

type BinaryOp = (a: number, b: number) => number;

const binaryOps: ReadonlyArray<readonly [string, BinaryOp]> = [
  [tf.Add, (a, b) => a + b],
  [tf.Sub, (a, b) => a - b],
  [tf.Multiply, (a, b) => a * b],
  [tf.RealDiv, (a, b) => a / b],
];

/** True when `shape`, without leading ones, is the tail of `outShape` (a bias, a scalar, ...). */
function isTrailing(shape: readonly number[], outShape: readonly number[]): boolean {
  const first = shape.findIndex((d) => d !== 1);
  const kept = first < 0 ? [] : shape.slice(first);
  return (
    kept.length <= outShape.length &&
    kept.join(',') === outShape.slice(outShape.length - kept.length).join(',')
  );
}

function binaryKernel(kernelName: string, op: BinaryOp): Omit<tf.KernelConfig, 'backendName'> {
  return {
    kernelName,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as tf.BinaryInputs;
      const backend = args.backend as tf.KernelBackend;
      const aInfo = a as tf.TensorInfo;
      const bInfo = b as tf.TensorInfo;
      const aValues = floatValues(backend, aInfo);
      const bValues = floatValues(backend, bInfo);
      const outShape = tf.broadcast_util.assertAndGetBroadcastShape(aInfo.shape, bInfo.shape);
      const size = tf.util.sizeFromShape(outShape);
      const full = (info: tf.TensorInfo) => tf.util.sizeFromShape(info.shape) === size;
      if (
        aValues === undefined ||
        bValues === undefined ||
        !isTrailing(aInfo.shape, outShape) ||
        !isTrailing(bInfo.shape, outShape) ||
        !(full(aInfo) || full(bInfo))
      ) {
        return cpuKernel(kernelName)(args);
      }
      // The broadcast operand repeats whole, so `i % length` indexes it (as cpu's same-shape loop).
      const values = new Float32Array(size);
      const aLength = aValues.length;
      const bLength = bValues.length;
      for (let i = 0; i < size; i++) {
        values[i] = op(aValues[i % aLength] as number, bValues[i % bLength] as number);
      }
      return output(backend, outShape, values);
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
 * leading axes, and `Sum` over leading axes: the bias-add and bias-gradient shapes where tfjs's
 * cpu kernels take a slow per-element index path. Other cases go to the cpu kernels.
 */
export function elementwiseKernels(): Array<Omit<tf.KernelConfig, 'backendName'>> {
  return [...binaryOps.map(([name, op]) => binaryKernel(name, op)), sumKernel];
}
