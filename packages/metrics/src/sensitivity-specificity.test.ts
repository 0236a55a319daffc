import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expected, fixtures, resultAfterBatches } from '../test/fixtures.js';
import * as metrics from './index.js';

const b = fixtures.binary;

const run = (metric: metrics.ConstrainedRate, weighted = false): number =>
  resultAfterBatches(metric, b.batches, b.yTrue, b.yPred, weighted ? b.weights : undefined);

describe('rates at a constraint (NumPy fixtures over 200 thresholds, uneven batches)', () => {
  it('match the brute-force reference', () => {
    expectClose(
      run(new metrics.SensitivityAtSpecificity({ specificity: 0.7 })),
      expected(b, 'sensitivityAtSpecificity07'),
    );
    expectClose(
      run(new metrics.SensitivityAtSpecificity({ specificity: 0.7 }), true),
      expected(b, 'sensitivityAtSpecificity07Weighted'),
    );
    expectClose(
      run(new metrics.SpecificityAtSensitivity({ sensitivity: 0.8 })),
      expected(b, 'specificityAtSensitivity08'),
    );
    expectClose(
      run(new metrics.PrecisionAtRecall({ recall: 0.6 })),
      expected(b, 'precisionAtRecall06'),
    );
    expectClose(
      run(new metrics.PrecisionAtRecall({ recall: 0.6, numThresholds: 50 })),
      expected(b, 'precisionAtRecall06N50'),
    );
    expectClose(
      run(new metrics.RecallAtPrecision({ precision: 0.7 })),
      expected(b, 'recallAtPrecision07'),
    );
    expectClose(
      run(new metrics.RecallAtPrecision({ precision: 0.7 }), true),
      expected(b, 'recallAtPrecision07Weighted'),
      { rtol: 1e-5 },
    );
  });

  it("match Keras' docstring examples", () => {
    // labels [0, 0, 0, 1, 1], predictions [0, 0.3, 0.8, 0.3, 0.8]: thresholds in (0.3, 0.8)
    // give specificity 2/3 and sensitivity 1/2; lower ones sensitivity 1, specificity 1/3
    const t = () => tf.tensor1d([0, 0, 0, 1, 1]);
    const p = () => tf.tensor1d([0, 0.3, 0.8, 0.3, 0.8]);
    const sens = new metrics.SensitivityAtSpecificity({ specificity: 0.5 });
    sens.update(t(), p());
    expect(sens.result()).toBeCloseTo(0.5, 6);
    // weights [1, 1, 2, 2, 1]: specificity >= 0.5 needs t in (0.3, 0.8): sensitivity 1 / 3
    sens.reset();
    sens.update(t(), p(), tf.tensor1d([1, 1, 2, 2, 1]));
    expect(sens.result()).toBeCloseTo(1 / 3, 6);
    const spec = new metrics.SpecificityAtSensitivity({ sensitivity: 0.5 });
    spec.update(t(), p());
    expect(spec.result()).toBeCloseTo(2 / 3, 6);
    const par = new metrics.PrecisionAtRecall({ recall: 0.5 });
    par.update(t(), p());
    expect(par.result()).toBeCloseTo(0.5, 6); // t in (0.3, 0.8): tp 1, fp 1
    // labels [0, 0, 1, 1], predictions [0, 0.5, 0.3, 0.9]: precision >= 0.8 only above 0.5,
    // where recall is 1/2
    const rap = new metrics.RecallAtPrecision({ precision: 0.8 });
    rap.update(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0, 0.5, 0.3, 0.9]));
    expect(rap.result()).toBeCloseTo(0.5, 6);
    // a precision that is never reached gives 0
    const never = new metrics.RecallAtPrecision({ precision: 1, numThresholds: 3 });
    never.update(tf.tensor1d([0, 1]), tf.tensor1d([0.9, 0.1]));
    expect(never.result()).toBe(0);
    for (const m of [sens, spec, par, rap, never]) m.dispose();
  });

  it('classId picks one column', () => {
    // column 1: labels [1, 0, 1], predictions [0.9, 0.6, 0.2]. Recall >= 0.5 needs 0.9 counted
    // positive (thresholds below 0.9); at 0.6, 0.7, 0.8 only 0.9 is positive: precision 1 / 1
    const metric = new metrics.PrecisionAtRecall({ recall: 0.5, classId: 1, numThresholds: 11 });
    metric.update(
      tf.tensor2d([
        [0, 1],
        [1, 0],
        [0, 1],
      ]),
      tf.tensor2d([
        [0.1, 0.9],
        [0.4, 0.6],
        [0.8, 0.2],
      ]),
    );
    expect(metric.result()).toBeCloseTo(1, 6);
    metric.dispose();
  });

  it('keeps four state tensors, validates, names and round-trips', async () => {
    const metric = new metrics.SpecificityAtSensitivity({ sensitivity: 0.4, numThresholds: 5 });
    expect(metric.name).toBe('specificity_at_sensitivity');
    const t = tf.tensor1d([1, 0, 1]);
    const p = tf.tensor1d([0.5, 0.2, 0.95]);
    await expectNoLeak(() => metric.update(t, p), { delta: 4 });
    await expectNoLeak(() => {
      metric.update(t, p);
      metric.result();
      metric.reset();
    });
    await expectNoLeak(() => metric.dispose(), { delta: -4 });
    tf.dispose([t, p]);
    expect(() => new metrics.PrecisionAtRecall({ recall: 1.2 })).toThrow(
      'PrecisionAtRecall: `recall` must be a finite number in [0, 1]; received 1.2',
    );
    expect(() => new metrics.RecallAtPrecision({} as { precision: number })).toThrow(
      'RecallAtPrecision: `precision` must be a finite number in [0, 1]; received undefined',
    );
    expect(
      () => new metrics.SensitivityAtSpecificity({ specificity: 0.5, numThresholds: 0 }),
    ).toThrow('SensitivityAtSpecificity: `numThresholds` must be an integer >= 1; received 0');
    expect(new metrics.RecallAtPrecision({ precision: 0.5 }).name).toBe('recall_at_precision');
    expect(new metrics.PrecisionAtRecall({ recall: 0.5 }).name).toBe('precision_at_recall');
    expect(new metrics.SensitivityAtSpecificity({ specificity: 0.5 }).name).toBe(
      'sensitivity_at_specificity',
    );
    const config = new metrics.PrecisionAtRecall({
      recall: 0.7,
      classId: 2,
      numThresholds: 20,
    }).getConfig();
    expect(config).toEqual({
      name: 'precision_at_recall',
      numThresholds: 20,
      classId: 2,
      recall: 0.7,
    });
    expect(metrics.PrecisionAtRecall.fromConfig(config).getConfig()).toEqual(config);
    for (const m of [
      new metrics.SensitivityAtSpecificity({ specificity: 0.3 }),
      new metrics.SpecificityAtSensitivity({ sensitivity: 0.3 }),
      new metrics.RecallAtPrecision({ precision: 0.3 }),
    ]) {
      const cls = m.constructor as unknown as { fromConfig(c: tf.ConfigDict): typeof m };
      expect(cls.fromConfig(m.getConfig()).getConfig()).toEqual(m.getConfig());
    }
  });

  it('are Keras-named classes that read their required rate back', () => {
    const cases = [
      [new metrics.SensitivityAtSpecificity({ specificity: 0.1 }), 'SensitivityAtSpecificity', 0.1],
      [new metrics.SpecificityAtSensitivity({ sensitivity: 0.2 }), 'SpecificityAtSensitivity', 0.2],
      [new metrics.PrecisionAtRecall({ recall: 0.3 }), 'PrecisionAtRecall', 0.3],
      [new metrics.RecallAtPrecision({ precision: 0.4 }), 'RecallAtPrecision', 0.4],
    ] as const;
    const required = [
      cases[0][0].specificity,
      cases[1][0].sensitivity,
      cases[2][0].recall,
      cases[3][0].precision,
    ];
    expect(required).toEqual([0.1, 0.2, 0.3, 0.4]);
    for (const [metric, className] of cases) {
      expect(metric).toBeInstanceOf(metrics.ConstrainedRate);
      expect([metric.getClassName(), metric.constructor.name, metric.direction]).toEqual([
        className,
        className,
        'max',
      ]);
      metric.dispose();
    }
    expect(() => new metrics.PrecisionAtRecall({ recall: 2 })).toThrow(
      'PrecisionAtRecall: `recall` must be a finite number in [0, 1]; received 2',
    );
  });
});
