import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { oneHot, toCategorical } from './one-hot.js';

describe('oneHot', () => {
  it('encodes a number array, inferring numClasses as max + 1', () => {
    const y = oneHot([0, 2, 1, 2]);
    expect(y.dtype).toBe('float32');
    expect(y.shape).toEqual([4, 3]);
    expect(y.arraySync()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    y.dispose();
  });

  it('accepts typed arrays, 1-D and [n, 1] tensors, and an explicit numClasses', async () => {
    await expectNoLeak(() => {
      const fromTyped = oneHot(new Uint8Array([3, 0]), 5);
      expect(fromTyped.arraySync()).toEqual([
        [0, 0, 0, 1, 0],
        [1, 0, 0, 0, 0],
      ]);
      const labels = tf.tensor1d([1, 0], 'int32');
      const column = tf.tensor2d([[1], [0]]);
      const a = oneHot(labels);
      const b = oneHot(column, 2);
      expect(a.arraySync()).toEqual([
        [0, 1],
        [1, 0],
      ]);
      expect(b.arraySync()).toEqual(a.arraySync());
      return [fromTyped, labels, column, a, b];
    });
  });

  it('is also exported as toCategorical', () => {
    expect(toCategorical).toBe(oneHot);
  });

  it('gives [0, numClasses] for empty labels with numClasses', () => {
    const y = oneHot([], 4);
    expect(y.shape).toEqual([0, 4]);
    y.dispose();
  });

  it('names the first bad label and its index', () => {
    expect(() => oneHot([0, 1, 2.5, -1])).toThrow(
      'oneHot: `labels` must hold non-negative integers; received 2.5 at index 2',
    );
    expect(() => oneHot([0, -1])).toThrow('received -1 at index 1');
    expect(() => oneHot([0, Number.NaN])).toThrow('received NaN at index 1');
    expect(() => oneHot([0, 1, 3], 3)).toThrow(
      'oneHot: `labels` must hold integers in [0, 3); received 3 at index 2',
    );
    expect(() => oneHot([0, 1, 3], 3)).toThrow(tf.ValueError);
  });

  it('validates numClasses and the labels shape', () => {
    expect(() => oneHot([0], 0)).toThrow(
      'oneHot: `numClasses` must be an integer >= 1; received 0',
    );
    expect(() => oneHot([0], 2.5)).toThrow('received 2.5');
    expect(() => oneHot([])).toThrow('oneHot: cannot infer `numClasses` from empty `labels`');
    const matrix = tf.zeros([2, 2]);
    expect(() => oneHot(matrix)).toThrow(
      'oneHot: `labels` must be a tensor of shape [n] or [n, 1]; received Tensor of shape [2, 2]',
    );
    matrix.dispose();
  });
});
