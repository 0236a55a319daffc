import * as tf from '@dendrite/tensor';
import type { NativeAddon } from './addon.js';
import { cpuKernel } from './cpu-kernels.js';
import { floatValues, output, uninitializedFloats } from './tensor-data.js';

/**
 * `DendriteAdamUpdate` (the contract of `@dendrite/tensor`'s Adam optimizer) in one native pass:
 * `[variable', m', v']` as new tensors, about a dozen element-wise kernels and their allocations
 * fewer per weight and step. Inputs the addon cannot read go to the cpu backend's version.
 */
export function adamKernel(addon: NativeAddon): Omit<tf.KernelConfig, 'backendName'> {
  return {
    kernelName: tf.DendriteAdamUpdate,
    kernelFunc: (args) => {
      const { variable, gradient, m, v } = args.inputs as tf.AdamUpdateInputs;
      const attrs = args.attrs as unknown as tf.AdamUpdateAttrs;
      const backend = args.backend as tf.KernelBackend;
      const shape = variable.shape;
      const values = [variable, gradient, m, v].map((info) =>
        tf.util.arraysEqual(info.shape, shape) ? floatValues(backend, info) : undefined,
      );
      const [w0, g0, m0, v0] = values;
      if (w0 === undefined || g0 === undefined || m0 === undefined || v0 === undefined) {
        // The cpu version validates and explains dtype and shape mismatches.
        tf.registerDendriteKernels();
        return cpuKernel(tf.DendriteAdamUpdate)(args);
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
    },
  };
}
