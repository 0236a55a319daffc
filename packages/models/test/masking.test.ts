import { bidirectional, dense, embedding, gru, lstm, masking, simpleRNN } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { sequential } from '../src/index.js';
import { ownedPerTest } from './owned.js';

const own = ownedPerTest();

// Token 0 is padding. Rows: padded at the end, padded at the start, padded in the middle, none.
const TOKENS = [
  [3, 1, 4, 0, 0],
  [0, 0, 2, 5, 1],
  [2, 0, 0, 6, 3],
  [1, 2, 3, 4, 5],
];

type Cell = 'lstm' | 'gru' | 'simpleRNN';

function ours(cell: Cell, returnSequences: boolean) {
  const rnn =
    cell === 'lstm'
      ? lstm({ units: 3, returnSequences })
      : cell === 'gru'
        ? gru({ units: 3, returnSequences, resetAfter: false })
        : simpleRNN({ units: 3, returnSequences });
  return own(
    sequential({
      layers: [embedding({ inputDim: 7, outputDim: 4, maskZero: true, inputLength: 5 }), rnn],
    }),
  );
}

function theirs(cell: Cell, returnSequences: boolean) {
  const config = { units: 3, returnSequences };
  // tfjs-layers defaults the gates to hard_sigmoid; Keras 3 (and Dendrite) to sigmoid.
  const gated = { ...config, recurrentActivation: 'sigmoid' as const };
  const rnn =
    cell === 'lstm'
      ? tfl.layers.lstm(gated)
      : cell === 'gru'
        ? tfl.layers.gru(gated)
        : tfl.layers.simpleRNN(config);
  return tfl.sequential({
    layers: [
      tfl.layers.embedding({ inputDim: 7, outputDim: 4, maskZero: true, inputLength: 5 }),
      rnn,
    ],
  });
}

describe('Keras masking through recurrent layers', () => {
  it.each([
    ['lstm', false],
    ['lstm', true],
    ['gru', false],
    ['gru', true],
    ['simpleRNN', false],
    ['simpleRNN', true],
  ] as Array<[Cell, boolean]>)(
    '%s (returnSequences %s) matches tfjs-layers with the same weights',
    (cell, returnSequences) => {
      const reference = theirs(cell, returnSequences);
      const model = ours(cell, returnSequences);
      model.setWeights(reference.getWeights());
      const x = own(tf.tensor2d(TOKENS, [4, 5], 'int32'));
      const want = reference.predict(tf.cast(x, 'float32')) as tf.Tensor;
      const got = own(model.predict(x) as tf.Tensor);
      expectClose(got, want, { atol: 1e-5, label: `${cell} masked output` });
      want.dispose();
      reference.dispose();
    },
  );

  it('Bidirectional LSTM over a masked Embedding matches tfjs-layers', () => {
    const reference = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: 7, outputDim: 4, maskZero: true, inputLength: 5 }),
        tfl.layers.bidirectional({
          layer: tfl.layers.lstm({ units: 2, recurrentActivation: 'sigmoid' }) as never,
        }),
      ],
    });
    const model = own(
      sequential({
        layers: [
          embedding({ inputDim: 7, outputDim: 4, maskZero: true, inputLength: 5 }),
          bidirectional({ layer: lstm({ units: 2 }) }),
        ],
      }),
    );
    model.setWeights(reference.getWeights());
    const x = own(tf.tensor2d(TOKENS, [4, 5], 'int32'));
    const want = reference.predict(tf.cast(x, 'float32')) as tf.Tensor;
    expectClose(own(model.predict(x) as tf.Tensor), want, { atol: 1e-5 });
    want.dispose();
    reference.dispose();
  });

  it('skips masked steps: padding anywhere leaves the final state as if it were not there', () => {
    const model = ours('lstm', false);
    const padded = own(tf.tensor2d([[2, 0, 0, 6, 3]], [1, 5], 'int32'));
    const shifted = own(tf.tensor2d([[0, 0, 2, 6, 3]], [1, 5], 'int32'));
    const a = own(model.predict(padded) as tf.Tensor);
    const b = own(model.predict(shifted) as tf.Tensor);
    // Both sequences are 2, 6, 3 once the padding is skipped.
    expectClose(a, b, { atol: 1e-6 });
  });

  it('repeats the previous output at masked steps of a returned sequence (Keras default)', () => {
    const model = ours('simpleRNN', true);
    const x = own(tf.tensor2d([[3, 1, 0, 4, 0]], [1, 5], 'int32'));
    const y = (model.predict(x) as tf.Tensor).arraySync() as number[][][];
    const steps = y[0] as number[][];
    expect(steps[2]).toEqual(steps[1]);
    expect(steps[4]).toEqual(steps[3]);
    expect(steps[3]).not.toEqual(steps[2]);
  });

  it('passes a Masking mask through Dense (supportsMasking) into the RNN, and trains', async () => {
    const model = own(
      sequential({
        layers: [
          masking({ maskValue: 0, inputShape: [4, 2] }),
          dense({ units: 3 }),
          lstm({ units: 2 }),
          dense({ units: 1 }),
        ],
      }),
    );
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = own(
      tf.tensor3d([
        [
          [1, 2],
          [0, 0],
          [3, 1],
          [0, 0],
        ],
      ]),
    );
    const trimmed = own(
      tf.tensor3d([
        [
          [0, 0],
          [1, 2],
          [0, 0],
          [3, 1],
        ],
      ]),
    );
    // With the mask reaching the LSTM, where the all-zero steps sit does not matter.
    const a = own(model.predict(x) as tf.Tensor);
    const b = own(model.predict(trimmed) as tf.Tensor);
    expectClose(a, b, { atol: 1e-6 });
    const y = own(tf.ones([1, 1]));
    const first = await model.fit(x, y, { epochs: 1, verbose: 0 });
    // After the first step made the optimizer's slots, training holds its tensor count.
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 3, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const losses = [...(first.history.loss as number[]), ...(history.history.loss as number[])];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[3] as number).toBeLessThan(losses[0] as number);
  });

  it('leaves masked steps out of the loss and the metrics (Keras: mean over unmasked steps)', async () => {
    const model = own(
      sequential({
        layers: [
          embedding({ inputDim: 7, outputDim: 4, maskZero: true, inputLength: 5 }),
          lstm({ units: 3, returnSequences: true }),
          dense({ units: 2, activation: 'softmax' }),
        ],
      }),
    );
    model.compile({
      optimizer: 'sgd',
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const x = own(tf.tensor2d(TOKENS, [4, 5], 'int32'));
    const labels = [
      [1, 0, 1, 1, 0],
      [0, 1, 1, 0, 1],
      [1, 1, 0, 0, 1],
      [0, 0, 1, 1, 0],
    ];
    const y = own(tf.tensor3d(labels.map((row) => row.map((v) => [v]))));
    const p = (model.predict(x) as tf.Tensor).arraySync() as number[][][];
    // Reference by hand: crossentropy and accuracy averaged over the 14 non-padding steps.
    let loss = 0;
    let correct = 0;
    let valid = 0;
    TOKENS.forEach((row, b) => {
      row.forEach((token, t) => {
        if (token === 0) return;
        const probs = (p[b] as number[][])[t] as number[];
        const label = (labels[b] as number[])[t] as number;
        loss -= Math.log(probs[label] as number);
        correct += (probs[1] as number) > (probs[0] as number) === (label === 1) ? 1 : 0;
        valid += 1;
      });
    });
    expect(valid).toBe(14);
    const result = await model.evaluate(x, y, { batchSize: 4, verbose: 0 });
    const { loss: evalLoss, accuracy: evalAccuracy } = result;
    expect(evalLoss).toBeCloseTo(loss / valid, 5);
    expect(evalAccuracy).toBeCloseTo(correct / valid, 6);
  });
});
