import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { floatValues, output, uninitializedFloats } from './tensor-data.js';

/**
 * `DendriteAdamUpdate` in one native pass: `[variable', m', v']` as new tensors, about a dozen
 * element-wise kernels and their allocations fewer per weight and step. The kernel's contract is
 * defined in `@dendrite/tensor` (`kernels/adam-update.ts`); the Adam optimizer that runs it lives
 * in `@dendrite/optimizers`. Inputs the addon cannot read go to the fallback (the cpu version,
 * which explains dtype and shape mismatches).
 */
export const adamUpdate: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
    const { variable, gradient, m, v } = args.inputs as tf.AdamUpdateInputs;
    const attrs = args.attrs as unknown as tf.AdamUpdateAttrs;
    const backend = args.backend as tf.KernelBackend;
    const shape = variable.shape;
    const values = [variable, gradient, m, v].map((info) =>
      tf.util.arraysEqual(info.shape, shape) ? floatValues(backend, info) : undefined,
    );
    const [w0, g0, m0, v0] = values;
    if (w0 === undefined || g0 === undefined || m0 === undefined || v0 === undefined) {
      return fallback(args);
    }
    const size = w0.length;
    const outputs = [
      uninitializedFloats(size),
      uninitializedFloats(size),
      uninitializedFloats(size),
    ];
    const [w1, m1, v1] = outputs as [Float32Array, Float32Array, Float32Array];
    addon.adamUpdate(
      w0,
      g0,
      m0,
      v0,
      w1,
      m1,
      v1,
      attrs.alpha,
      attrs.beta1,
      attrs.beta2,
      attrs.epsilon,
    );
    return outputs.map((array) => output(backend, shape, array));
  };
};
