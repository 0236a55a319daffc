import * as tf from '@dendrite/tensor';
import { chainValues, layerArguments, weightArrays, weightOutputs } from './dense-chain-arrays.js';
import type { KernelBuild } from './kernel-context.js';
import { clipBounds } from './softmax-crossentropy-kernels.js';
import { output, uninitializedFloats } from './tensor-data.js';

/**
 * `DendriteDenseChainGrad` (the whole training step of a Dense chain, contract and checks in
 * `@dendrite/tensor`) in one native call: the dropout, products, cross-entropy and backward
 * passes the per-layer native kernels run, in their order, so the values are theirs to the bit;
 * the intermediates stay in native buffers reused from step to step. Without `adam` the loss,
 * logits and gradients are new arrays. With it, the gradients go to arrays kept from step to step
 * and each layer's weights take the native Adam step (`DendriteAdamUpdate`'s) as soon as its
 * backward pass is done: in the variables' own memory when nothing else holds them, else in
 * copies that become the outputs.
 */
export const denseChainGrad: KernelBuild = ({ addon }) => {
  const kept: Float32Array[] = [];
  const gradientArray = (index: number, size: number, adam: boolean) => {
    if (!adam) return uninitializedFloats(size);
    if (kept[index]?.length !== size) kept[index] = uninitializedFloats(size);
    return kept[index] as Float32Array;
  };
  return (args) => {
    const owner = tf.DendriteDenseChainGrad;
    const chain = tf.checkDenseChainGrad(args.inputs, args.attrs);
    const backend = args.backend as tf.KernelBackend;
    const [n, inputs] = chain.x.shape as [number, number];
    const classes = chain.labels.shape[1] as number;
    const adam = chain.adam;
    const arrays = weightArrays(backend, owner, chain, (i, size) =>
      gradientArray(i, size, adam !== undefined),
    );
    const logits = uninitializedFloats(n * classes);
    const [low, high] = clipBounds(chain.epsilon);
    const loss = addon.denseChainGrad(
      chainValues(backend, owner, 'x', chain.x),
      chainValues(backend, owner, 'labels', chain.labels),
      logits,
      n,
      inputs,
      low,
      high,
      adam ? Float64Array.of(adam.alpha, adam.beta1, adam.beta2, adam.epsilon) : null,
      ...layerArguments(chain, arrays),
    );
    return [
      output(backend, [], Float32Array.of(loss)),
      output(backend, [n, classes], logits),
      ...weightOutputs(backend, arrays),
    ];
  };
};
