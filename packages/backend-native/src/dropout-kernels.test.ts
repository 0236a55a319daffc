import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';

function dropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor[] {
  return tf.engine().runKernel(tf.DendriteDropout, { x }, { rate, seed }) as tf.Tensor[];
}

describeKernels('DendriteDropout and DendriteDropoutGrad on dendrite-native', () => {
  // Seeds below zero and above 2³¹ are the same 32-bit states as their unsigned forms.
  it.each([
    [0.3, 42],
    [0.5, -7],
    [0.9, 0xfffffff0],
    [0, 3],
    // rate · 2³² rounds up to 2³²: no 32-bit draw reaches the cut, so every entry is dropped.
    [1 - 2 ** -40, 11],
  ])('keeps what RandomGenerator.fillMask keeps and scales it (rate %d, seed %d)', (rate, seed) => {
    tf.tidy(() => {
      const x = randomTensor([6, 50], 5);
      const before = addonCalls.dropout ?? 0;
      const [y, mask] = dropout(x, rate, seed) as [tf.Tensor, tf.Tensor];
      expect((addonCalls.dropout ?? 0) - before).toBe(1);
      expect([y.shape, mask.shape, mask.dtype]).toEqual([[6, 50], [6, 50], 'bool']);
      const keep = tf.dropoutMaskValues(seed, x.size, rate);
      expect(Array.from(mask.dataSync())).toEqual(Array.from(keep));
      // The composed path's values: x times a float32 mask of 0 and float32(1 / (1 - rate)).
      const scale = Math.fround(1 / (1 - rate));
      const expected = Array.from(x.dataSync(), (v, i) => Math.fround(v * (keep[i] ? scale : 0)));
      expect(Array.from(y.dataSync())).toEqual(expected);
      const dy = randomTensor([6, 50], 6);
      const dx = tf.engine().runKernel(tf.DendriteDropoutGrad, { dy, mask }, { rate }) as tf.Tensor;
      const dxExpected = Array.from(dy.dataSync(), (v, i) =>
        Math.fround(v * (keep[i] ? scale : 0)),
      );
      expect(Array.from(dx.dataSync())).toEqual(dxExpected);
      if (rate > 0.99) expect(keep.every((k) => k === 0)).toBe(true);
      if (rate === 0.3) {
        // About 30% dropped from 300 draws.
        const dropped = keep.filter((k) => k === 0).length;
        expect(dropped).toBeGreaterThan(60);
        expect(dropped).toBeLessThan(120);
      }
    });
  });

  it('draws the same mask when a large input is split across threads', () => {
    tf.tidy(() => {
      // 512 × 100: the book model's hidden layer at batch 512, above one thread's share.
      const x = randomTensor([512, 100], 7);
      const [y, mask] = dropout(x, 0.3, 123456789) as [tf.Tensor, tf.Tensor];
      const keep = tf.dropoutMaskValues(123456789, x.size, 0.3);
      expect(Array.from(mask.dataSync())).toEqual(Array.from(keep));
      const scale = Math.fround(1 / 0.7);
      const expected = Array.from(x.dataSync(), (v, i) => Math.fround(v * (keep[i] ? scale : 0)));
      expect(Array.from(y.dataSync())).toEqual(expected);
    });
  });

  it('moves a generator on by one draw per entry (dropoutStateAfter)', () => {
    const rng = tf.createRandom(9);
    rng.fillMask(new Float32Array(1000), 0.5, 1);
    expect(tf.dropoutStateAfter(9, 1000)).toBe(rng.getState());
  });

  it.each([
    [
      'rate',
      () => dropout(tf.zeros([2]), 1, 0),
      tf.ConfigError,
      /`rate` must be a number in \[0, 1\); received 1/,
    ],
    [
      'seed',
      () => dropout(tf.zeros([2]), 0.5, 0.5),
      tf.ConfigError,
      /`seed` must be an integer; received 0.5/,
    ],
    [
      'x',
      () => dropout(tf.zeros([2], 'int32'), 0.5, 0),
      tf.ShapeError,
      /`x` must be a float32 tensor .*received int32 \[2\]/,
    ],
    [
      'mask',
      () =>
        tf
          .engine()
          .runKernel(
            tf.DendriteDropoutGrad,
            { dy: tf.zeros([2, 3]), mask: tf.zeros([2, 3], 'bool').reshape([3, 2]) },
            { rate: 0.5 },
          ),
      tf.ShapeError,
      /`mask` must be a bool tensor of shape \[2, 3\]; received bool \[3, 2\]/,
    ],
  ] as const)('rejects a wrong %s and leaks nothing', (_, run, type, message) => {
    const before = tf.memory().numTensors;
    expect(() => tf.tidy(() => run())).toThrow(type);
    expect(() => tf.tidy(() => run())).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
