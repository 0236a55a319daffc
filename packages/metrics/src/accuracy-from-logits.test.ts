import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import * as metrics from './index.js';

// Three rows of logits: row 0 predicts class 2 (label 2, hit), row 1 ties classes 0 and 1 (class
// 0 wins; label 1, miss), row 2 predicts class 1 (label 1, hit): 2 hits of 3 in the first batch;
// the second batch's one row predicts class 0 (label 0, hit): 3 of 4 in all.
const logits = [
  [0.1, 0.2, 3],
  [2, 2, -1],
  [0, 5, 1],
];
const labels = [
  [0, 0, 1],
  [0, 1, 0],
  [0, 1, 0],
];

type FromLogits = metrics.Metric & {
  updateFromLogits(t: tf.Tensor, l: tf.Tensor, w?: tf.Tensor): boolean;
};

const makers: Array<[string, () => FromLogits]> = [
  ['AutoAccuracy', () => new metrics.AutoAccuracy() as FromLogits],
  [
    'AutoAccuracy (categorical)',
    () => new metrics.AutoAccuracy({ variant: 'categorical' }) as FromLogits,
  ],
  ['CategoricalAccuracy', () => new metrics.CategoricalAccuracy() as unknown as FromLogits],
];

describe('accuracy from logits (the engine’s fused softmax outputs)', () => {
  it.each(makers)('%s takes logits and equals update(softmax(logits))', (_, make) => {
    const fromLogits = make();
    const fromProbabilities = make();
    const batches: Array<[number[][], number[][]]> = [
      [labels, logits],
      [[[1, 0, 0]], [[4, -1, 0]]],
    ];
    for (const [t, l] of batches) {
      const yTrue = tf.tensor2d(t);
      const z = tf.tensor2d(l);
      expect(fromLogits.updateFromLogits(yTrue, z)).toBe(true);
      const p = tf.softmax(z);
      fromProbabilities.update(yTrue, p);
      tf.dispose([yTrue, z, p]);
    }
    expect(fromLogits.result()).toBe(0.75);
    expect(fromProbabilities.result()).toBe(0.75);
    fromLogits.dispose();
    fromProbabilities.dispose();
  });

  it.each(makers)('%s takes hit counts made elsewhere, as from its logits', (_, make) => {
    const fromHits = make();
    const fromLogits = make();
    expect(fromHits.countsAccuracyHits?.('categorical', 3)).toBe(true);
    const yTrue = tf.tensor2d(labels);
    const z = tf.tensor2d(logits);
    fromLogits.updateFromLogits(yTrue, z);
    fromHits.addAccuracyHits?.('categorical', 2, 3);
    fromLogits.updateFromLogits(yTrue, z);
    fromHits.addAccuracyHits?.('categorical', 2, 3);
    expect(fromHits.result()).toBe(fromLogits.result());
    expect(fromHits.result()).toBeCloseTo(2 / 3, 6);
    tf.dispose([yTrue, z]);
    fromHits.dispose();
    fromLogits.dispose();
  });

  it('takes hit counts of sparse labels as sparse categorical accuracy', () => {
    const indices = tf.tensor1d([2, 1, 1]);
    const z = tf.tensor2d(logits);
    const p = tf.softmax(z);
    for (const make of [
      () => new metrics.SparseCategoricalAccuracy() as metrics.Metric,
      () => new metrics.AutoAccuracy() as metrics.Metric,
    ]) {
      const [fromHits, fromProbabilities] = [make(), make()];
      expect(fromHits.countsAccuracyHits?.('sparse', 3)).toBe(true);
      expect(fromHits.countsAccuracyHits?.('categorical', 3)).toBe(
        fromHits instanceof metrics.AutoAccuracy,
      );
      fromHits.addAccuracyHits?.('sparse', 2, 3);
      fromProbabilities.update(indices, p);
      expect(fromHits.result()).toBe(fromProbabilities.result());
      // Resolved as sparse, the automatic accuracy takes no categorical counts any more.
      expect(fromHits.countsAccuracyHits?.('categorical', 3)).toBe(false);
      fromHits.dispose();
      fromProbabilities.dispose();
    }
    tf.dispose([indices, z, p]);
  });

  it('takes hit counts only as the accuracy of those labels', () => {
    expect(new metrics.AutoAccuracy().countsAccuracyHits('categorical', 1)).toBe(false);
    expect(
      new metrics.AutoAccuracy({ variant: 'sparseCategorical' }).countsAccuracyHits(
        'categorical',
        3,
      ),
    ).toBe(false);
    const binary: metrics.Metric = new metrics.BinaryAccuracy();
    expect(binary.countsAccuracyHits?.('categorical', 3)).toBe(false);
    expect(() => binary.addAccuracyHits?.('categorical', 1, 2)).toThrow(
      /binary_accuracy: not the accuracy of categorical labels/,
    );
    const categorical: metrics.Metric = new metrics.CategoricalAccuracy();
    expect(categorical.countsAccuracyHits?.('sparse', 3)).toBe(false);
    expect((new metrics.Precision() as metrics.Metric).countsAccuracyHits).toBeUndefined();
  });

  it('declines weighted batches, sparse labels and other ranks, accumulating nothing', () => {
    const metric = new metrics.AutoAccuracy();
    const z = tf.tensor2d(logits);
    const yTrue = tf.tensor2d(labels);
    expect(metric.updateFromLogits(yTrue, z, tf.ones([3]))).toBe(false);
    const sparse = new metrics.AutoAccuracy();
    expect(sparse.updateFromLogits(tf.tensor1d([2, 1, 1]), z)).toBe(false);
    expect(sparse.variant).toBe('sparseCategorical');
    const categorical = new metrics.CategoricalAccuracy() as unknown as FromLogits;
    expect(categorical.updateFromLogits(tf.zeros([1, 2, 3]), tf.zeros([1, 2, 3]))).toBe(false);
    expect(metric.result()).toBe(0);
    expect(categorical.result()).toBe(0);
    for (const m of [metric, sparse, categorical]) m.dispose();
  });

  it('leaves no tensors behind beyond the state made on first use', async () => {
    const metric = new metrics.AutoAccuracy() as FromLogits;
    const z = tf.tensor2d(logits);
    const yTrue = tf.tensor2d(labels);
    // On a host backend (cpu here) the totals stay on the host: no state tensors at all.
    await expectNoLeak(() => metric.updateFromLogits(yTrue, z));
    await expectNoLeak(() => metric.updateFromLogits(yTrue, z));
    metric.dispose();
    tf.dispose([z, yTrue]);
  });
});
