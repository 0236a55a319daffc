import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { fixtures, tensorOf } from '../test/fixtures.js';
import { LossFunctionWrapper, reduceWeightedLoss } from './loss.js';
import { MeanSquaredError } from './loss-classes.js';

const r = fixtures.reductions;

describe('Loss reductions and sample weights (NumPy fixtures)', () => {
  const yTrue = tf.tensor2d(r.yTrue);
  const yPred = tf.tensor2d(r.yPred);
  const weights = tf.tensor1d(r.weights);

  it('defaults to sumOverBatchSize: sum of weighted losses / number of samples', async () => {
    const loss = new MeanSquaredError();
    expect(loss.reduction).toBe('sumOverBatchSize');
    expectClose(loss.apply(yTrue, yPred), r.unweightedSumOverBatchSize);
    expectClose(loss.apply(yTrue, yPred, weights), r.sumOverBatchSize);
    await expectNoLeak(() => loss.apply(yTrue, yPred, weights));
  });

  it('supports sum and none', () => {
    expectClose(new MeanSquaredError({ reduction: 'sum' }).apply(yTrue, yPred, weights), r.sum);
    const none = new MeanSquaredError({ reduction: 'none' }).apply(yTrue, yPred, weights);
    expect(none.shape).toEqual([4]);
    expectClose(none, r.none);
  });

  it('accepts weights of shape [batch, 1] and scalar weights', () => {
    const column = tf.reshape(weights, [4, 1]);
    expectClose(new MeanSquaredError().apply(yTrue, yPred, column), r.sumOverBatchSize);
    // a scalar weight 2 doubles the unweighted value
    expectClose(
      new MeanSquaredError().apply(yTrue, yPred, tf.scalar(2)),
      2 * r.unweightedSumOverBatchSize,
    );
  });

  it('broadcasts per-sequence weights over time steps', () => {
    const ts = r.timeSeries;
    const value = new MeanSquaredError().apply(
      tensorOf(ts.yTrue),
      tensorOf(ts.yPred),
      tf.tensor1d(ts.weights),
    );
    expectClose(value, ts.sumOverBatchSize);
  });

  it('rejects weights that do not broadcast, naming both shapes', () => {
    expect(() => new MeanSquaredError().apply(yTrue, yPred, tf.ones([3]))).toThrow(
      'sampleWeight of shape [3] does not broadcast to the per-sample losses of shape [4]',
    );
  });

  it('reduceWeightedLoss matches a hand-worked value', () => {
    // (1 * 1 + 3 * 0) / 2 = 0.5
    expectClose(
      reduceWeightedLoss(tf.tensor1d([1, 3]), tf.tensor1d([1, 0]), 'sumOverBatchSize'),
      0.5,
    );
  });
});

describe('Loss configuration', () => {
  it('validates reduction and name', () => {
    expect(() => new MeanSquaredError({ reduction: 'mean' as 'sum' })).toThrow(
      "MeanSquaredError: `reduction` must be one of 'sumOverBatchSize', 'sum', 'none'; received \"mean\"",
    );
    expect(() => new MeanSquaredError({ name: '' })).toThrow(
      'MeanSquaredError: `name` must be a non-empty string; received ""',
    );
  });

  it('wraps plain functions under their own name', async () => {
    const absSum = (t: tf.Tensor, p: tf.Tensor) => tf.sum(tf.abs(tf.sub(p, t)), -1);
    const loss = new LossFunctionWrapper({ fn: absSum, reduction: 'sum' });
    expect(loss.name).toBe('absSum');
    expect(loss.getClassName()).toBe('LossFunctionWrapper');
    // |1 - 0| + |2 - 0| + |0 - 1| = 4
    expectClose(
      loss.apply(
        tf.tensor2d([
          [0, 0],
          [1, 1],
        ]),
        tf.tensor2d([
          [1, 2],
          [0, 1],
        ]),
      ),
      4,
    );
    const [zeros, ones] = [tf.zeros([2, 2]), tf.ones([2, 2])];
    await expectNoLeak(() => loss.apply(zeros, ones));
    expect(() => new LossFunctionWrapper({ fn: 3 as unknown as typeof absSum })).toThrow(
      'LossFunctionWrapper: `fn` must be a function (yTrue, yPred) => Tensor; received 3',
    );
  });
});
