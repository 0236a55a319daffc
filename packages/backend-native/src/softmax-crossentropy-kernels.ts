import * as tf from '@dendrite/tensor';
import type { KernelBuild } from './kernel-context.js';
import { inputValues } from './kernel-inputs.js';
import { output, uninitializedFloats } from './tensor-data.js';

/**
 * The names of the softmax cross-entropy kernels. Their contract (inputs `logits` and `labels`
 * `[..., C]`, attrs `epsilon` and `reduction`; the gradient also `dy`, shaped as the loss, and
 * outputs `[dLogits, dLabels]`) is defined in `@dendrite/tensor`
 * (`kernels/softmax-crossentropy.ts`), which the Keras loss calls.
 */
export const softmaxCrossEntropyNames = Object.freeze({
  forward: tf.DendriteSoftmaxCrossEntropy,
  grad: tf.DendriteSoftmaxCrossEntropyGrad,
});

/** Keras' clip of the probabilities to `[epsilon, 1 − epsilon]`, as log-probability bounds (none for 0). */
export function clipBounds(epsilon: number): [low: number, high: number] {
  return epsilon === 0 ? [-Infinity, Infinity] : [Math.log(epsilon), Math.log1p(-epsilon)];
}

/** Whether the kernel is asked for the mean over the rows (`reduction: 'mean'`) or one per row. */
function isMean(owner: string, args: Parameters<tf.KernelFunc>[0]): boolean {
  const reduction = args.attrs?.reduction ?? 'none';
  if (reduction !== 'none' && reduction !== 'mean') {
    throw new tf.ConfigError(tf.configMessage(owner, 'reduction', "'none' or 'mean'", reduction));
  }
  return reduction === 'mean';
}

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
  const [low, high] = clipBounds(epsilon);
  return { backend, shape, logits, labels, classes, low, high };
}

/** `DendriteSoftmaxCrossEntropy` in one native pass over the rows. */
export const softmaxCrossEntropy: KernelBuild = ({ addon }) => {
  return (args) => {
    const { backend, shape, logits, labels, classes, low, high } = crossEntropyInputs(
      softmaxCrossEntropyNames.forward,
      args,
    );
    const mean = isMean(softmaxCrossEntropyNames.forward, args);
    const rows = classes === 0 ? 0 : logits.length / classes;
    const loss = uninitializedFloats(rows);
    if (classes > 0) addon.softmaxCrossEntropy(logits, labels, loss, classes, low, high);
    if (!mean) return output(backend, shape.slice(0, -1), loss);
    let total = 0;
    for (const value of loss) total += value;
    return output(backend, [], Float32Array.of(total / Math.max(rows, 1)));
  };
};

/** `DendriteSoftmaxCrossEntropyGrad` in one native pass over the rows. */
export const softmaxCrossEntropyGrad: KernelBuild = ({ addon }) => {
  return (args) => {
    const owner = softmaxCrossEntropyNames.grad;
    const { backend, shape, logits, labels, classes, low, high } = crossEntropyInputs(owner, args);
    const mean = isMean(owner, args);
    const dyInfo = (args.inputs as { dy?: tf.TensorInfo }).dy;
    const rowShape = shape.slice(0, -1);
    const given = inputValues(backend, owner, 'dy', dyInfo, 'float32', mean ? [] : rowShape);
    // A mean hands each row an equal share of the scalar upstream gradient.
    const rows = tf.util.sizeFromShape(rowShape);
    const dy = mean ? new Float32Array(rows).fill((given[0] as number) / Math.max(rows, 1)) : given;
    const dLogits = uninitializedFloats(logits.length);
    const dLabels = uninitializedFloats(logits.length);
    if (classes > 0)
      addon.softmaxCrossEntropyGrad(dy, logits, labels, dLogits, dLabels, classes, low, high);
    return [output(backend, shape, dLogits), output(backend, shape.slice(), dLabels)];
  };
};
