import * as tf from '@dendrite/tensor';
import { updatableInPlace } from './adam-kernel.js';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { clipBounds } from './softmax-crossentropy-kernels.js';
import { output, uninitializedFloats } from './tensor-data.js';

/** A weight's arrays for the native call: its values, gradient and (with Adam) moments. */
interface WeightArrays {
  readonly weight: tf.DenseChainWeight;
  readonly values: Float32Array;
  readonly gradient: Float32Array;
  readonly moments: readonly [Float32Array, Float32Array] | undefined;
  /** Whether Adam writes into the tensors' own memory (else into `values`/`moments` copies). */
  readonly inPlace: boolean;
}

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
    const values = (name: string, info: tf.TensorInfo) =>
      inputValues(backend, owner, name, info, 'float32', info.shape);
    const [n, inputs] = chain.x.shape as [number, number];
    const classes = chain.labels.shape[1] as number;
    const adam = chain.adam;
    // Every input is read (and checked) before the step changes anything.
    const arrays = chain.weights.map((weight, i): WeightArrays => {
      const own = values(weight.name, weight.value);
      const gradient = gradientArray(i, own.length, adam !== undefined);
      if (!weight.moments)
        return { weight, values: own, gradient, moments: undefined, inPlace: false };
      const infos = [weight.value, ...weight.moments];
      const inPlace = updatableInPlace(backend, infos);
      const [w, m, v] = [
        own,
        ...weight.moments.map((info, k) =>
          values(tf.denseChainMomentName(weight.name, k === 0 ? 'm' : 'v'), info),
        ),
      ].map((array) => (inPlace ? array : array.slice())) as [
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      return { weight, values: w, gradient, moments: [m, v], inPlace };
    });
    const layerArguments: Array<Float32Array | null | number | boolean> = [];
    let next = 0;
    for (const { spec, kernel, bias } of chain.layers) {
      const k = arrays[next++] as WeightArrays;
      const b = bias === undefined ? undefined : (arrays[next++] as WeightArrays);
      layerArguments.push(
        k.values,
        b?.values ?? null,
        k.gradient,
        b?.gradient ?? null,
        kernel.shape[1] as number,
        spec.activation === 'relu',
        spec.dropoutRate,
        spec.dropoutSeed >>> 0,
      );
      if (adam) layerArguments.push(...(k.moments ?? []), ...(b?.moments ?? [null, null]));
    }
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
      adam ? Float64Array.of(adam.alpha, adam.beta1, adam.beta2, adam.epsilon) : null,
      ...layerArguments,
    );
    const updates = arrays.flatMap(({ weight, values: w, gradient, moments, inPlace }) => {
      const shape = weight.value.shape.slice();
      if (!moments) return [output(backend, shape, gradient)];
      if (!inPlace) return [w, ...moments].map((array) => output(backend, shape, array));
      return [weight.value, ...(weight.moments as [tf.TensorInfo, tf.TensorInfo])].map((info) => {
        backend.incRef(info.dataId);
        return { dataId: info.dataId, shape: info.shape.slice(), dtype: 'float32' as const };
      });
    });
    return [
      output(backend, [], Float32Array.of(loss)),
      output(backend, [n, classes], logits),
      ...updates,
    ];
  };
};
