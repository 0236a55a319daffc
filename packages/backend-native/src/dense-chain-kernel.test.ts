import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import {
  addonCalls,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';

/** The book model's step at batch 12: relu layer, dropout 0.3, softmax output. */
function bookStep(): tf.Tensor[] {
  const x = randomTensor([12, 20], 1);
  const labels = tf
    .oneHot(
      Array.from({ length: 12 }, (_, i) => i % 5),
      5,
    )
    .cast('float32');
  const inputs = {
    x,
    labels,
    kernel0: randomTensor([20, 9], 2),
    bias0: randomTensor([9], 3),
    kernel1: randomTensor([9, 5], 4),
    bias1: randomTensor([5], 5),
  };
  const layers: tf.DenseChainLayer[] = [
    { activation: 'relu', hasBias: true, dropoutRate: 0, dropoutSeed: 0 },
    { activation: 'linear', hasBias: true, dropoutRate: 0.3, dropoutSeed: 424242 },
  ];
  const attrs = { layers, epsilon: 1e-7 } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(tf.DendriteDenseChainGrad, inputs, attrs) as tf.Tensor[];
}

describeKernels('DendriteDenseChainGrad on dendrite-native', () => {
  it('gives the cpu version’s loss, logits and gradients, through the native kernels', async () => {
    const before = { ...addonCalls };
    await expectSameOnBothBackends(bookStep, { rtol: 1e-5, atol: 1e-6, label: 'chain' });
    // The dropout, the Dense backward and the products ran natively.
    for (const name of ['dropout', 'dropoutGrad', 'denseGrad', 'batchMatMul']) {
      expect(addonCalls[name] ?? 0).toBeGreaterThan(before[name] ?? 0);
    }
  });

  it('leaves no tensor behind, on success and when a check fails', () => {
    const x = tf.zeros([2, 3]);
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(bookStep));
    expect(() =>
      tf.engine().runKernel(tf.DendriteDenseChainGrad, { x }, {
        layers: [{ activation: 'linear', hasBias: false, dropoutRate: 0, dropoutSeed: 0 }],
        epsilon: 1e-7,
      } as unknown as tf.NamedAttrMap),
    ).toThrow(/the input `kernel0` is missing/);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
