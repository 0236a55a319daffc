import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import {
  addonCalls,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';

describeKernels('BatchMatMul on dendrite-native', () => {
  it('multiplies a hand-worked 2x2 example', async () => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const b = tf.tensor2d([5, 6, 7, 8], [2, 2]);
    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[1*5+2*7, 1*6+2*8], [3*5+4*7, 3*6+4*8]] = [[19,22],[43,50]]
    expectClose(tf.matMul(a, b), [
      [19, 22],
      [43, 50],
    ]);
    // transposeA: [[1,3],[2,4]]·[[5,6],[7,8]] = [[5+21, 6+24], [10+28, 12+32]] = [[26,30],[38,44]]
    expectClose(tf.matMul(a, b, true), [
      [26, 30],
      [38, 44],
    ]);
    tf.dispose([a, b]);
  });

  for (const [transposeA, transposeB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`matches cpu with transposeA=${transposeA}, transposeB=${transposeB}`, async () => {
      const before = addonCalls.batchMatMul ?? 0;
      await expectSameOnBothBackends(() => {
        const a = randomTensor(transposeA ? [37, 23] : [23, 37], 1);
        const b = randomTensor(transposeB ? [11, 37] : [37, 11], 2);
        return tf.matMul(a, b, transposeA, transposeB);
      });
      expect(addonCalls.batchMatMul).toBe(before + 1);
    });
  }

  it('matches cpu on batched and broadcast operands', async () => {
    await expectSameOnBothBackends(() => [
      tf.matMul(randomTensor([3, 4, 5], 3), randomTensor([3, 5, 6], 4)),
      tf.matMul(randomTensor([3, 5, 4], 5), randomTensor([3, 6, 5], 6), true, true),
      tf.matMul(randomTensor([2, 3, 4, 5], 7), randomTensor([5, 6], 8)),
      tf.matMul(randomTensor([4, 5], 9), randomTensor([2, 3, 5, 6], 10)),
      tf.matMul(randomTensor([2, 3, 4, 5], 11), randomTensor([3, 5, 6], 12)),
    ]);
  });

  it('leaves int32 products and odd broadcasts to the cpu kernel with the same result', async () => {
    const before = addonCalls.batchMatMul ?? 0;
    await expectSameOnBothBackends(() => [
      tf.matMul(
        tf.tensor2d(
          [
            [1, 2],
            [3, 4],
          ],
          undefined,
          'int32',
        ),
        tf.tensor2d([[5], [6]], undefined, 'int32'),
      ),
      tf.matMul(randomTensor([2, 1, 4, 5], 13), randomTensor([3, 5, 6], 14)),
    ]);
    expect(addonCalls.batchMatMul).toBe(before);
  });

  it('gives zeros for an empty inner dimension and runs big products threaded', async () => {
    // Outputs are allocated uninitialized: an empty sum must still write its zeros.
    await expectSameOnBothBackends(() => [
      tf.matMul(tf.zeros([3, 0]), tf.zeros([0, 4])),
      tf.matMul(tf.zeros([2, 0, 3]), tf.zeros([2, 4, 0]), true, true),
      // 256·100·784 multiply-adds: split by rows across the addon's threads.
      tf.matMul(randomTensor([256, 784], 30), randomTensor([784, 100], 31)),
      tf.matMul(randomTensor([256, 784], 32), randomTensor([256, 100], 33), true, false),
      // Row counts that do not divide evenly, with each operand transposed.
      tf.matMul(randomTensor([517, 300], 34), randomTensor([300, 70], 35), false, false),
      tf.matMul(randomTensor([300, 517], 36), randomTensor([70, 300], 37), true, true),
    ]);
  });

  it('gives the same threaded product on every one of many calls in a row', () => {
    // Back-to-back jobs for the addon's workers, with a small unsplit product between them: a
    // race in handing out the bands would show as a differing or missing band.
    // 200·300·60 = 3.6M multiply-adds: a band per million, up to the thread count.
    const a = randomTensor([200, 300], 40);
    const b = randomTensor([300, 60], 41);
    const small = randomTensor([3, 4], 42);
    const first = Array.from(tf.tidy(() => tf.matMul(a, b).dataSync()));
    for (let i = 0; i < 200; i++) {
      const values = tf.tidy(() => {
        tf.matMul(small, small, false, true);
        return tf.matMul(a, b).dataSync();
      });
      if (!values.every((v, j) => v === first[j])) throw new Error(`call ${i} differs`);
    }
    tf.dispose([a, b, small]);
  });

  it('frees every intermediate', async () => {
    const a = randomTensor([6, 5], 15);
    const b = randomTensor([5, 4], 16);
    const backend = tf.engine().backend;
    const dataIds = backend.numDataIds();
    await expectNoLeak(() => tf.matMul(a, b, false, false));
    await expectNoLeak(() =>
      tf.tidy(() => tf.fused.matMul({ a, b, bias: tf.ones([4]), activation: 'relu' })),
    );
    expect(backend.numDataIds()).toBe(dataIds);
    tf.dispose([a, b]);
  });
});

describeKernels('_FusedMatMul on dendrite-native', () => {
  const activations = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid', 'prelu'] as const;
  for (const activation of activations) {
    it(`matches cpu with a bias and ${activation}`, async () => {
      const before = addonCalls.biasActivation ?? 0;
      await expectSameOnBothBackends(() => {
        const a = randomTensor([9, 13], 20);
        const b = randomTensor([13, 7], 21);
        const bias = randomTensor([7], 22);
        const preluActivationWeights = activation === 'prelu' ? tf.fill([7], 0.1) : undefined;
        return [
          tf.fused.matMul({ a, b, bias, activation, preluActivationWeights, leakyreluAlpha: 0.3 }),
          tf.fused.matMul({
            a,
            b: tf.transpose(b),
            transposeB: true,
            activation: activation === 'prelu' ? 'relu' : activation,
          }),
        ];
      });
      // prelu's weights go through the cpu kernel, and a linear product without bias needs no
      // tail; every other tail runs in the addon.
      const tails = activation === 'prelu' || activation === 'linear' ? 1 : 2;
      expect(addonCalls.biasActivation).toBe(before + tails);
    });
  }

  it('matches cpu with a full-matrix bias, added by the cpu kernel', async () => {
    await expectSameOnBothBackends(() =>
      tf.fused.matMul({
        a: randomTensor([9, 13], 23),
        b: randomTensor([13, 7], 24),
        bias: randomTensor([9, 7], 25),
        activation: 'relu',
      }),
    );
  });

  it('has the gradients of cpu through tf.grads', async () => {
    await expectSameOnBothBackends(() => {
      const a = randomTensor([8, 6], 26);
      const b = randomTensor([6, 5], 27);
      const bias = randomTensor([5], 28);
      const f = (x: tf.Tensor, w: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.square(tf.fused.matMul({ a: x, b: w, bias: c, activation: 'relu' })));
      return tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([a, b, bias]);
    });
  });
});
