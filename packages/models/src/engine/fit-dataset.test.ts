import { Callback } from '@dendrite/callbacks';
import { dense } from '@dendrite/layers';
import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { sequential } from '../sequential.js';

const own = ownedPerTest();

const rows = [
  [1, 0],
  [0, 1],
  [1, 1],
  [2, -1],
  [0.5, 0.5],
  [-1, 2],
];
const targets = [[1], [-1], [0], [3], [0], [-3]];

function twins() {
  const make = () => {
    const m = sequential({
      layers: [dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })],
    });
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    own(m, m.optimizer as optimizers.Optimizer);
    return m;
  };
  return [make(), make()] as const;
}

describe('fitDataset', () => {
  it('matches fit on the same batches, re-iterating the source each epoch', async () => {
    const [a, b] = twins();
    const x = tf.tensor2d(rows);
    const y = tf.tensor2d(targets);
    own(x, y);
    await a.fit(x, y, { epochs: 3, batchSize: 2, shuffle: false, verbose: 0 });
    let iterations = 0;
    const source = {
      async *[Symbol.asyncIterator]() {
        iterations++;
        for (let i = 0; i < rows.length; i += 2) {
          yield { xs: tf.tensor2d(rows.slice(i, i + 2)), ys: tf.tensor2d(targets.slice(i, i + 2)) };
        }
      },
    };
    const counts: number[] = [];
    const recorder = new (class extends Callback {
      override onEpochEnd(): void {
        counts.push(tf.memory().numTensors);
      }
    })();
    const history = await b.fitDataset(source, { epochs: 3, verbose: 0, callbacks: recorder });
    expect(iterations).toBe(3);
    expect(history.history.loss?.length).toBe(3);
    // The batch tensors were disposed after use: no growth epoch over epoch, nor after.
    expect(new Set([...counts, tf.memory().numTensors]).size).toBe(1);
    const wa = a.getWeights();
    const wb = b.getWeights();
    wa.forEach((t, i) => {
      expectClose(wb[i] as tf.Tensor, t, { atol: 1e-6 });
    });
    tf.dispose([...wa, ...wb]);
  });

  it('accepts [x, y] batches, validation tensors and batchesPerEpoch', async () => {
    const [m] = twins();
    const batches = [
      [tf.tensor2d([rows[0] as number[]]), tf.tensor2d([targets[0] as number[]])],
      [tf.tensor2d([rows[1] as number[]]), tf.tensor2d([targets[1] as number[]])],
    ] as const;
    const vx = tf.tensor2d([[1, 1]]);
    const vy = tf.tensor2d([[2]]);
    own(vx, vy);
    // One batch per epoch: the first [x, y] pair; the second is never reached.
    const history = await m.fitDataset(
      {
        *[Symbol.iterator]() {
          yield batches[0];
        },
      },
      { epochs: 1, batchesPerEpoch: 1, validationData: [vx, vy], verbose: 0 },
    );
    // Zero weights predict 0: train loss (0 - 1)² = 1; after one step w = [0.2, 0], b = 0.2,
    // so the validation prediction is 0.4 and val_loss = (2 - 0.4)² = 2.56
    expectClose(
      [history.history.loss?.[0] as number, history.history.val_loss?.[0] as number],
      [1, 2.56],
    );
    tf.dispose(batches[1] as unknown as tf.Tensor[]);
  });
});

describe('trainOnBatch / testOnBatch', () => {
  it('runs one step and reports the batch loss', async () => {
    const [m] = twins();
    const x = tf.tensor2d([[1, 0]]);
    const y = tf.tensor2d([[1]]);
    own(x, y);
    // Before: prediction 0, loss 1. The step: grad w = 2 × (0 - 1) × [1, 0]; w = [0.2, 0], b = 0.2
    expect(await m.testOnBatch(x, y)).toBeCloseTo(1, 6);
    expect(await m.trainOnBatch(x, y)).toBeCloseTo(1, 6);
    // After: prediction 0.4, loss 0.36
    expect(await m.testOnBatch(x, y)).toBeCloseTo(0.36, 6);
  });
});

describe('fitDataset bad batches', () => {
  const batches = (list: Array<[number[][], number[][]]>) => ({
    *[Symbol.iterator]() {
      for (const [xs, ys] of list) yield { xs: tf.tensor2d(xs), ys: tf.tensor2d(ys) };
    },
  });

  it('a batch whose xs and ys differ in samples names both counts and the batch', async () => {
    const [m] = twins();
    await expect(
      m.fitDataset(batches([[rows.slice(0, 3), targets.slice(0, 2)]]), { verbose: 0 }),
    ).rejects.toThrow(
      /\.fitDataset \(batch 0\): `xs` and `ys` must have the same number of samples; received 3 and 2/,
    );
  });

  it('NaN or infinity in a batch is reported at the epoch end, without leaking', async () => {
    const [m] = twins();
    // A clean epoch first makes the optimizer and metric state that stays with the model.
    await m.fitDataset(batches([[rows.slice(0, 2), targets.slice(0, 2)]]), { verbose: 0 });
    const before = tf.memory().numTensors;
    await expect(
      m.fitDataset(
        batches([
          [rows.slice(0, 2), targets.slice(0, 2)],
          [rows.slice(2, 4), [[0], [Number.POSITIVE_INFINITY]]],
          [[[Number.NaN, 0]], [[0]]],
        ]),
        { verbose: 0 },
      ),
    ).rejects.toThrow(
      /\.fitDataset: batch 1 of epoch 0 contains NaN or infinity in `xs` or `ys`; data must be finite/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
