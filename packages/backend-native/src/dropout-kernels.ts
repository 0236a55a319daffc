import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { output, uninitializedFloats } from './tensor-data.js';

/** The `rate` attr of the dropout kernels, checked: a number in [0, 1). */
function rateOf(owner: string, attrs: tf.NamedAttrMap | undefined): number {
  const rate = attrs?.rate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new tf.ConfigError(tf.configMessage(owner, 'rate', 'a number in [0, 1)', rate));
  }
  return rate;
}

/**
 * `DendriteDropout` (contract in `@dendrite/tensor`) in one native pass: the mask drawn with the
 * generator's own rule, kept as bytes, and the scaled output; the same values as the Dropout
 * layer's composed path with the same generator state.
 */
export const dropout: KernelBuild = ({ addon }) => {
  return (args) => {
    const owner = tf.DendriteDropout;
    const backend = args.backend as tf.KernelBackend;
    const { x: info } = args.inputs as { x?: tf.TensorInfo };
    const rate = rateOf(owner, args.attrs);
    const seed = args.attrs?.seed;
    if (typeof seed !== 'number' || !Number.isInteger(seed)) {
      throw new tf.ConfigError(tf.configMessage(owner, 'seed', 'an integer', seed));
    }
    const x = inputValues(backend, owner, 'x', info, 'float32', info?.shape.map(() => -1) ?? []);
    const shape = (info as tf.TensorInfo).shape.slice();
    const y = uninitializedFloats(x.length);
    const mask = new Uint8Array(x.length);
    addon.dropout(x, y, mask, seed >>> 0, rate);
    return [output(backend, shape, y), output(backend, shape.slice(), mask)];
  };
};

/** `DendriteDropoutGrad`: `dy` scaled where the forward's byte mask kept the entry, else 0. */
export const dropoutGrad: KernelBuild = ({ addon }) => {
  return (args) => {
    const owner = tf.DendriteDropoutGrad;
    const backend = args.backend as tf.KernelBackend;
    const inputs = args.inputs as { dy?: tf.TensorInfo; mask?: tf.TensorInfo };
    const rate = rateOf(owner, args.attrs);
    const shape = inputs.dy?.shape.slice() ?? [];
    const dy = inputValues(
      backend,
      owner,
      'dy',
      inputs.dy,
      'float32',
      shape.map(() => -1),
    );
    const mask = inputValues(backend, owner, 'mask', inputs.mask, 'bool', shape);
    const dx = uninitializedFloats(dy.length);
    addon.dropoutGrad(dy, mask, dx, rate);
    return output(backend, shape, dx);
  };
};
