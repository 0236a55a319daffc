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

  it('clips like Keras with `epsilon`: value and gradients equal autodiff of the clipped ops', () => {
    // Row 0 puts log p₀ above log1p(−1e-7) and log p₂ below log(1e-7): both clipped.
    const t = tf.tensor2d([
      [0.2, 0.5, 0.3],
      [0, 1, 0],
    ]);
    const x = tf.tensor2d([
      [20, 5, 0],
      [1.5, -0.3, 0.2],
    ]);
    const weights = tf.tensor1d([0.7, 1.3]);
    const clipped = (labels: tf.Tensor, logits: tf.Tensor) =>
      tf.neg(
        tf.sum(
          tf.mul(labels, tf.clipByValue(tf.logSoftmax(logits), Math.log(1e-7), Math.log1p(-1e-7))),
          -1,
        ),
      );
    const fused = (labels: tf.Tensor, logits: tf.Tensor) =>
      softmaxCrossentropyWithLogits(labels, logits, { epsilon: 1e-7 });
    expectClose(fused(t, x), clipped(t, x), { atol: 1e-6 });
    for (const loss of [fused, clipped]) {
      expect(loss(t, x).dataSync()[0]).toBeGreaterThan(0);
    }
    const grads = (loss: typeof fused) =>
      tf.grads((labels: tf.Tensor, logits: tf.Tensor) =>
        tf.sum(tf.mul(loss(labels, logits), weights)),
      )([t, x]);
    const [fusedLabels, fusedLogits] = grads(fused) as [tf.Tensor, tf.Tensor];
    const [plainLabels, plainLogits] = grads(clipped) as [tf.Tensor, tf.Tensor];
    expectClose(fusedLogits, plainLogits, { atol: 1e-6 });
    expectClose(fusedLabels, plainLabels, { atol: 1e-5 });
    // Only label 1 of row 0 is unclipped: dLogits = 0.7·(p·0.5 − [0, 0.5, 0]).
    const p = tf.softmax(x).arraySync() as number[][];
    const row0 = (p[0] as number[]).map((pc, c) => 0.7 * (pc * 0.5 - (c === 1 ? 0.5 : 0)));
    expectClose(tf.slice(fusedLogits, [0, 0], [1, 3]).reshape([3]), row0, { atol: 1e-6 });
  });

  it("gives the composed fallback the kernel's values where the backend has no kernel", () => {
    const x = tf.tensor2d([
      [20, 5, 0],
      [1.5, -0.3, 0.2],
    ]);
    // Both reductions, each as [value, dLabels, dLogits] of 3·value (upstream 3).
    const run = () =>
      (['none', 'mean'] as const).flatMap((reduction) =>
        tf.tidy(() => {
          const options = { epsilon: 1e-7, reduction };
          const loss = (t: tf.Tensor, l: tf.Tensor) =>
            tf.sum(tf.mul(softmaxCrossentropyWithLogits(t, l, options), 3));
          const [dLabels, dLogits] = tf.grads(loss)([labels, x]) as [tf.Tensor, tf.Tensor];
          const value = softmaxCrossentropyWithLogits(labels, x, options);
          return [value, dLabels, dLogits].map((v) => Array.from(v.dataSync()));
        }),
      );
    const withKernels = run();
    const names = [tf.DendriteSoftmaxCrossEntropy, tf.DendriteSoftmaxCrossEntropyGrad];
    const saved = names.map((name) => tf.getKernel(name, 'cpu') as tf.KernelConfig);
    expect(saved.every((config) => config !== undefined)).toBe(true);
    for (const name of names) tf.unregisterKernel(name, 'cpu');
    try {
      expect(tf.hasDendriteKernel(tf.DendriteSoftmaxCrossEntropy)).toBe(false);
      const composed = run();
      composed.forEach((values, i) => {
        expectClose(values, withKernels[i] as number[], { atol: 1e-5 });
      });
    } finally {
      for (const config of saved) tf.registerKernel(config);
    }
  });

  it("with reduction 'mean' equals the mean of the per-sample losses, gradients included", () => {
    const mean = (t: tf.Tensor, x: tf.Tensor) =>
      softmaxCrossentropyWithLogits(t, x, { epsilon: 1e-7, reduction: 'mean' });
    const perSample = (t: tf.Tensor, x: tf.Tensor) =>
      tf.mean(softmaxCrossentropyWithLogits(t, x, { epsilon: 1e-7 }));
    expect(mean(labels, logits).shape).toEqual([]);
    expectClose(mean(labels, logits), perSample(labels, logits), { atol: 1e-6 });
    const [meanLabels, meanLogits] = tf.grads(mean)([labels, logits]) as [tf.Tensor, tf.Tensor];
    const [plainLabels, plainLogits] = tf.grads(perSample)([labels, logits]) as tf.Tensor[];
    expectClose(meanLogits, plainLogits as tf.Tensor, { atol: 1e-6 });
    expectClose(meanLabels, plainLabels as tf.Tensor, { atol: 1e-5 });
  });

  it('refuses an epsilon outside [0, 0.5) or an unknown reduction, naming it', async () => {
    await expectNoLeak(() => {
      expect(() => softmaxCrossentropyWithLogits(labels, logits, { epsilon: -1 })).toThrow(
        'softmaxCrossentropyWithLogits: `epsilon` must be a number in [0, 0.5); received -1',
      );
      const sum = { reduction: 'sum' } as unknown as { reduction: 'mean' };
      expect(() => softmaxCrossentropyWithLogits(labels, logits, sum)).toThrow(
        `softmaxCrossentropyWithLogits: \`reduction\` must be 'none' or 'mean'; received "sum"`,
      );
      return [];
    });
  });
});
