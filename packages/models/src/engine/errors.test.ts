import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { sequential } from '../sequential.js';

const owned: { dispose(): void }[] = [];
afterEach(() => {
  for (const item of owned.splice(0)) item.dispose();
});

function classifier() {
  const m = sequential({
    name: 'clf',
    layers: [dense({ units: 3, inputShape: [2], activation: 'softmax' })],
  });
  owned.push(m);
  return m;
}

function t<T extends tf.Tensor>(tensor: T): T {
  owned.push(tensor);
  return tensor;
}

describe('clear errors', () => {
  it('fit before compile', async () => {
    const m = classifier();
    await expect(m.fit(t(tf.zeros([2, 2])), t(tf.zeros([2])))).rejects.toThrow(
      'clf.fit: the model must be compiled first; call model.compile({optimizer, loss}) before fit()',
    );
  });

  it('x and y with different sample counts, both counts named', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    await expect(m.fit(t(tf.zeros([4, 2])), t(tf.zeros([3])), { verbose: 0 })).rejects.toThrow(
      'clf.fit: `x` and `y` must have the same number of samples; received 4 and 3',
    );
  });

  it('wrong input shape, expected and received', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    await expect(m.fit(t(tf.zeros([4, 5])), t(tf.zeros([4])), { verbose: 0 })).rejects.toThrow(
      /clf.fit: `x` must have shape \[null, 2\] \(for .*\); received shape \[4, 5\]/,
    );
  });

  it('sparse labels out of range', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    await expect(
      m.fit(t(tf.zeros([3, 2])), t(tf.tensor1d([0, 3, 1])), { verbose: 0 }),
    ).rejects.toThrow(
      'clf.fit: `y` holds class indices for sparse_categorical_crossentropy, which must be integers in [0, 3); received 3 at sample 1',
    );
    await expect(
      m.evaluate(t(tf.zeros([1, 2])), t(tf.tensor1d([0.5])), { verbose: 0 }),
    ).rejects.toThrow('received 0.5 at sample 0');
  });

  it('empty data', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    await expect(m.fit(t(tf.zeros([0, 2])), t(tf.zeros([0])), { verbose: 0 })).rejects.toThrow(
      'clf.fit: received empty data (0 samples)',
    );
  });

  it('NaN in the data', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const x = t(
      tf.tensor2d([
        [0, 1],
        [Number.NaN, 2],
      ]),
    );
    await expect(m.fit(x, t(tf.tensor1d([0, 1])), { verbose: 0 })).rejects.toThrow(
      'clf.fit: `x` contains NaN at sample 1; data must be finite',
    );
  });

  it('bad batchSize and epochs', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const x = t(tf.zeros([2, 2]));
    const y = t(tf.zeros([2]));
    await expect(m.fit(x, y, { batchSize: 0 })).rejects.toThrow(
      'clf.fit: `batchSize` must be an integer >= 1; received 0',
    );
    await expect(m.fit(x, y, { epochs: 1.5 })).rejects.toThrow(
      'clf.fit: `epochs` must be an integer >= 1; received 1.5',
    );
    await expect(m.fit(x, y, { validationSplit: 1 })).rejects.toThrow(
      'clf.fit: `validationSplit` must be a finite number in [0, 1); received 1',
    );
  });

  it('unknown loss and per-output loss count', () => {
    const m = classifier();
    expect(() => m.compile({ optimizer: 'sgd', loss: 'nope' })).toThrow(/Unknown loss "nope"/);
    expect(() => m.compile({ optimizer: 'sgd', loss: ['mse', 'mse'] })).toThrow(
      'clf.compile: `loss` must have one entry per output (1: dense',
    );
  });
});
