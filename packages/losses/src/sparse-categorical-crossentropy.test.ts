import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from './loss-classes.js';
import { sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

const probabilities = tf.tensor2d([
  [0.2, 0.8],
  [0.6, 0.4],
  [0.5, 0.5],
]);

describe('sparseCategoricalCrossentropy labels', () => {
  it('throws a ValueError naming the first bad index and value, never NaN', () => {
    const cases: Array<[number[], string]> = [
      [[0, 2, 1], 'received 2 at index 1'],
      [[0, 1, -1], 'received -1 at index 2'],
      [[0.5, 1, 0], 'received 0.5 at index 0'],
      [[0, Number.NaN, 0], 'received NaN at index 1'],
    ];
    for (const [labels, message] of cases) {
      expect(() => sparseCategoricalCrossentropy(tf.tensor1d(labels), probabilities)).toThrow(
        `sparseCategoricalCrossentropy: \`yTrue\` must hold integer class indices in [0, 2); ${message}`,
      );
    }
  });

  it('accepts int32 labels and labels of shape [batch, 1]', () => {
    // -ln 0.8, -ln 0.6, -ln 0.5
    const expected = [-Math.log(0.8), -Math.log(0.6), -Math.log(0.5)];
    expectClose(
      sparseCategoricalCrossentropy(tf.tensor1d([1, 0, 1], 'int32'), probabilities),
      expected,
    );
    expectClose(
      sparseCategoricalCrossentropy(tf.tensor2d([[1], [0], [1]]), probabilities),
      expected,
    );
  });

  it('rejects label shapes that do not fit the predictions', () => {
    expect(() => sparseCategoricalCrossentropy(tf.tensor1d([1, 0]), probabilities)).toThrow(
      'sparseCategoricalCrossentropy: `yTrue` must have shape [3] or [3, 1] for yPred [3, 2]; received yTrue [2]',
    );
  });

  it('skips the check (and its data read) when validateLabels is false', async () => {
    // label 5 is out of range: its one-hot row is all zeros, so the loss is 0 rather than an error
    const loss = new SparseCategoricalCrossentropy({ validateLabels: false, reduction: 'none' });
    expectClose(loss.apply(tf.tensor1d([5, 0, 1]), probabilities), [
      0,
      -Math.log(0.6),
      -Math.log(0.5),
    ]);
    const labels = tf.tensor1d([1, 0, 1]);
    await expectNoLeak(() => loss.apply(labels, probabilities));
    await expectNoLeak(() => sparseCategoricalCrossentropy(labels, probabilities));
  });
});
