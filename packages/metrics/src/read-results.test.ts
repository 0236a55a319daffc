import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import * as metrics from './index.js';

describe('StatefulMetric.readResults', () => {
  it('reads many metrics in one go, each as its own result(), leaving no tensor', async () => {
    // Mean: (6 + 1 + 3) / (3 + 2) = 2 (a host count and a device count); AUC of a perfect
    // ranking: 1; Sum: 7; a fresh Mean: 0; a custom metric without state: 0.25.
    const mean = new metrics.Mean();
    const sum = tf.scalar(6);
    const values = tf.tensor1d([1, 3]);
    mean.updateSum(sum, 3);
    mean.update(values);
    const auc = new metrics.AUC();
    const labels = tf.tensor1d([0, 0, 1, 1]);
    const scores = tf.tensor1d([0.1, 0.4, 0.6, 0.9]);
    auc.update(labels, scores);
    const total = new metrics.Sum();
    const seven = tf.tensor1d([3, 4]);
    total.update(seven);
    const fresh = new metrics.Mean();
    const custom: metrics.Metric = {
      name: 'custom',
      update: () => {},
      result: () => 0.25,
      reset: () => {},
      dispose: () => {},
    };
    const list = [mean, auc, fresh, custom, total];
    const before = tf.memory().numTensors;
    const results = await metrics.StatefulMetric.readResults(list);
    expect(tf.memory().numTensors).toBe(before);
    expect(results).toEqual(list.map((m) => m.result()));
    expect(results).toEqual([2, 1, 0, 0.25, 7]);
    for (const m of list) m.dispose();
    tf.dispose([sum, values, labels, scores, seven]);
    await expect(metrics.StatefulMetric.readResults([mean])).rejects.toThrow(tf.DisposedError);
  });
});
