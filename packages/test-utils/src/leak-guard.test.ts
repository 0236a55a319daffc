import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose } from './close.js';
import { expectNoLeak } from './leak-guard.js';

describe('expectNoLeak', () => {
  it('passes a function that frees its temporaries and returns a tensor', async () => {
    await expectNoLeak(() => tf.tidy(() => tf.add(tf.ones([2]), tf.ones([2]))));
  });

  it('catches a deliberately leaking function', async () => {
    let leaked: tf.Tensor | undefined;
    await expect(
      expectNoLeak(() => {
        leaked = tf.zeros([3]);
        return 1;
      }),
    ).rejects.toThrow('tensor count changed by 1');
    leaked?.dispose();
  });

  it('accepts an exact expected delta', async () => {
    let kept: tf.Tensor | undefined;
    await expectNoLeak(
      () => {
        kept = tf.zeros([1]);
      },
      { delta: 1 },
    );
    kept?.dispose();
  });
});

describe('expectClose', () => {
  it('accepts values within tolerance and reports the worst element otherwise', () => {
    expectClose([1, 2, 3], [1, 2, 3 + 1e-6]);
    expect(() => expectClose([1, 2, 3], [1, 2.1, 3])).toThrow('element 1 is 2, expected 2.1');
    expect(() => expectClose([Number.NaN], [1])).toThrow('element 0 is NaN');
  });
});
