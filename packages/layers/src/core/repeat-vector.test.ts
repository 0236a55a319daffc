import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { RepeatVector, repeatVector } from './repeat-vector.js';

describe('RepeatVector', () => {
  it('repeats each vector n times (hand-worked), gradient summing the copies', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const layer = repeatVector({ n: 3 });
    const y = layer.apply(x);
    expectClose(
      y,
      tf.tensor3d([
        [
          [1, 2],
          [1, 2],
          [1, 2],
        ],
        [
          [3, 4],
          [3, 4],
          [3, 4],
        ],
      ]),
    );
    expect(layer.computeOutputShape([null, 2])).toEqual([null, 3, 2]);
    // Each input value is copied 3 times: gradient of the sum is 3.
    const g = tf.grad((v: tf.Tensor) => layer.apply(v))(x);
    expectClose(g, tf.fill([2, 2], 3));
    await expectNoLeak(() => layer.apply(x));
    tf.dispose([x, y, g]);
  });

  it('round-trips its config and validates', () => {
    const config = repeatVector({ n: 4 }).getConfig();
    expect(config.n).toBe(4);
    expect(RepeatVector.fromConfig(config).getConfig()).toEqual(config);
    expect(() => repeatVector({ n: 0 })).toThrow(
      'RepeatVector: `n` must be a positive integer; received 0',
    );
    const x = tf.zeros([2, 3, 4]);
    expect(() => repeatVector({ n: 2 }).apply(x)).toThrow(
      'expected inputs of rank 2 [batch, features]; received shape [2,3,4]',
    );
    x.dispose();
  });
});
