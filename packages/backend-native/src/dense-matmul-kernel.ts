import type * as tf from '@dendrite/tensor';
import { finishFused } from './bias-activation.js';
import type { KernelBuild } from './kernel-context.js';
import { nativeMatMul } from './matmul-kernels.js';

/** True when `DendriteMatMul`'s inputs and attrs are the valid rank-2 float32 case. */
function isPlainDense(
  inputs: tf.DendriteMatMulInputs,
  attrs: Partial<tf.DendriteMatMulAttrs>,
): boolean {
  const { a, b, bias } = inputs;
  const activation = attrs.activation ?? 'linear';
  if (a === undefined || b === undefined || a.shape.length !== 2 || b.shape.length !== 2) {
    return false;
  }
  const inner = attrs.transposeA === true ? a.shape[0] : a.shape[1];
  const other = attrs.transposeB === true ? b.shape[1] : b.shape[0];
  const n = attrs.transposeB === true ? b.shape[0] : b.shape[1];
  return (
    (activation === 'linear' || activation === 'relu') &&
    inner === other &&
    [a, b, ...(bias === undefined ? [] : [bias])].every((info) => info.dtype === 'float32') &&
    (bias === undefined || (bias.shape.length === 1 && bias.shape[0] === n))
  );
}

/**
 * `DendriteMatMul` (the Dense layer's fused product, defined in `@dendrite/tensor`) on OpenBLAS
 * with the bias and relu in the same native pass as `_FusedMatMul`. Anything else goes to the
 * fallback (`@dendrite/tensor`'s cpu version), which explains what is wrong.
 */
export const denseMatMul: KernelBuild = ({ addon, codes, fallback }) => {
  return (args) => {
    const inputs = args.inputs as tf.DendriteMatMulInputs;
    const attrs = (args.attrs ?? {}) as unknown as Partial<tf.DendriteMatMulAttrs>;
    const backend = args.backend as tf.KernelBackend;
    const product = isPlainDense(inputs, attrs)
      ? nativeMatMul(
          addon,
          backend,
          inputs.a,
          inputs.b,
          attrs.transposeA === true,
          attrs.transposeB === true,
        )
      : undefined;
    if (product === undefined) return fallback(args);
    return finishFused({ addon, codes }, backend, product, {
      bias: inputs.bias,
      activation: attrs.activation ?? 'linear',
    });
  };
};
