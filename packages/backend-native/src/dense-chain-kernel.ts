import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { clipBounds } from './softmax-crossentropy-kernels.js';
import { output, uninitializedFloats } from './tensor-data.js';

/**
 * `DendriteDenseChainGrad` (the whole training step of a Dense chain, contract and checks in
 * `@dendrite/tensor`) in one native call: the dropout, products, cross-entropy and backward
 * passes the per-layer native kernels run, in their order, so the values are theirs to the bit;
 * the intermediates stay in native buffers reused from step to step, and only the loss, logits
 * and gradients are new arrays.
 */
export const denseChainGrad: KernelBuild = ({ addon }) => {
  return (args) => {
    const owner = tf.DendriteDenseChainGrad;
    const chain = tf.checkDenseChainGrad(args.inputs, args.attrs);
    const backend = args.backend as tf.KernelBackend;
    const values = (name: string, info: tf.TensorInfo) =>
      inputValues(backend, owner, name, info, 'float32', info.shape);
    const [n, inputs] = chain.x.shape as [number, number];
    const classes = chain.labels.shape[1] as number;
    const layerArguments: Array<Float32Array | null | number | boolean> = [];
    const gradients: Array<{ shape: number[]; values: Float32Array }> = [];
    chain.layers.forEach(({ spec, kernel, bias }, i) => {
      const units = kernel.shape[1] as number;
      const dKernel = uninitializedFloats(tf.util.sizeFromShape(kernel.shape));
      const dBias = bias === undefined ? null : uninitializedFloats(units);
      gradients.push({ shape: kernel.shape.slice(), values: dKernel });
      if (dBias !== null) gradients.push({ shape: [units], values: dBias });
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
    return [
      output(backend, [], Float32Array.of(loss)),
      output(backend, [n, classes], logits),
      ...gradients.map((gradient) => output(backend, gradient.shape, gradient.values)),
    ];
  };
};
