import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { categoricalCrossentropy } from './crossentropy.js';
import { softmaxCrossentropyWithLogits } from './softmax-crossentropy.js';

const labels = tf.tensor2d([
  [0, 1, 0],
  [0.2, 0.3, 0.5],
]);
const logits = tf.tensor2d([
  [1.5, -0.3, 0.2],
  [1e4, -1e4, 3],
]);

describe('softmaxCrossentropyWithLogits', () => {
  it('equals categoricalCrossentropy from logits', () => {
    expectClose(
      softmaxCrossentropyWithLogits(labels, logits),
      categoricalCrossentropy(labels, logits, { fromLogits: true }),
    );
    // hand-worked: zero logits over two classes give ln 2
    expectClose(softmaxCrossentropyWithLogits(tf.tensor2d([[0, 1]]), tf.zeros([1, 2])), [Math.LN2]);
  });

  it('has the closed-form gradient softmax(logits) - labels, equal to autodiff of the plain form', () => {
    const weights = tf.tensor1d([0.7, 1.3]);
    const fused = (x: tf.Tensor) =>
      tf.sum(tf.mul(softmaxCrossentropyWithLogits(labels, x), weights));
    const plain = (x: tf.Tensor) =>
      tf.sum(tf.mul(categoricalCrossentropy(labels, x, { fromLogits: true }), weights));
    const fusedGrad = tf.grad(fused)(logits);
    expectClose(fusedGrad, tf.grad(plain)(logits), { atol: 1e-5 });
    const closedForm = tf.mul(tf.sub(tf.softmax(logits), labels), tf.expandDims(weights, -1));
    expectClose(fusedGrad, closedForm, { atol: 1e-6 });
    expect(Array.from(fusedGrad.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it('gives the labels the gradient -logSoftmax(logits)', () => {
    const gradLabels = tf.grad((t: tf.Tensor) => tf.sum(softmaxCrossentropyWithLogits(t, logits)))(
      labels,
    );
    expectClose(gradLabels, tf.neg(tf.logSoftmax(logits)), { rtol: 1e-5, atol: 1e-3 });
  });

  it('leaks nothing in forward or backward passes', async () => {
    await expectNoLeak(() => softmaxCrossentropyWithLogits(labels, logits));
    await expectNoLeak(() =>
      tf.grad((x: tf.Tensor) => tf.sum(softmaxCrossentropyWithLogits(labels, x)))(logits),
    );
  });
});
