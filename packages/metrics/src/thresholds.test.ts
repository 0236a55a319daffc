import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expected, expectedList, feedBatches, fixtures } from '../test/fixtures.js';
import * as metrics from './index.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';

const b = fixtures.binary;
const c = fixtures.categorical;
const THRESHOLDS = expectedList(b, 'thresholdList');

describe('Precision and Recall with a list of thresholds (NumPy fixtures, uneven batches)', () => {
  it('give one value per threshold through resultArray()', () => {
    const precision = new Precision({ thresholds: THRESHOLDS });
    const recall = new Recall({ thresholds: THRESHOLDS });
    const weighted = new Recall({ thresholds: THRESHOLDS });
    feedBatches(precision, b.batches, b.yTrue, b.yPred);
    feedBatches(recall, b.batches, b.yTrue, b.yPred);
    feedBatches(weighted, b.batches, b.yTrue, b.yPred, b.weights);
    expectClose(precision.resultArray(), expectedList(b, 'precisionList'));
    expectClose(recall.resultArray(), expectedList(b, 'recallList'));
    expectClose(weighted.resultArray(), expectedList(b, 'recallListWeighted'));
    expect(() => precision.result()).toThrow(
      "Precision 'precision' has 3 thresholds, so one value per threshold; read them with resultArray()",
    );
    // a single threshold: result() and resultArray() agree
    const single = new Precision({ thresholds: 0.5 });
    feedBatches(single, b.batches, b.yTrue, b.yPred);
    expectClose(single.resultArray(), [expected(b, 'precision')]);
    expectClose(single.result(), expected(b, 'precision'));
    for (const m of [precision, recall, weighted, single]) m.dispose();
  });

  it('topK counts the k highest predictions per row as positive', () => {
    const top2 = new Precision({ topK: 2 });
    const top2Weighted = new Precision({ topK: 2 });
    const recallTop2 = new Recall({ topK: 2 });
    const top2Above = new Precision({ topK: 2, thresholds: 0.2 });
    feedBatches(top2, c.batches, c.oneHot, c.yPred);
    feedBatches(top2Weighted, c.batches, c.oneHot, c.yPred, c.weights);
    feedBatches(recallTop2, c.batches, c.oneHot, c.yPred);
    feedBatches(top2Above, c.batches, c.oneHot, c.yPred);
    expectClose(top2.result(), expected(c, 'precisionTop2'));
    expectClose(top2Weighted.result(), expected(c, 'precisionTop2Weighted'));
    expectClose(recallTop2.result(), expected(c, 'recallTop2'));
    expectClose(top2Above.result(), expected(c, 'precisionTop2Threshold02'));
    // Keras' docstring: labels [0, 0, 1, 1], all predictions 1, top_k=2 keeps entries 0 and 1
    // (ties resolved to the lower index): tp 0, fp 2 -> 0
    const tie = new Precision({ topK: 2 });
    tie.update(tf.tensor2d([[0, 0, 1, 1]]), tf.tensor2d([[1, 1, 1, 1]]));
    expect(tie.result()).toBe(0);
    for (const m of [top2, top2Weighted, recallTop2, top2Above, tie]) m.dispose();
  });

  it('classId counts one column only', () => {
    const precision = new Precision({ classId: 2, thresholds: 0.3 });
    const recall = new Recall({ classId: 2, thresholds: 0.3 });
    feedBatches(precision, c.batches, c.oneHot, c.yPred);
    feedBatches(recall, c.batches, c.oneHot, c.yPred);
    expectClose(precision.result(), expected(c, 'precisionClass2'));
    expectClose(recall.result(), expected(c, 'recallClass2'));
    expect(() => precision.update(tf.zeros([4]), tf.zeros([4]))).toThrow(
      'Precision: `classId` 2 needs yPred of shape [batch, numClasses > 2]; received yPred [4]',
    );
    expect(() => recall.update(tf.zeros([4, 2]), tf.zeros([4, 2]))).toThrow(
      'Recall: `classId` 2 needs yPred of shape [batch, numClasses > 2]; received yPred [4, 2]',
    );
    precision.dispose();
    recall.dispose();
  });

  it('validates thresholds, topK and classId, and round-trips its config', () => {
    expect(() => new Precision({ thresholds: [0.2, 1.5] })).toThrow(
      'Precision: `thresholds[1]` must be a finite number in [0, 1]; received 1.5',
    );
    expect(() => new Recall({ thresholds: [] })).toThrow(
      'Recall: `thresholds` must be a number or a non-empty list of numbers; received []',
    );
    expect(() => new Precision({ topK: 0 })).toThrow(
      'Precision: `topK` must be an integer >= 1; received 0',
    );
    expect(() => new Recall({ classId: 1.5 })).toThrow(
      'Recall: `classId` must be an integer >= 0; received 1.5',
    );
    for (const config of [
      { thresholds: [0.2, 0.5], classId: 1, name: 'p' },
      { topK: 3 },
      { topK: 2, thresholds: 0.4 },
    ]) {
      const metric = new Precision(config);
      expect(metric.getConfig()).toEqual({ name: config.name ?? 'precision', ...config });
      expect(Precision.fromConfig(metric.getConfig()).getConfig()).toEqual(metric.getConfig());
      const recall = new Recall(config);
      expect(Recall.fromConfig(recall.getConfig()).getConfig()).toEqual(recall.getConfig());
    }
  });

  it('keeps two state tensors of length 3, no growth, freed by dispose', async () => {
    const metric = new Precision({ thresholds: THRESHOLDS, topK: 1 });
    const t = tf.tensor2d([0, 1, 1, 0], [2, 2]);
    const p = tf.tensor2d([0.3, 0.7, 0.4, 0.6], [2, 2]);
    await expectNoLeak(() => metric.update(t, p), { delta: 2 });
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) metric.update(t, p);
      metric.resultArray();
      metric.reset();
    });
    // after reset: row 0 keeps 0.7 (label 1), row 1 keeps 0.6 (label 0):
    // thresholds 0.2, 0.5 -> tp 1, fp 1 -> 0.5; threshold 0.8 -> nothing positive -> 0
    metric.update(t, p);
    expectClose(metric.resultArray(), [0.5, 0.5, 0]);
    await expectNoLeak(() => metric.dispose(), { delta: -2 });
    tf.dispose([t, p]);
  });
});

describe('TruePositives, metrics.FalsePositives, metrics.TrueNegatives, FalseNegatives', () => {
  it('count per threshold over uneven batches (NumPy fixtures)', () => {
    const cases: Array<
      [
        (
          | metrics.TruePositives
          | metrics.FalsePositives
          | metrics.TrueNegatives
          | metrics.FalseNegatives
        ),
        string,
      ]
    > = [
      [new metrics.TruePositives({ thresholds: THRESHOLDS }), 'truePositives'],
      [new metrics.FalsePositives({ thresholds: THRESHOLDS }), 'falsePositives'],
      [new metrics.TrueNegatives({ thresholds: THRESHOLDS }), 'trueNegatives'],
      [new metrics.FalseNegatives({ thresholds: THRESHOLDS }), 'falseNegatives'],
    ];
    for (const [metric, key] of cases) {
      feedBatches(metric, b.batches, b.yTrue, b.yPred);
      expectClose(metric.resultArray(), expectedList(b, key), { label: key });
      metric.dispose();
    }
    const weighted = new metrics.FalsePositives({ thresholds: THRESHOLDS });
    feedBatches(weighted, b.batches, b.yTrue, b.yPred, b.weights);
    expectClose(weighted.resultArray(), expectedList(b, 'falsePositivesWeighted'), { rtol: 1e-5 });
    weighted.dispose();
  });

  it("match Keras' docstring examples with the default threshold 0.5", () => {
    // labels [0, 1, 1, 1], predictions [1, 0, 1, 1]: tp at indices 2, 3 -> 2;
    // with weights [0, 0, 1, 0] only index 2 counts -> 1
    const tp = new metrics.TruePositives();
    expect(tp.name).toBe('true_positives');
    tp.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1]));
    expect(tp.result()).toBe(2);
    tp.reset();
    tp.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1]), tf.tensor1d([0, 0, 1, 0]));
    expect(tp.result()).toBe(1);
    // labels [0, 1, 0, 0], predictions [1, 1, 0, 0]: tn at indices 2, 3 -> 2
    const tn = new metrics.TrueNegatives();
    tn.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([1, 1, 0, 0]));
    expect(tn.result()).toBe(2);
    expect(new metrics.FalsePositives().name).toBe('false_positives');
    expect(new metrics.FalseNegatives().name).toBe('false_negatives');
    tp.dispose();
    tn.dispose();
  });

  it('keeps one state tensor, validates and round-trips', async () => {
    const metric = new metrics.FalseNegatives({ thresholds: [0.1, 0.9] });
    const t = tf.tensor1d([1, 0, 1]);
    const p = tf.tensor1d([0.5, 0.2, 0.95]);
    await expectNoLeak(() => metric.update(t, p), { delta: 1 });
    await expectNoLeak(() => {
      metric.update(t, p);
      metric.resultArray();
      metric.reset();
    });
    await expectNoLeak(() => metric.dispose(), { delta: -1 });
    tf.dispose([t, p]);
    expect(() => new metrics.TruePositives({ thresholds: -0.1 })).toThrow(
      'TruePositives: `thresholds` must be a finite number in [0, 1]; received -0.1',
    );
    const config = new metrics.TrueNegatives({ thresholds: [0.3, 0.6] }).getConfig();
    expect(config).toEqual({ name: 'true_negatives', thresholds: [0.3, 0.6] });
    expect(metrics.TrueNegatives.fromConfig(config).getConfig()).toEqual(config);
  });
});
