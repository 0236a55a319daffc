import * as tf from '@dendrite/tensor';
import { updatableInPlace } from './adam-kernel.js';
import type { NativeAddon } from './addon.js';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { clipBounds } from './softmax-crossentropy-kernels.js';
import { output, uninitializedFloats } from './tensor-data.js';

/**
 * Applies `adam` to one weight with its gradient `g`: into the weight's and moments' own memory
 * when nothing else holds them (the outputs are those tensors again), else into copies.
 */
function adamStep(
  addon: NativeAddon,
  backend: tf.KernelBackend,
  weight: tf.DenseChainWeight,
  values: readonly [Float32Array, Float32Array, Float32Array],
  g: Float32Array,
  adam: tf.AdamUpdateAttrs,
): tf.TensorInfo[] {
  const infos = [weight.value, ...(weight.moments as [tf.TensorInfo, tf.TensorInfo])];
  const inPlace = updatableInPlace(backend, infos);
  const [w, m, v] = inPlace ? values : values.map((array) => array.slice());
  addon.adamUpdateInPlace(
    w as Float32Array,
    g,
    m as Float32Array,
    v as Float32Array,
    adam.alpha,
    adam.beta1,
    adam.beta2,
    adam.epsilon,
  );
  if (!inPlace) {
    return [w, m, v].map((array) =>
      output(backend, weight.value.shape.slice(), array as Float32Array),
    );
  }
  return infos.map((info) => {
    backend.incRef(info.dataId);
    return { dataId: info.dataId, shape: info.shape.slice(), dtype: 'float32' as const };
  });
}

/**
 * `DendriteDenseChainGrad` (the whole training step of a Dense chain, contract and checks in
 * `@dendrite/tensor`) in one native call: the dropout, products, cross-entropy and backward
 * passes the per-layer native kernels run, in their order, so the values are theirs to the bit;
 * the intermediates stay in native buffers reused from step to step, and only the loss, logits
 * and gradients are new arrays. With `adam`, the gradients go to arrays kept from step to step
 * and the native Adam pass applies them, as `DendriteAdamUpdate` does.
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
    const values = (name: string, info: tf.TensorInfo) =>
      inputValues(backend, owner, name, info, 'float32', info.shape);
    const [n, inputs] = chain.x.shape as [number, number];
    const classes = chain.labels.shape[1] as number;
    const adam = chain.adam !== undefined;
    const layerArguments: Array<Float32Array | null | number | boolean> = [];
    const gradients: Float32Array[] = [];
    chain.layers.forEach(({ spec, kernel, bias }, i) => {
      const units = kernel.shape[1] as number;
      const dKernel = gradientArray(gradients.length, tf.util.sizeFromShape(kernel.shape), adam);
      gradients.push(dKernel);
      const dBias = bias === undefined ? null : gradientArray(gradients.length, units, adam);
      if (dBias !== null) gradients.push(dBias);
      layerArguments.push(
        values(tf.denseChainInputName('kernel', i), kernel),
        bias === undefined ? null : values(tf.denseChainInputName('bias', i), bias),
        dKernel,
        dBias,
        units,
        spec.activation === 'relu',
        spec.dropoutRate,
        spec.dropoutSeed >>> 0,
      );
    });
    // Every moment is read (and checked) before the step changes anything.
    const moments = chain.weights.map(({ name, moments: pair }) =>
      pair?.map((info, k) => values(`${name}_${k === 0 ? 'm' : 'v'}`, info)),
    );
    const logits = uninitializedFloats(n * classes);
    const [low, high] = clipBounds(chain.epsilon);
    const loss = addon.denseChainGrad(
      values('x', chain.x),
      values('labels', chain.labels),
      logits,
      n,
      inputs,
      low,
      high,
      ...layerArguments,
    );
    const updates = chain.weights.flatMap((weight, i) => {
      const g = gradients[i] as Float32Array;
      if (!chain.adam) return [output(backend, weight.value.shape.slice(), g)];
      const [m, v] = moments[i] as [Float32Array, Float32Array];
      const w = values(weight.name, weight.value);
      return adamStep(addon, backend, weight, [w, m, v], g, chain.adam);
    });
    return [
      output(backend, [], Float32Array.of(loss)),
      output(backend, [n, classes], logits),
      ...updates,
    ];
  };
};
