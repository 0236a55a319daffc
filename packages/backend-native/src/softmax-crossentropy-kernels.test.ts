import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';
import { nativeBackendName } from './index.js';
import { softmaxCrossEntropyNames as names } from './softmax-crossentropy-kernels.js';

/** The composed ops the contract names: Keras' clipped cross-entropy of a softmax. */
function composedLoss(labels: tf.Tensor, logits: tf.Tensor, epsilon: number): tf.Tensor {
  const logP = tf.logSoftmax(logits);
  const clipped =
    epsilon === 0 ? logP : tf.clipByValue(logP, Math.log(epsilon), Math.log1p(-epsilon));
  return tf.neg(tf.sum(tf.mul(labels, clipped), -1));
}

type Reduction = 'none' | 'mean';

/** Loss, dLogits and dLabels of `Σ loss ⊙ dy`, from `run` on `backend`. */
async function lossAndGrads(
  backend: string,
  epsilon: number,
  shape: number[],
  fused: boolean,
  reduction: Reduction = 'none',
) {
  await tf.setBackend(backend);
  const mean = reduction === 'mean';
  const reduce = (perRow: tf.Tensor) => (mean ? tf.mean(perRow) : perRow);
  return tf.tidy(() => {
    // Logits up to ±40 drive some log-probabilities below log(1e-7), where the clip acts.
    const logits = tf.mul(randomTensor(shape, 21), 15);
    const soft = tf.softmax(randomTensor(shape, 22));
    const labels =
      shape.length === 2
        ? tf.oneHot(tf.tensor1d([3, 0, 1, 2, 3], 'int32'), 4).asType('float32')
        : soft;
    const dy = mean ? tf.scalar(1.7) : randomTensor(shape.slice(0, -1), 23);
    const engine = tf.engine();
    const attrs = { epsilon, reduction };
    const loss = fused
      ? (engine.runKernel(names.forward, { logits, labels }, attrs) as tf.Tensor)
      : reduce(composedLoss(labels, logits, epsilon));
    const grads = fused
      ? (engine.runKernel(names.grad, { dy, logits, labels }, attrs) as tf.Tensor[])
      : tf
          .grads((t: tf.Tensor, x: tf.Tensor) =>
            tf.sum(tf.mul(reduce(composedLoss(t, x, epsilon)), dy)),
          )([labels, logits])
          .reverse();
    return [loss, ...grads].map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
  });
}

describeKernels('the softmax cross-entropy kernels on dendrite-native', () => {
  it.each<[number, number[], Reduction]>([
    [1e-7, [5, 4], 'none'],
    [0, [5, 4], 'none'],
    [1e-7, [2, 3, 4], 'none'],
    [1e-7, [5, 4], 'mean'],
    [0, [2, 3, 4], 'mean'],
  ])(
    'match the composed ops and their autodiff (epsilon %d, shape %j, reduction %s)',
    async (epsilon, shape, reduction) => {
      const composed = await lossAndGrads('cpu', epsilon, shape, false, reduction);
      const before = [addonCalls.softmaxCrossEntropy ?? 0, addonCalls.softmaxCrossEntropyGrad ?? 0];
      const fused = await lossAndGrads(nativeBackendName, epsilon, shape, true, reduction);
      expect([
        addonCalls.softmaxCrossEntropy ?? 0,
        addonCalls.softmaxCrossEntropyGrad ?? 0,
      ]).toEqual(before.map((n) => n + 1));
      if (epsilon > 0 && shape.length === 2 && reduction === 'none') {
        // Some loss is at the clip's ceiling -log(1e-7) ≈ 16.118: the clipped branch is tested.
        expect(composed[0]?.values.some((v) => Math.abs(v + Math.log(1e-7)) < 1e-4)).toBe(true);
      }
      fused.forEach((actual, i) => {
        expect(actual.shape, `output ${i}`).toEqual(composed[i]?.shape);
        expectClose(actual.values, composed[i]?.values ?? [], {
          rtol: 1e-5,
          atol: 1e-6,
          label: `output ${i}`,
        });
      });
    },
  );

  it.each([
    [
      'epsilon',
      { epsilon: 0.5 },
      tf.ConfigError,
      /`epsilon` must be a number in \[0, 0.5\); received 0.5/,
    ],
    [
      'labels',
      { labels: [2, 3] },
      tf.ShapeError,
      /`labels` must be a float32 tensor of shape \[2, 4\]; received float32 \[2, 3\]/,
    ],
  ] as const)('rejects a wrong %s and leaks nothing', async (_, change, type, message) => {
    const before = tf.memory().numTensors;
    const run = () =>
      tf.tidy(() => {
        const labels = tf.zeros('labels' in change ? [...change.labels] : [2, 4]);
        const epsilon = 'epsilon' in change ? change.epsilon : 1e-7;
        return tf
          .engine()
          .runKernel(names.forward, { logits: tf.zeros([2, 4]), labels }, { epsilon }) as tf.Tensor;
      });
    expect(run).toThrow(type);
    expect(run).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
