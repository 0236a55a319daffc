import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expected, fixtures, resultAfterBatches } from '../test/fixtures.js';
import * as metrics from './index.js';
import type { StatefulMetric } from './metric.js';

const f = fixtures.probabilistic;
type Arrays = [number[] | number[][], number[][], number[]?];

const run = (metric: StatefulMetric, [t, p, w]: Arrays): number =>
  resultAfterBatches(metric, f.batches, t, p, w);

describe('probabilistic and hinge metrics (NumPy fixtures, uneven batches)', () => {
  it('match the reference under their Keras log names', () => {
    const binary: Arrays = [f.binaryTrue, f.binaryProbs];
    const cases: Array<[StatefulMetric, string, string, Arrays]> = [
      [new metrics.BinaryCrossentropy(), 'binary_crossentropy', 'bce', binary],
      [
        new metrics.BinaryCrossentropy(),
        'binary_crossentropy',
        'bceWeighted',
        [f.binaryTrue, f.binaryProbs, f.weights],
      ],
      [
        new metrics.BinaryCrossentropy({ labelSmoothing: 0.2 }),
        'binary_crossentropy',
        'bceSmoothing02',
        binary,
      ],
      [
        new metrics.BinaryCrossentropy({ fromLogits: true }),
        'binary_crossentropy',
        'bceFromLogits',
        [f.binaryTrue, f.binaryLogits],
      ],
      [
        new metrics.CategoricalCrossentropy(),
        'categorical_crossentropy',
        'cce',
        [f.oneHot, f.probs],
      ],
      [
        new metrics.CategoricalCrossentropy(),
        'categorical_crossentropy',
        'cceWeighted',
        [f.oneHot, f.probs, f.weights],
      ],
      [
        new metrics.CategoricalCrossentropy({ labelSmoothing: 0.1 }),
        'categorical_crossentropy',
        'cceSmoothing01',
        [f.oneHot, f.probs],
      ],
      [
        new metrics.CategoricalCrossentropy({ fromLogits: true }),
        'categorical_crossentropy',
        'cceFromLogits',
        [f.oneHot, f.logits],
      ],
      [
        new metrics.SparseCategoricalCrossentropy(),
        'sparse_categorical_crossentropy',
        'scce',
        [f.labels, f.probs],
      ],
      [
        new metrics.SparseCategoricalCrossentropy({ fromLogits: true }),
        'sparse_categorical_crossentropy',
        'scceFromLogits',
        [f.labels, f.logits],
      ],
      [new metrics.KLDivergence(), 'kl_divergence', 'kld', [f.softTrue, f.probs]],
      [new metrics.Poisson(), 'poisson', 'poisson', [f.oneHot, f.probs]],
      [new metrics.Hinge(), 'hinge', 'hinge', [f.binaryTrue, f.binaryLogits]],
      [new metrics.SquaredHinge(), 'squared_hinge', 'squaredHinge', [f.binaryTrue, f.binaryLogits]],
      [
        new metrics.CategoricalHinge(),
        'categorical_hinge',
        'categoricalHinge',
        [f.oneHot, f.logits],
      ],
    ];
    for (const [metric, name, key, arrays] of cases) {
      expect(metric.name).toBe(name);
      expectClose(run(metric, arrays), expected(f, key), { label: key, rtol: 2e-5 });
    }
  });

  it("match Keras' docstring examples", () => {
    // BCE: labels [[0, 1], [0, 0]], predictions [[0.6, 0.4], [0.4, 0.6]]:
    // row 1 -(ln 0.4 + ln 0.4) / 2 = 0.91629, row 2 -(ln 0.6 + ln 0.4) / 2 = 0.71355; mean 0.81492
    const bce = new metrics.BinaryCrossentropy();
    const t = tf.tensor2d([0, 1, 0, 0], [2, 2]);
    const p = tf.tensor2d([0.6, 0.4, 0.4, 0.6], [2, 2]);
    bce.update(t, p);
    expect(bce.result()).toBeCloseTo((-2 * Math.log(0.4) - Math.log(0.6) - Math.log(0.4)) / 4, 5);
    // SCCE: labels [1, 2], predictions [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]:
    // -(ln 0.95 + ln 0.1) / 2 = 1.17694
    const scce = new metrics.SparseCategoricalCrossentropy();
    scce.update(tf.tensor1d([1, 2]), tf.tensor2d([0.05, 0.95, 0, 0.1, 0.8, 0.1], [2, 3]));
    expect(scce.result()).toBeCloseTo(-(Math.log(0.95) + Math.log(0.1)) / 2, 5);
    bce.dispose();
    scce.dispose();
    tf.dispose([t, p]);
  });

  it('never read labels back in update, keep two state tensors, no growth', async () => {
    const labels = tf.tensor1d(f.labels.slice(0, 3));
    const probs = tf.tensor2d(f.probs.slice(0, 3));
    const scce = new metrics.SparseCategoricalCrossentropy();
    const original = labels.dataSync;
    let reads = 0;
    labels.dataSync = (() => {
      reads++;
      return original.call(labels);
    }) as typeof labels.dataSync;
    await expectNoLeak(() => scce.update(labels, probs), { delta: 2 });
    expect(reads).toBe(0);
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) scce.update(labels, probs);
      scce.result();
      scce.reset();
    });
    await expectNoLeak(() => scce.dispose(), { delta: -2 });
    tf.dispose([labels, probs]);
  });

  it('validate and round-trip their configs', () => {
    expect(() => new metrics.BinaryCrossentropy({ labelSmoothing: 1.5 })).toThrow(
      'BinaryCrossentropy: `labelSmoothing` must be a finite number in [0, 1]; received 1.5',
    );
    expect(
      () => new metrics.CategoricalCrossentropy({ fromLogits: 1 as unknown as boolean }),
    ).toThrow('CategoricalCrossentropy: `fromLogits` must be a boolean; received 1');
    for (const metric of [
      new metrics.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }),
      new metrics.CategoricalCrossentropy({ labelSmoothing: 0.2, axis: 1 }),
      new metrics.SparseCategoricalCrossentropy({ fromLogits: true }),
      new metrics.KLDivergence(),
      new metrics.Poisson({ name: 'p' }),
      new metrics.Hinge(),
      new metrics.SquaredHinge(),
      new metrics.CategoricalHinge(),
    ]) {
      const cls = metric.constructor as unknown as { fromConfig(c: tf.ConfigDict): StatefulMetric };
      expect(cls.fromConfig(metric.getConfig()).getConfig()).toEqual(metric.getConfig());
    }
    expect(new metrics.BinaryCrossentropy().getConfig()).toEqual({
      name: 'binary_crossentropy',
      fromLogits: false,
      labelSmoothing: 0,
    });
  });
});
