import * as tf from '@dendrite/tensor';
import type { NativeAddon } from './addon.js';
import { finishFused, fusedTail } from './bias-activation.js';
import type { KernelBuild } from './kernel-context.js';
import { floatValues, uninitializedFloats } from './tensor-data.js';

/** The sizes of one (batched) matrix product, following tfjs's BatchMatMul kernel. */
interface MatMulPlan {
  readonly batchA: number;
  readonly batchB: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly outShape: number[];
}

/**
 * Plans `op(a) · op(b)`; `undefined` when the batch dimensions broadcast in a way the addon's
 * `index % batch` mapping does not cover (the cpu kernel then handles it).
 */
function planMatMul(
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): MatMulPlan | undefined {
  const rankA = a.shape.length;
  const rankB = b.shape.length;
  const innerA = (transposeA ? a.shape[rankA - 2] : a.shape[rankA - 1]) ?? 0;
  const innerB = (transposeB ? b.shape[rankB - 1] : b.shape[rankB - 2]) ?? 0;
  const m = (transposeA ? a.shape[rankA - 1] : a.shape[rankA - 2]) ?? 0;
  const n = (transposeB ? b.shape[rankB - 2] : b.shape[rankB - 1]) ?? 0;
  tf.util.assert(
    innerA === innerB,
    () =>
      `Error in matMul: inner shapes (${innerA}) and (${innerB}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
  );
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  const batchA = tf.util.sizeFromShape(outerA);
  const batchB = tf.util.sizeFromShape(outerB);
  const batch = tf.util.sizeFromShape(outer);
  // `i % batchX` indexes the smaller operand correctly only when its batch dims are all ones or
  // are the trailing batch dims of the output.
  const trailing = (dims: number[]) => {
    const kept = dims.slice(dims.findIndex((d) => d !== 1));
    return dims.every((d) => d === 1) || kept.join(',') === outer.slice(-kept.length).join(',');
  };
  if (!trailing(outerA) || !trailing(outerB) || Math.max(batchA, batchB) !== batch)
    return undefined;
  return { batchA, batchB, m, n, k: innerA, outShape: [...outer, m, n] };
}

/** `op(a) · op(b)` on OpenBLAS; `undefined` when the operands are not float32 or do not broadcast. */
export function nativeMatMul(
  addon: NativeAddon,
  backend: tf.KernelBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): { values: Float32Array; shape: number[] } | undefined {
  const aValues = floatValues(backend, a);
  const bValues = floatValues(backend, b);
  if (aValues === undefined || bValues === undefined) return undefined;
  const plan = planMatMul(a, b, transposeA, transposeB);
  if (plan === undefined) return undefined;
  const values = uninitializedFloats(tf.util.sizeFromShape(plan.outShape));
  addon.batchMatMul(
    aValues,
    bValues,
    values,
    plan.batchA,
    plan.batchB,
    plan.m,
    plan.n,
    plan.k,
    transposeA,
    transposeB,
  );
  return { values, shape: plan.outShape };
}

/** `BatchMatMul` on OpenBLAS sgemm; other dtypes and broadcasts go to the fallback. */
export const batchMatMul: KernelBuild = ({ addon, codes, fallback }) => {
  return (args) => {
    const { a, b } = args.inputs as tf.BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const backend = args.backend as tf.KernelBackend;
    const product = nativeMatMul(
      addon,
      backend,
      a as tf.TensorInfo,
      b as tf.TensorInfo,
      transposeA,
      transposeB,
    );
    if (product === undefined) return fallback(args);
    return finishFused({ addon, codes }, backend, product, {});
  };
};

/**
 * `_FusedMatMul` on OpenBLAS sgemm, then the bias and activation in one native pass where the
 * addon has the activation (else the cpu kernels, as tfjs's fused kernel does).
 */
export const fusedMatMul: KernelBuild = ({ addon, codes, fallback }) => {
  return (args) => {
    const inputs = args.inputs as tf._FusedMatMulInputs;
    const attrs = args.attrs as unknown as tf._FusedMatMulAttrs;
    const backend = args.backend as tf.KernelBackend;
    const product = nativeMatMul(
      addon,
      backend,
      inputs.a,
      inputs.b,
      attrs.transposeA,
      attrs.transposeB,
    );
    if (product === undefined) return fallback(args);
    return finishFused({ addon, codes }, backend, product, fusedTail(inputs, attrs));
  };
};
