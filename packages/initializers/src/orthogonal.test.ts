import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { Identity, identity } from './identity.js';
import { Orthogonal, orthogonal } from './orthogonal.js';

describe('orthogonal', () => {
  it.each([
    [[64, 32], 1],
    [[32, 64], 1],
    [[3, 3, 4, 8], 2],
    [[12, 12], 0.5],
  ])('shape %j gain %d: the fewer of rows/columns are orthonormal times gain', (shape, gain) => {
    const w = orthogonal({ gain, seed: 11 }).apply(shape);
    expect(w.shape).toEqual(shape);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1] as number;
    const gram = tf.tidy(() => {
      const flat = tf.reshape(w, [rows, cols]) as tf.Tensor2D;
      // WᵀW (k = cols) when rows >= cols, else WWᵀ (k = rows); either should be gain²·I_k
      return rows >= cols ? tf.matMul(flat, flat, true, false) : tf.matMul(flat, flat, false, true);
    });
    const k = Math.min(rows, cols);
    const expected = tf.mul(tf.eye(k), gain * gain);
    expectClose(gram, expected, { atol: 2e-5 });
    tf.dispose([w, gram, expected]);
  });

  it('sign-corrects Q so that R = QᵀA has a positive diagonal (Keras convention)', () => {
    // Orthogonal draws A ~ N(0, 1) of shape [max, min] with the given seed; regenerate it.
    const seed = 5;
    const w = orthogonal({ seed }).apply([20, 6]);
    const diag = tf.tidy(() => {
      const a = tf.randomNormal([20, 6], 0, 1, 'float32', seed);
      const r = tf.matMul(w as tf.Tensor2D, a as tf.Tensor2D, true, false);
      return tf.sum(tf.mul(r, tf.eye(6)), 0);
    });
    expect(Array.from(diag.dataSync()).every((d) => d > 0)).toBe(true);
    tf.dispose([w, diag]);
  });

  it('leaks nothing, rejects rank < 2, round-trips its config', async () => {
    await expectNoLeak(() => orthogonal({ seed: 1 }).apply([6, 4]));
    expect(() => orthogonal().apply([5])).toThrow(tf.ShapeError);
    expect(() => orthogonal().apply([5])).toThrow(
      'Orthogonal: `shape` must be of rank >= 2; received [5]',
    );
    expect(() => orthogonal({ gain: Number.NaN })).toThrow(
      'Orthogonal: `gain` must be a finite number; received NaN',
    );
    const init = orthogonal({ gain: 1.5, seed: 9 });
    expect(init.getConfig()).toEqual({ gain: 1.5, seed: 9 });
    expect(Orthogonal.fromConfig(init.getConfig()).getConfig()).toEqual(init.getConfig());
    expect(orthogonal().getConfig()).toEqual({ gain: 1, seed: null });
  });
});

describe('identity', () => {
  it('is gain times the identity, also for non-square shapes (Keras 3)', async () => {
    const square = identity({ gain: 2 }).apply([3, 3]);
    const wide = identity().apply([2, 3], 'int32');
    expect(square.arraySync()).toEqual([
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]);
    expect(wide.dtype).toBe('int32');
    expect(wide.arraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    tf.dispose([square, wide]);
    await expectNoLeak(() => identity().apply([4, 4]));
    await expectNoLeak(() => identity().apply([4, 2], 'int32'));
  });

  it('rejects other ranks and round-trips its config', () => {
    expect(() => identity().apply([2, 2, 2])).toThrow(
      'Identity: `shape` must be of rank 2; received [2, 2, 2]',
    );
    expect(() => identity({ gain: Number.POSITIVE_INFINITY })).toThrow(tf.ConfigError);
    expect(identity().getConfig()).toEqual({ gain: 1 });
    const init = identity({ gain: 0.3 });
    expect(Identity.fromConfig(init.getConfig()).getConfig()).toEqual({ gain: 0.3 });
  });
});
