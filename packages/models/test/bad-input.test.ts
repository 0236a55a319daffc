import {
  add,
  conv2d,
  dense,
  embedding,
  flatten,
  input,
  lstm,
  type SymbolicTensor,
} from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { type LayersModel, model, sequential } from '../src/index.js';
import { ownedPerTest } from './owned.js';

const own = ownedPerTest();

const t = <T extends tf.Tensor>(tensor: T): T => own(tensor);

function convNet(): LayersModel {
  const m = own(
    sequential({
      name: 'cnn',
      layers: [
        conv2d({ filters: 2, kernelSize: 3, inputShape: [6, 6, 1] }),
        flatten({}),
        dense({ units: 3, activation: 'softmax' }),
      ],
    }),
  );
  m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  return m;
}

function rnn(): LayersModel {
  const m = own(
    sequential({
      name: 'rnn',
      layers: [
        embedding({ inputDim: 5, outputDim: 2, inputLength: 4 }),
        lstm({ units: 2 }),
        dense({ units: 1, activation: 'sigmoid' }),
      ],
    }),
  );
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  return m;
}

function twoInputs(): LayersModel {
  const a = input({ shape: [2], name: 'a' });
  const b = input({ shape: [3], name: 'b' });
  const fromA = dense({ name: 'from_a', units: 1 }).apply(a) as SymbolicTensor;
  const fromB = dense({ name: 'from_b', units: 1 }).apply(b) as SymbolicTensor;
  const m = own(
    model({
      name: 'pair',
      inputs: [a, b],
      outputs: add({}).apply([fromA, fromB]) as SymbolicTensor,
    }),
  );
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  return m;
}

const quiet = { verbose: 0 } as const;

describe('bad input end to end: clear errors naming the argument, value and expectation', () => {
  it('fit, evaluate before compile', async () => {
    const m = own(sequential({ name: 'raw', layers: [dense({ units: 1, inputShape: [2] })] }));
    const x = t(tf.zeros([2, 2]));
    const y = t(tf.zeros([2, 1]));
    await expect(m.fit(x, y, quiet)).rejects.toThrow(
      'raw.fit: the model must be compiled first; call model.compile({optimizer, loss}) before fit()',
    );
    await expect(m.evaluate(x, y, quiet)).rejects.toThrow(
      'raw.evaluate: the model must be compiled first',
    );
  });

  it('x and y with different sample counts (conv and two-input models)', async () => {
    await expect(convNet().fit(t(tf.zeros([5, 6, 6, 1])), t(tf.zeros([4])), quiet)).rejects.toThrow(
      'cnn.fit: `x` and `y` must have the same number of samples; received 5 and 4',
    );
    await expect(
      twoInputs().fit([t(tf.zeros([3, 2])), t(tf.zeros([2, 3]))], t(tf.zeros([3, 1])), quiet),
    ).rejects.toThrow(
      'pair.fit: `x[0]` and `x[1]` must have the same number of samples; received 3 and 2',
    );
  });

  it('wrong input shape or input count, in fit, evaluate and predict', async () => {
    const m = convNet();
    await expect(m.fit(t(tf.zeros([2, 6, 6, 3])), t(tf.zeros([2])), quiet)).rejects.toThrow(
      /cnn\.fit: `x` must have shape \[null, 6, 6, 1\] \(for .*\); received shape \[2, 6, 6, 3\]/,
    );
    await expect(m.evaluate(t(tf.zeros([2, 36])), t(tf.zeros([2])), quiet)).rejects.toThrow(
      /cnn\.evaluate: `x` must have shape \[null, 6, 6, 1\] .*received shape \[2, 36\]/,
    );
    expect(() => m.predict(t(tf.zeros([1, 5, 5, 1])))).toThrow(
      /cnn\.predict: `x` must have shape \[null, 6, 6, 1\] .*received shape \[1, 5, 5, 1\]/,
    );
    await expect(twoInputs().fit(t(tf.zeros([2, 2])), t(tf.zeros([2, 1])), quiet)).rejects.toThrow(
      'pair.fit: the model has 2 input(s) (a, b); received 1 tensor(s) for `x`',
    );
  });

  it('labels out of range for sparse losses, and token ids out of range for an embedding', async () => {
    await expect(
      convNet().fit(t(tf.zeros([3, 6, 6, 1])), t(tf.tensor1d([0, 2, 7])), quiet),
    ).rejects.toThrow(
      'cnn.fit: `y` holds class indices for sparse_categorical_crossentropy, which must be integers in [0, 3); received 7 at sample 2',
    );
    await expect(
      convNet().fit(t(tf.zeros([2, 6, 6, 1])), t(tf.tensor1d([-1, 0])), quiet),
    ).rejects.toThrow('must be integers in [0, 3); received -1 at sample 0');
    await expect(
      rnn().fit(t(tf.tensor2d([[0, 1, 2, 5]], [1, 4], 'int32')), t(tf.zeros([1, 1])), quiet),
    ).rejects.toThrow(
      /embedding.*: indices must be integers in \[0, 5\) \(inputDim 5\); received 5/,
    );
  });

  it('empty data', async () => {
    await expect(convNet().fit(t(tf.zeros([0, 6, 6, 1])), t(tf.zeros([0])), quiet)).rejects.toThrow(
      'cnn.fit: received empty data (0 samples)',
    );
    await expect(
      convNet().evaluate(t(tf.zeros([0, 6, 6, 1])), t(tf.zeros([0])), quiet),
    ).rejects.toThrow('cnn.evaluate: received empty data (0 samples)');
  });

  it('NaN or infinity in x, y or validation data: an error, never a silent NaN loss', async () => {
    const x = t(tf.zeros([2, 6, 6, 1]));
    const bad = t(tf.tensor1d([0, Number.NaN]));
    await expect(convNet().fit(x, bad, quiet)).rejects.toThrow(
      'cnn.fit: `y` contains NaN at sample 1; data must be finite',
    );
    const seq = t(tf.tensor2d([[1, 2, 3, 4]], [1, 4]));
    await expect(
      rnn().fit(seq, t(tf.tensor2d([[Number.POSITIVE_INFINITY]])), quiet),
    ).rejects.toThrow('rnn.fit: `y` contains Infinity at sample 0; data must be finite');
    const m = convNet();
    const nanImage = t(tf.fill([1, 6, 6, 1], Number.NaN));
    await expect(
      m.fit(x, t(tf.tensor1d([0, 1])), {
        ...quiet,
        validationData: [nanImage, t(tf.tensor1d([0]))],
      }),
    ).rejects.toThrow(
      'cnn.fit (validationData): `x` contains NaN at sample 0; data must be finite',
    );
    await expect(m.evaluate(nanImage, t(tf.tensor1d([0])), quiet)).rejects.toThrow(
      'cnn.evaluate: `x` contains NaN at sample 0; data must be finite',
    );
  });
});

describe('bad input through fitDataset', () => {
  it('an empty dataset, a batch with mismatched counts and a NaN batch each fail clearly', async () => {
    const m = convNet();
    const empty = {
      iterator: async () => ({ next: async () => ({ done: true, value: undefined }) }),
    };
    await expect(m.fitDataset(empty as never, quiet)).rejects.toThrow(
      'cnn.fitDataset: the dataset yielded no batches in epoch 0',
    );
    const once = (xs: tf.Tensor, ys: tf.Tensor) => ({
      iterator: async () => {
        let done = false;
        return {
          next: async () => {
            if (done) return { done: true, value: undefined };
            done = true;
            return { done: false, value: { xs, ys } };
          },
        };
      },
    });
    await expect(
      m.fitDataset(once(t(tf.zeros([3, 6, 6, 1])), t(tf.zeros([2]))) as never, quiet),
    ).rejects.toThrow(
      'cnn.fitDataset (batch 0): `xs` and `ys` must have the same number of samples; received 3 and 2',
    );
    const nanY = t(tf.tensor1d([Number.NaN, 0]));
    await expect(
      m.fitDataset(once(t(tf.zeros([2, 6, 6, 1])), nanY) as never, quiet),
    ).rejects.toThrow(
      'cnn.fitDataset: batch 0 of epoch 0 contains NaN or infinity in `xs` or `ys`; data must be finite',
    );
  });
});
