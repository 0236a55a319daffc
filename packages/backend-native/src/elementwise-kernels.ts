import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { floatValues, output, uninitializedFloats } from './tensor-data.js';

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

/**
 * `Add`, `Sub`, `Multiply`, `RealDiv` (the addon's `binary` op codes) for float32 operands that
 * are equal, scalars, biases or per-row values (`[rows, 1]`) as native loops (tfjs's cpu kernels
 * call a closure per element); other dtypes and broadcasts go to the fallback. Results equal the
 * cpu kernels' bit for bit (one rounding of an exact operation either way).
 */
export const binaryKernel: KernelBuild = ({ addon, fallback, opCode: op }) => {
  return (args) => {
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
  };
};

/**
 * The addon's `unary` ops (`Sqrt`, `Square`, `Relu`, `Step`, `Exp`, `Neg`, `Log`, `Sigmoid`) on
 * float32 as native loops; other dtypes go to the fallback.
 */
export const unaryKernel: KernelBuild = ({ addon, fallback, opCode: op }) => {
  return (args) => {
    const { x } = args.inputs as tf.UnaryInputs;
    const backend = args.backend as tf.KernelBackend;
    const info = x as tf.TensorInfo;
    const values = floatValues(backend, info);
    if (values === undefined) return fallback(args);
    const alpha = (args.attrs as Partial<tf.StepAttrs> | undefined)?.alpha ?? 0;
    const result = uninitializedFloats(values.length);
    addon.unary(op, values, result, alpha);
    return output(backend, info.shape.slice(), result);
  };
};

/** `Softmax` of float32 logits along the last axis (the only axis tfjs's cpu kernel takes). */
export const softmaxKernel: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
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
  };
};

/**
 * `DendriteSoftmaxAccuracy` (contract and checks in `@dendrite/tensor`): each row's softmax as
 * the native `Softmax` kernel computes it, so ties fall as in the composed ops on this backend.
 */
export const softmaxAccuracyKernel: KernelBuild = ({ addon }) => {
  return (args) => {
    const inputs = args.inputs as tf.SoftmaxAccuracyInputs;
    const { classes } = tf.checkSoftmaxAccuracy(inputs);
    const backend = args.backend as tf.KernelBackend;
    const owner = tf.DendriteSoftmaxAccuracy;
    const logits = inputValues(backend, owner, 'logits', inputs.logits, 'float32', [-1, classes]);
    const labels = inputValues(
      backend,
      owner,
      'labels',
      inputs.labels,
      'float32',
      inputs.logits.shape,
    );
    const hits = classes === 0 ? 0 : addon.softmaxAccuracy(logits, labels, classes);
    return output(backend, [], Float32Array.of(hits));
  };
};

/**
 * `Sum` of float32 values over leading axes (bias gradients), trailing axes (per-row sums of a
 * loss) or all axes, in float64 in the cpu kernel's order; other axes go to the cpu kernel.
 */
export const sumKernel: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
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
  };
};
