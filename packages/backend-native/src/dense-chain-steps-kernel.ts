import * as tf from '@dendrite/tensor';
import { chainValues, layerArguments, weightArrays, weightOutputs } from './dense-chain-arrays.js';
import type { KernelBuild } from './kernel-context.js';
import { clipBounds } from './softmax-crossentropy-kernels.js';
import { output, uninitializedFloats } from './tensor-data.js';

/** The `order` input's Int32Array (the cpu backend stores an int32 tensor as one). */
function orderValues(backend: tf.KernelBackend, info: tf.TensorInfo): Int32Array {
  const values = backend.readSync(info.dataId);
  if (!(values instanceof Int32Array)) {
    throw new tf.ValueError(`${tf.DendriteDenseChainSteps}: \`order\` must hold int32 values`);
  }
  return values;
}

/**
 * `DendriteDenseChainSteps` (contract and checks in `@dendrite/tensor`) in one native call:
 * each step gathers its batch on the addon's threads and runs the native `DendriteDenseChainGrad`
 * with Adam on it, so every step's values are that kernel's to the bit. The weights are updated
 * in their own memory when nothing else holds them (else in copies that become the outputs); the
 * gradients go to arrays kept from call to call.
 */
export const denseChainSteps: KernelBuild = ({ addon }) => {
  const kept: Float32Array[] = [];
  const gradientArray = (index: number, size: number) => {
    if (kept[index]?.length !== size) kept[index] = uninitializedFloats(size);
    return kept[index] as Float32Array;
  };
  return (args) => {
    const owner = tf.DendriteDenseChainSteps;
    const { chain, order, steps, accuracy } = tf.checkDenseChainSteps(args.inputs, args.attrs);
    const backend = args.backend as tf.KernelBackend;
    const adam = chain.adam as tf.AdamUpdateAttrs;
    const layers = chain.layers.length;
    const stepArray = new Float64Array(3 * steps.length);
    const seeds = new Int32Array(layers * steps.length);
    steps.forEach((step, s) => {
      stepArray.set([step.start, step.rows, step.alpha], 3 * s);
      step.dropoutSeeds.forEach((seed, i) => {
        seeds[s * layers + i] = seed | 0;
      });
    });
    const arrays = weightArrays(backend, owner, chain, gradientArray);
    const losses = uninitializedFloats(steps.length);
    const hits = new Float32Array(steps.length);
    const [low, high] = clipBounds(chain.epsilon);
    addon.denseChainSteps(
      chainValues(backend, owner, 'x', chain.x),
      chainValues(backend, owner, 'labels', chain.labels),
      order ? orderValues(backend, order) : null,
      stepArray,
      seeds,
      losses,
      accuracy ? hits : null,
      chain.x.shape[1] as number,
      low,
      high,
      Float64Array.of(adam.beta1, adam.beta2, adam.epsilon),
      ...layerArguments(chain, arrays),
    );
    return [
      output(backend, [steps.length], losses),
      output(backend, [steps.length], hits),
      ...weightOutputs(backend, arrays),
    ];
  };
};
