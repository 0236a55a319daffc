import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { shuffle } from './shuffle.js';

describe('shuffle', () => {
  it('applies one permutation to every array', async () => {
    await expectNoLeak(() => {
      const ids = [0, 1, 2, 3, 4, 5, 6, 7];
      const squares = new Float32Array(ids.map((i) => i * i));
      const rows = tf.tensor2d(ids.map((i) => [i, -i]));
      const [a, b, c] = shuffle(ids, squares, rows, { seed: 4 });
      expect([...a].sort()).toEqual(ids);
      expect(a).not.toEqual(ids);
      expect(Array.from(b)).toEqual(a.map((i) => i * i));
      expect(c.arraySync()).toEqual(a.map((i) => [i, -i]));
      rows.dispose();
      return c;
    });
  });

  it('is repeatable for a seed', () => {
    const ids = Array.from({ length: 30 }, (_, i) => i);
    expect(shuffle(ids, { seed: 9 })).toEqual(shuffle(ids, { seed: 9 }));
    expect(shuffle(ids, { seed: 9 })).not.toEqual(shuffle(ids, { seed: 10 }));
  });

  it('rejects misaligned arrays and bad seeds', () => {
    expect(() => shuffle([1, 2], [1])).toThrow(
      'shuffle: all arrays must have the same number of samples; received lengths [2, 1]',
    );
    expect(() => shuffle([1], { seed: 0.5 })).toThrow(
      'shuffle: `seed` must be an integer >= 0; received 0.5',
    );
  });
});
