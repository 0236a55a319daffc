import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { output, uninitializedFloats } from './tensor-data.js';

/**
 * `DendriteDenseGrad` (the Dense layer's backward pass, contract in `@dendrite/tensor`) in one
 * native call: the relu mask and the bias gradient in one pass over `dy`, then `dKernel` and
 * `dx` on OpenBLAS, the same products the composed ops run, so the values are the same to the bit.
 * Inputs of the wrong dtype or shape get a `ShapeError` naming them.
 */
export const denseGrad: KernelBuild = ({ addon }) => {
  return (args) => {
    const inputs = args.inputs as tf.DendriteDenseGradInputs;
    const attrs = args.attrs as unknown as tf.DendriteDenseGradAttrs;
    const backend = args.backend as tf.KernelBackend;
    const owner = tf.DendriteDenseGrad;
    const x = inputValues(backend, owner, 'x', inputs.x, 'float32', [-1, -1]);
    const [n, k] = inputs.x.shape as [number, number];
    const u = inputs.kernel?.shape[1] ?? -1;
    const kernel = inputValues(backend, owner, 'kernel', inputs.kernel, 'float32', [k, -1]);
    const dy = inputValues(backend, owner, 'dy', inputs.dy, 'float32', [n, u]);
    const relu = attrs.activation === 'relu';
    const out = relu ? inputValues(backend, owner, 'out', inputs.out, 'float32', [n, u]) : null;
    const dKernel = uninitializedFloats(k * u);
    const dBias = attrs.hasBias ? uninitializedFloats(u) : null;
    const dx = attrs.inputGradient ? uninitializedFloats(n * k) : null;
    addon.denseGrad(dy, x, kernel, out, dKernel, dBias, dx, n, k, u);
    return [
      ...(dx === null ? [] : [output(backend, [n, k], dx)]),
      output(backend, [k, u], dKernel),
      ...(dBias === null ? [] : [output(backend, [u], dBias)]),
    ];
  };
};
