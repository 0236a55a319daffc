import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import type { PaddingMode } from '../convolutional/conv-utils.js';
import { maxPool2d } from './max-pool-op.js';

type Case = [[number, number, number, number], [number, number], [number, number], PaddingMode];

/** The gradient of sum(maxPool(x) · mix) for every case, as plain numbers. */
function gradients(cases: readonly Case[]): number[][] {
  return cases.map(([shape, size, strides, padding], k) =>
    tf.tidy(() => {
      const x = tf.randomUniform(shape, -1, 1, 'float32', 10 + k) as tf.Tensor4D;
      const probe = maxPool2d(x, size, strides, padding);
      const mix = tf.randomUniform(probe.shape, 0, 1, 'float32', 20 + k);
      const g = tf.grad((v: tf.Tensor) =>
        tf.sum(tf.mul(maxPool2d(v as tf.Tensor4D, size, strides, padding), mix)),
      )(x);
      return Array.from(g.dataSync());
    }),
  );
}

// tfjs-backend-wasm's own MaxPoolGrad drops the gradient of windows whose maximum is negative.
describe('maxPool2d gradient on the wasm backend', () => {
  afterAll(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });

  it('equals the cpu gradient for negative maxima, batches, channels, overlaps and same padding', async () => {
    const cases: Case[] = [
      [[2, 4, 4, 1], [2, 2], [2, 2], 'valid'],
      [[2, 6, 6, 3], [2, 2], [2, 2], 'valid'],
      [[1, 5, 5, 2], [3, 3], [1, 1], 'valid'],
      [[2, 5, 7, 2], [3, 2], [2, 3], 'same'],
      [[1, 5, 5, 1], [2, 2], [2, 2], 'same'],
    ];
    const onCpu = gradients(cases);
    const choice = await tf.useBackend('wasm', { log: false });
    expect(choice.name).toBe('wasm');
    // tfjs' test-mode kernel check counts the copies customGrad saves on wasm as leaks.
    tf.env().set('IS_TEST', false);
    // The premise: tfjs' own wasm gradient misses a window whose maximum is negative and not
    // its first entry; the maximum -0.1 is at position 1.
    const premise = tf.tidy(() => {
      const x = tf.tensor4d([-0.5, -0.1, -0.9, -0.8], [1, 2, 2, 1]);
      return Array.from(
        tf
          .grad((v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'))(x)
          .dataSync(),
      );
    });
    expect(premise).not.toEqual([0, 1, 0, 0]);
    const fixed = tf.tidy(() => {
      const x = tf.tensor4d([-0.5, -0.1, -0.9, -0.8], [1, 2, 2, 1]);
      return Array.from(
        tf
          .grad((v: tf.Tensor) => maxPool2d(v as tf.Tensor4D, [2, 2], [2, 2], 'valid'))(x)
          .dataSync(),
      );
    });
    expect(fixed).toEqual([0, 1, 0, 0]);
    const onWasm = gradients(cases);
    onWasm.forEach((g, i) => {
      expectClose(g, onCpu[i] as number[], { rtol: 0, atol: 1e-6 });
    });
    // Ties go to the first maximum of each window (row-major), as on the cpu and in TF:
    // window rows [1 1; 2 2] → position (1, 0); [3 1; 5 5] → position (3, 0).
    const x = tf.tensor4d([1, 1, 1, 0.5, 2, 2, 0, 0, 3, 1, 3, 3, 5, 5, 5, 5], [1, 4, 4, 1]);
    const g = tf.grad((v: tf.Tensor) => maxPool2d(v as tf.Tensor4D, [2, 2], [2, 2], 'valid'))(x);
    expectClose(g, [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]);
    await expectNoLeak(() =>
      tf.grad((v: tf.Tensor) => maxPool2d(v as tf.Tensor4D, [2, 2], [2, 2], 'same'))(x),
    );
    tf.dispose([x, g]);
  });
});
