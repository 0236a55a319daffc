import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { floatValues, output, uninitializedFloats } from './tensor-data.js';

/**
 * Whether an Adam step may be written into `owned` (a weight and its two moments): each is a
 * `tf.Variable` (the optimizer assigns the outputs to them anyway) that nothing else shares (a
 * clone, a reshape or a kept read would see the change), and `others` (the gradient, when it is
 * a tensor) share no memory with them.
 */
export function updatableInPlace(
  backend: tf.KernelBackend,
  owned: readonly tf.TensorInfo[],
  others: readonly tf.TensorInfo[] = [],
): boolean {
  const all = [...owned, ...others];
  return (
    new Set(all.map((info) => info.dataId)).size === all.length &&
    owned.every((info) => info instanceof tf.Variable && backend.refCount(info.dataId) === 1)
  );
}

/**
 * `DendriteAdamUpdate` in one native pass, about a dozen element-wise kernels fewer per weight
 * and step. When `variable`, `m` and `v` are variables nothing else holds, the step is written
 * into their own memory and the outputs are those same tensors' data (no allocation); otherwise
 * `[variable', m', v']` are new tensors. A `dataSync()` array read from such a variable before the
 * step is its live storage on this backend, and shows the update. The kernel's contract is
 * defined in `@dendrite/tensor` (`kernels/adam-update.ts`); the Adam optimizer that runs it lives
 * in `@dendrite/optimizers`. Inputs the addon cannot read go to the fallback (the cpu version,
 * which explains dtype and shape mismatches).
 */
export const adamUpdate: KernelBuild = ({ addon, fallback }) => {
  return (args) => {
    const { variable, gradient, m, v } = args.inputs as tf.AdamUpdateInputs;
    const attrs = tf.checkAdamAttrs(tf.DendriteAdamUpdate, args.attrs);
    const backend = args.backend as tf.KernelBackend;
    const shape = variable.shape;
    const values = [variable, gradient, m, v].map((info) =>
      tf.util.arraysEqual(info.shape, shape) ? floatValues(backend, info) : undefined,
    );
    const [w0, g0, m0, v0] = values;
    if (w0 === undefined || g0 === undefined || m0 === undefined || v0 === undefined) {
      return fallback(args);
    }
    if (updatableInPlace(backend, [variable, m, v], [gradient])) {
      addon.adamUpdateInPlace(w0, g0, m0, v0, attrs.alpha, attrs.beta1, attrs.beta2, attrs.epsilon);
      return [variable, m, v].map((info) => {
        backend.incRef(info.dataId);
        return { dataId: info.dataId, shape: info.shape.slice(), dtype: 'float32' as const };
      });
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
