import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expected, fixtures, resultAfterBatches } from '../test/fixtures.js';
import * as metrics from './index.js';
import type { StatefulMetric } from './metric.js';
import { R2Score } from './r2-score.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';

const r = fixtures.regression;

const run = (metric: StatefulMetric, weighted = false): number =>
  resultAfterBatches(metric, r.batches, r.yTrue, r.yPred, weighted ? r.weights : undefined);

describe('regression metrics (NumPy fixtures, uneven batches)', () => {
  it('match the reference under their Keras log names', () => {
    const cases: Array<[StatefulMetric, string, string, boolean?]> = [
      [new metrics.MeanSquaredError(), 'mean_squared_error', 'mse'],
      [new metrics.MeanSquaredError(), 'mean_squared_error', 'mseWeighted', true],
      [new RootMeanSquaredError(), 'root_mean_squared_error', 'rmse'],
      [new RootMeanSquaredError(), 'root_mean_squared_error', 'rmseWeighted', true],
      [new metrics.MeanAbsoluteError(), 'mean_absolute_error', 'mae'],
      [new metrics.MeanAbsolutePercentageError(), 'mean_absolute_percentage_error', 'mape'],
      [new metrics.MeanSquaredLogarithmicError(), 'mean_squared_logarithmic_error', 'msle'],
      [new metrics.CosineSimilarity(), 'cosine_similarity', 'cosine'],
      [new metrics.CosineSimilarity(), 'cosine_similarity', 'cosineWeighted', true],
      [new metrics.LogCoshError(), 'logcosh', 'logcosh'],
      [new R2Score(), 'r2_score', 'r2'],
      [new R2Score(), 'r2_score', 'r2Weighted', true],
      [
        new R2Score({ classAggregation: 'variance_weighted_average' }),
        'r2_score',
        'r2VarianceWeighted',
      ],
      [new R2Score({ numRegressors: 3 }), 'r2_score', 'r2Adjusted3'],
    ];
    for (const [metric, name, key, weighted] of cases) {
      expect(metric.name).toBe(name);
      expectClose(run(metric, weighted), expected(r, key), { label: key, rtol: 2e-5 });
    }
  });

  it('RMSE is the root of the running mean, not a mean of batch roots', () => {
    // batch 1: errors [1, 1] -> mean 1; batch 2: errors [3] -> 9.
    // exact sqrt((1 + 1 + 9) / 3) = sqrt(11 / 3) ≈ 1.9149; mean of batch roots (1 + 3) / 2 = 2
    const rmse = new RootMeanSquaredError();
    rmse.update(tf.tensor1d([0, 0]), tf.tensor1d([1, -1]));
    rmse.update(tf.tensor1d([0]), tf.tensor1d([3]));
    expect(rmse.result()).toBeCloseTo(Math.sqrt(11 / 3), 6);
    rmse.dispose();
  });

  it("match Keras' docstring examples", () => {
    // R2: y [1, 4, 3], p [2, 4, 4]: SSres 2, mean 8/3, SStot 1/9*(25 + 16 + 1) = 42/9 -> 1 - 18/42
    const r2 = new R2Score();
    r2.update(tf.tensor2d([[1], [4], [3]]), tf.tensor2d([[2], [4], [4]]));
    expect(r2.result()).toBeCloseTo(1 - 18 / 42, 6);
    // cosine: rows [0,1]·[1,0] = 0 and [1,1]·[1,1] normalized = 1; weights [0.3, 0.7] -> 0.7
    const cosine = new metrics.CosineSimilarity({ axis: 1 });
    cosine.update(
      tf.tensor2d([
        [0, 1],
        [1, 1],
      ]),
      tf.tensor2d([
        [1, 0],
        [1, 1],
      ]),
      tf.tensor1d([0.3, 0.7]),
    );
    expect(cosine.result()).toBeCloseTo(0.7, 5);
    r2.dispose();
    cosine.dispose();
  });

  it('R2Score: a constant column with residuals scores 0; NaN before data; shape errors', () => {
    const r2 = new R2Score();
    expect(Number.isNaN(r2.result())).toBe(true);
    // column 0: y constant 2 with residual -> -inf -> 0; column 1: y [1, 3], p [1, 3] -> 1
    r2.update(
      tf.tensor2d([
        [2, 1],
        [2, 3],
      ]),
      tf.tensor2d([
        [1, 1],
        [2, 3],
      ]),
    );
    expect(r2.result()).toBeCloseTo(0.5, 6);
    expect(() => r2.update(tf.zeros([2, 3]), tf.zeros([2, 3]))).toThrow(
      'R2Score: `yTrue` and `yPred` must both have shape [batch, 2]; received yTrue [2, 3] and yPred [2, 3]',
    );
    expect(() => new R2Score().update(tf.zeros([2, 2, 2]), tf.zeros([2, 2, 2]))).toThrow(
      'R2Score: `yTrue` and `yPred` must both have shape [batch, outputs]; received yTrue [2, 2, 2] and yPred [2, 2, 2]',
    );
    expect(() => new R2Score({ classAggregation: 'none' as 'uniform_average' })).toThrow(
      "R2Score: `classAggregation` must be one of 'uniform_average', 'variance_weighted_average'; received \"none\"",
    );
    expect(() => new R2Score({ numRegressors: -1 })).toThrow(
      'R2Score: `numRegressors` must be an integer >= 0; received -1',
    );
    r2.dispose();
  });

  it('keep a fixed number of state tensors without growth', async () => {
    const t = tf.tensor2d(r.yTrue.slice(0, 4));
    const p = tf.tensor2d(r.yPred.slice(0, 4));
    const w = tf.tensor1d(r.weights.slice(0, 4));
    for (const [metric, states] of [
      [new RootMeanSquaredError(), 2],
      [new metrics.MeanSquaredError(), 2],
      [new metrics.CosineSimilarity(), 2],
      [new R2Score(), 5],
    ] as const) {
      await expectNoLeak(() => metric.update(t, p, w), { delta: states });
      await expectNoLeak(() => {
        for (let i = 0; i < 5; i++) metric.update(t, p, w);
        metric.result();
        metric.reset();
      });
      await expectNoLeak(() => metric.dispose(), { delta: -states });
    }
    tf.dispose([t, p, w]);
  });

  it('round-trip their configs', () => {
    for (const metric of [
      new metrics.MeanSquaredError({ name: 'mse' }),
      new RootMeanSquaredError(),
      new metrics.MeanAbsoluteError(),
      new metrics.MeanAbsolutePercentageError(),
      new metrics.MeanSquaredLogarithmicError(),
      new metrics.CosineSimilarity({ axis: 1 }),
      new metrics.LogCoshError(),
      new R2Score({ classAggregation: 'variance_weighted_average', numRegressors: 2 }),
    ]) {
      const cls = metric.constructor as unknown as { fromConfig(c: tf.ConfigDict): StatefulMetric };
      const restored = cls.fromConfig(metric.getConfig());
      expect(restored.getConfig()).toEqual(metric.getConfig());
      expect(restored.getClassName()).toBe(metric.getClassName());
    }
    expect(new metrics.CosineSimilarity({ axis: 1 }).getConfig()).toEqual({
      name: 'cosine_similarity',
      axis: 1,
    });
    expect(new R2Score().getConfig()).toEqual({
      name: 'r2_score',
      classAggregation: 'uniform_average',
      numRegressors: 0,
    });
    expect(() => new metrics.CosineSimilarity({ axis: 0.5 })).toThrow(
      'CosineSimilarity: `axis` must be an integer; received 0.5',
    );
  });
});
