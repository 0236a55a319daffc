import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { sequential } from '../sequential.js';

const own = ownedPerTest();

function classifier() {
  const m = sequential({
    name: 'clf',
    layers: [dense({ units: 3, inputShape: [2], activation: 'softmax' })],
  });
  own(m);
  return m;
}

function t<T extends tf.Tensor>(tensor: T): T {
  own(tensor);
  return tensor;
}

describe('clear errors', () => {
  it('fit before compile', async () => {
    const m = classifier();
    await expect(m.fit(t(tf.zeros([2, 2])), t(tf.zeros([2])))).rejects.toThrow(
      'clf.fit: the model must be compiled first; call model.compile({optimizer, loss}) before fit()',
    );
  });

  // [what is wrong, x shape, y shape, the message]
  const badShapes: [string, number[], number[], string | RegExp][] = [
    [
      'x and y with different sample counts, both counts named',
      [4, 2],
      [3],
      'clf.fit: `x` and `y` must have the same number of samples; received 4 and 3',
    ],
    [
      'wrong input shape, expected and received',
      [4, 5],
      [4],
      /clf.fit: `x` must have shape \[null, 2\] \(for .*\); received shape \[4, 5\]/,
    ],
    ['empty data', [0, 2], [0], 'clf.fit: received empty data (0 samples)'],
  ];
  for (const [what, xShape, yShape, message] of badShapes) {
    it(what, async () => {
      const m = classifier();
      m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
      const fit = m.fit(t(tf.zeros(xShape)), t(tf.zeros(yShape)), { verbose: 0 });
      await expect(fit).rejects.toThrow(message);
    });
  }

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

  it('a loss that throws inside the gradient tape leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const m = sequential({
      layers: [
        dense({ units: 4, inputShape: [2], activation: 'tanh' }),
        dense({ units: 3, activation: 'softmax' }),
      ],
    });
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const [x, y] = [tf.zeros([4, 2]), tf.zeros([4, 2])];
    // The Dense layers' gradients keep copies of x, kernel and output on tfjs' tape.
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(/must have the same shape/);
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(/must have the same shape/);
    tf.dispose([x, y]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
