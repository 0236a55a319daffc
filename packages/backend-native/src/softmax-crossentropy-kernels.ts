import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { output, uninitializedFloats } from './tensor-data.js';

/**
 * The names of the softmax cross-entropy kernels. Their contract (inputs `logits` and `labels`
 * `[..., C]`, attr `epsilon`; the gradient also `dy` `[...]` and outputs `[dLogits, dLabels]`) is
 * defined in `@dendrite/tensor` (`kernels/softmax-crossentropy.ts`), which the Keras loss calls.
 */
export const softmaxCrossEntropyNames = Object.freeze({
  forward: 'DendriteSoftmaxCrossEntropy',
  grad: 'DendriteSoftmaxCrossEntropyGrad',
});

/** The checked inputs both kernels share: rows of `classes` logits and labels, clip bounds. */
function crossEntropyInputs(owner: string, args: Parameters<tf.KernelFunc>[0]) {
  const backend = args.backend as tf.KernelBackend;
  const inputs = args.inputs as { logits?: tf.TensorInfo; labels?: tf.TensorInfo };
  const epsilon = args.attrs?.epsilon;
  if (typeof epsilon !== 'number' || !(epsilon >= 0 && epsilon < 0.5)) {
    throw new tf.ConfigError(tf.configMessage(owner, 'epsilon', 'a number in [0, 0.5)', epsilon));
  }
  const shape = inputs.logits?.shape.slice() ?? [];
  const any = shape.map(() => -1);
  const logits = inputValues(
    backend,
    owner,
    'logits',
    inputs.logits,
    'float32',
    any.length > 0 ? any : [-1],
  );
  const labels = inputValues(backend, owner, 'labels', inputs.labels, 'float32', shape);
  const classes = shape[shape.length - 1] as number;
  // The clip of Keras' probabilities, as log-probability bounds (none for epsilon 0).
  const [low, high] =
    epsilon === 0 ? [-Infinity, Infinity] : [Math.log(epsilon), Math.log1p(-epsilon)];
  return { backend, shape, logits, labels, classes, low, high };
}

/** `DendriteSoftmaxCrossEntropy` in one native pass over the rows. */
export const softmaxCrossEntropy: KernelBuild = ({ addon }) => {
  return (args) => {
    const { backend, shape, logits, labels, classes, low, high } = crossEntropyInputs(
      softmaxCrossEntropyNames.forward,
      args,
    );
    const loss = uninitializedFloats(classes === 0 ? 0 : logits.length / classes);
    if (classes > 0) addon.softmaxCrossEntropy(logits, labels, loss, classes, low, high);
    return output(backend, shape.slice(0, -1), loss);
  };
};

/** `DendriteSoftmaxCrossEntropyGrad` in one native pass over the rows. */
export const softmaxCrossEntropyGrad: KernelBuild = ({ addon }) => {
  return (args) => {
    const owner = softmaxCrossEntropyNames.grad;
    const { backend, shape, logits, labels, classes, low, high } = crossEntropyInputs(owner, args);
    const dyInfo = (args.inputs as { dy?: tf.TensorInfo }).dy;
    const dy = inputValues(backend, owner, 'dy', dyInfo, 'float32', shape.slice(0, -1));
    const dLogits = uninitializedFloats(logits.length);
    const dLabels = uninitializedFloats(logits.length);
    if (classes > 0)
      addon.softmaxCrossEntropyGrad(dy, logits, labels, dLogits, dLabels, classes, low, high);
    return [output(backend, shape, dLogits), output(backend, shape.slice(), dLabels)];
  };
};
