import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expected, fixtures, resultAfterBatches } from '../test/fixtures.js';
import { AUC, aucThresholds } from './auc.js';
import type { Metric } from './metric.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';

const b = fixtures.binary;

const feed = (metric: Metric, weighted = false): number =>
  resultAfterBatches(metric, b.batches, b.yTrue, b.yPred, weighted ? b.weights : undefined);

describe('Precision and Recall (NumPy fixtures, uneven batches)', () => {
  it('match the fixture with default, weighted and custom thresholds', () => {
    expectClose(feed(new Precision()), expected(b, 'precision'));
    expectClose(feed(new Precision(), true), expected(b, 'precisionWeighted'));
    expectClose(feed(new Precision({ thresholds: 0.3 })), expected(b, 'precisionThreshold03'));
    expectClose(feed(new Recall()), expected(b, 'recall'));
    expectClose(feed(new Recall(), true), expected(b, 'recallWeighted'));
    expectClose(feed(new Recall({ thresholds: 0.3 })), expected(b, 'recallThreshold03'));
  });

  it('hand-worked: a prediction equal to the threshold is negative', () => {
    // labels [1, 0, 1, 1], predictions [0.9, 0.8, 0.5, 0.1]: tp = 1 (0.9), fp = 1 (0.8), fn = 2
    const precision = new Precision();
    const recall = new Recall();
    for (const metric of [precision, recall]) {
      metric.update(tf.tensor1d([1, 0, 1, 1]), tf.tensor1d([0.9, 0.8, 0.5, 0.1]));
    }
    expect(precision.result()).toBeCloseTo(0.5, 6); // 1 / (1 + 1)
    expect(recall.result()).toBeCloseTo(1 / 3, 6); // 1 / (1 + 2)
    precision.reset();
    expect(precision.result()).toBe(0); // nothing predicted positive: 0, not NaN
    precision.dispose();
    recall.dispose();
  });
});

describe('AUC', () => {
  it("uses Keras' thresholds with epsilon ends", () => {
    // 5 thresholds: -1e-7, 1/4, 2/4, 3/4, 1 + 1e-7
    expect(aucThresholds(5)).toEqual([-1e-7, 0.25, 0.5, 0.75, 1 + 1e-7]);
  });

  it('matches the NumPy thresholded algorithm for every curve and summation', () => {
    const a = b.auc;
    expectClose(feed(new AUC()), a.roc!, { label: 'roc' });
    expectClose(feed(new AUC(), true), a.rocWeighted!, { label: 'roc weighted' });
    expectClose(feed(new AUC({ numThresholds: 50 })), a.roc50!, { label: 'roc 50' });
    expectClose(feed(new AUC({ summationMethod: 'minoring' })), a.rocMinoring!);
    expectClose(feed(new AUC({ summationMethod: 'majoring' })), a.rocMajoring!);
    expectClose(feed(new AUC({ curve: 'PR' })), a.pr!, { label: 'pr' });
    expectClose(feed(new AUC({ curve: 'PR' }), true), a.prWeighted!, { label: 'pr weighted' });
    expectClose(feed(new AUC({ curve: 'PR', summationMethod: 'minoring' })), a.prMinoring!);
  });

  it('is close to the exact rank-based ROC AUC', () => {
    const value = feed(new AUC({ numThresholds: 1000 }));
    expect(Math.abs(value - b.exactRocAuc)).toBeLessThan(2e-3);
    // a perfect ranking gives 1
    const perfect = new AUC();
    perfect.update(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0.1, 0.4, 0.6, 0.95]));
    expect(perfect.result()).toBeCloseTo(1, 6);
    perfect.dispose();
  });

  it('keeps four state tensors, no growth across updates, freed by dispose', async () => {
    const auc = new AUC({ numThresholds: 20 });
    const t = tf.tensor1d(b.yTrue);
    const p = tf.tensor1d(b.yPred);
    await expectNoLeak(() => auc.update(t, p), { delta: 4 });
    await expectNoLeak(() => {
      for (let i = 0; i < 10; i++) auc.update(t, p);
      auc.result();
      auc.reset();
    });
    await expectNoLeak(() => auc.dispose(), { delta: -4 });
    tf.dispose([t, p]);
  });

  it('validates its config and round-trips it', () => {
    expect(() => new AUC({ numThresholds: 1 })).toThrow(
      'AUC: `numThresholds` must be an integer > 1; received 1',
    );
    expect(() => new AUC({ curve: 'roc' as 'ROC' })).toThrow(
      "AUC: `curve` must be one of 'ROC', 'PR'; received \"roc\"",
    );
    expect(() => new Precision({ thresholds: 2 })).toThrow(
      'Precision: `thresholds` must be a finite number in [0, 1]; received 2',
    );
    const auc = new AUC({
      curve: 'PR',
      numThresholds: 10,
      summationMethod: 'majoring',
      name: 'pr_auc',
    });
    expect(auc.getConfig()).toEqual({
      name: 'pr_auc',
      numThresholds: 10,
      curve: 'PR',
      summationMethod: 'majoring',
      multiLabel: false,
      fromLogits: false,
    });
    expect(AUC.fromConfig(auc.getConfig()).getConfig()).toEqual(auc.getConfig());
    const precision = new Precision({ thresholds: 0.3 });
    expect(Precision.fromConfig(precision.getConfig()).getConfig()).toEqual(precision.getConfig());
    const recall = new Recall();
    expect(Recall.fromConfig(recall.getConfig()).getConfig()).toEqual({
      name: 'recall',
      thresholds: 0.5,
    });
  });

  it('rejects mismatched shapes', () => {
    const auc = new AUC();
    expect(() => auc.update(tf.zeros([3]), tf.zeros([4]))).toThrow(
      'AUC: `yTrue` and `yPred` must have the same shape; received yTrue [3] and yPred [4]',
    );
    auc.dispose();
  });
});
