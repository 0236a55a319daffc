import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expected, fixtures, resultAfterBatches } from '../test/fixtures.js';
import * as metrics from './index.js';
import type { Metric } from './metric.js';

const b = fixtures.binary;
const c = fixtures.categorical;

const feed = (metric: Metric, sizes: number[], yTrue: unknown[], yPred: unknown[], w?: number[]) =>
  resultAfterBatches(metric, sizes, yTrue as number[], yPred as number[], w);

describe('accuracy metrics over uneven batches (NumPy fixtures)', () => {
  it('binary accuracy, weighted and with another threshold', () => {
    expect(new metrics.BinaryAccuracy().name).toBe('binary_accuracy');
    expectClose(
      feed(new metrics.BinaryAccuracy(), b.batches, b.yTrue, b.yPred),
      expected(b, 'binaryAccuracy'),
    );
    expectClose(
      feed(new metrics.BinaryAccuracy(), b.batches, b.yTrue, b.yPred, b.weights),
      expected(b, 'binaryAccuracyWeighted'),
    );
    expectClose(
      feed(new metrics.BinaryAccuracy({ threshold: 0.7 }), b.batches, b.yTrue, b.yPred),
      expected(b, 'binaryAccuracyThreshold07'),
    );
  });

  it('categorical and sparse categorical accuracy agree with the fixture', () => {
    expectClose(
      feed(new metrics.CategoricalAccuracy(), c.batches, c.oneHot, c.yPred),
      expected(c, 'accuracy'),
    );
    expectClose(
      feed(new metrics.SparseCategoricalAccuracy(), c.batches, c.labels, c.yPred, c.weights),
      expected(c, 'accuracyWeighted'),
    );
    const column = c.labels.map((label) => [label]);
    expectClose(
      feed(new metrics.SparseCategoricalAccuracy(), c.batches, column, c.yPred),
      expected(c, 'accuracy'),
    );
  });

  it('top-k accuracy for one-hot and integer labels', () => {
    expectClose(
      feed(new metrics.TopKCategoricalAccuracy({ k: 2 }), c.batches, c.oneHot, c.yPred),
      expected(c, 'topK2'),
    );
    expectClose(
      feed(
        new metrics.SparseTopKCategoricalAccuracy({ k: 2 }),
        c.batches,
        c.labels,
        c.yPred,
        c.weights,
      ),
      expected(c, 'topK2Weighted'),
    );
    // default k = 5 with 5 classes: every sample is a hit
    expectClose(
      feed(new metrics.SparseTopKCategoricalAccuracy(), c.batches, c.labels, c.yPred),
      expected(c, 'topK5'),
    );
    expect(expected(c, 'topK5')).toBe(1);
  });
});

describe('accuracy functions, hand-worked', () => {
  it('counts boundary ties as top-k hits and out-of-range labels as misses', () => {
    // scores [0.5, 0.3, 0.3]: label 2 has one strictly greater score (< k = 2), so it is a hit
    const scores = tf.tensor2d([[0.5, 0.3, 0.3]]);
    expectClose(metrics.topKCategoricalAccuracy(tf.tensor2d([[0, 0, 1]]), scores, { k: 2 }), [1]);
    expectClose(metrics.topKCategoricalAccuracy(tf.tensor2d([[0, 0, 1]]), scores, { k: 1 }), [0]);
    expectClose(metrics.sparseTopKCategoricalAccuracy(tf.tensor1d([7]), scores, { k: 3 }), [0]);
  });

  it('functions return one value per sample and leak nothing', async () => {
    const labels = tf.tensor1d([1, 0]);
    const oneHot = tf.tensor2d([0, 1, 1, 0], [2, 2]);
    const scores = tf.tensor2d([0.3, 0.7, 0.4, 0.6], [2, 2]);
    // argmax [1, 1] against labels [1, 0]
    expectClose(metrics.categoricalAccuracy(oneHot, scores), [1, 0]);
    expectClose(metrics.sparseCategoricalAccuracy(labels, scores), [1, 0]);
    // scores > 0.5 = [[0, 1], [0, 1]]; against [[0, 1], [1, 0]] the per-sample means are [1, 0]
    expectClose(metrics.binaryAccuracy(oneHot, scores), [1, 0]);
    for (const fn of [
      () => metrics.categoricalAccuracy(oneHot, scores),
      () => metrics.sparseCategoricalAccuracy(labels, scores),
      () => metrics.binaryAccuracy(oneHot, scores),
      () => metrics.topKCategoricalAccuracy(oneHot, scores, { k: 1 }),
      () => metrics.sparseTopKCategoricalAccuracy(labels, scores, { k: 1 }),
    ]) {
      await expectNoLeak(fn);
    }
    tf.dispose([labels, oneHot, scores]);
  });

  it('validates options and shapes', () => {
    expect(() => new metrics.TopKCategoricalAccuracy({ k: 0 })).toThrow(
      'TopKCategoricalAccuracy: `k` must be an integer >= 1; received 0',
    );
    expect(() => new metrics.BinaryAccuracy({ threshold: Number.NaN })).toThrow(
      'BinaryAccuracy: `threshold` must be a finite number; received NaN',
    );
    const metric = new metrics.SparseCategoricalAccuracy();
    expect(() => metric.update(tf.zeros([3]), tf.zeros([4, 2]))).toThrow(
      'sparseCategoricalAccuracy: `yTrue` must have shape [4] or [4, 1] for yPred [4, 2]; received yTrue [3]',
    );
    metric.dispose();
  });

  it('leaks nothing per update and round-trips configs', async () => {
    const yTrue = tf.tensor2d(c.oneHot);
    const yPred = tf.tensor2d(c.yPred);
    for (const metric of [
      new metrics.CategoricalAccuracy(),
      new metrics.TopKCategoricalAccuracy({ k: 3, name: 'top3' }),
    ]) {
      await expectNoLeak(() => metric.update(yTrue, yPred), { delta: 2 });
      await expectNoLeak(() => {
        for (let i = 0; i < 10; i++) metric.update(yTrue, yPred);
        return metric.result();
      });
      await expectNoLeak(() => metric.dispose(), { delta: -2 });
    }
    for (const metric of [
      new metrics.BinaryAccuracy({ threshold: 0.3 }),
      new metrics.CategoricalAccuracy({ name: 'acc' }),
      new metrics.SparseCategoricalAccuracy(),
      new metrics.TopKCategoricalAccuracy({ k: 3 }),
      new metrics.SparseTopKCategoricalAccuracy({ k: 2 }),
    ]) {
      const cls = metric.constructor as unknown as {
        fromConfig(c: tf.ConfigDict): { getConfig(): tf.ConfigDict };
      };
      expect(cls.fromConfig(metric.getConfig()).getConfig()).toEqual(metric.getConfig());
    }
    expect(new metrics.TopKCategoricalAccuracy({ k: 3 }).getConfig()).toEqual({
      name: 'top_k_categorical_accuracy',
      k: 3,
    });
    tf.dispose([yTrue, yPred]);
  });
});
