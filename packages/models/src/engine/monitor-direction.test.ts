import { earlyStopping, modelCheckpoint } from '@dendrite/callbacks';
import { dense, input } from '@dendrite/layers';
import * as metrics from '@dendrite/metrics';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { model } from '../layers-model.js';
import { sequential } from '../sequential.js';

const own = ownedPerTest();

describe('monitoring callbacks ask the metric for its direction', () => {
  it('a renamed AUC and a custom score are maximized; unknown names fall back to the name rules', async () => {
    const m = own(
      sequential({ layers: [dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] }),
    );
    const score = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.sub(1, tf.abs(tf.sub(yTrue, yPred)));
    m.compile({
      loss: 'binary_crossentropy',
      metrics: [
        new metrics.AUC({ name: 'area' }),
        new metrics.MeanMetricWrapper({ fn: score, name: 'closeness', direction: 'max' }),
        'mse',
      ],
    });
    const x = own(tf.tensor2d([0, 1, 1, 0, 1, 1, 0, 0], [4, 2]));
    const y = own(tf.tensor2d([1, 0, 1, 0], [4, 1]));
    // Keras' name rules call all three of these "min" (none holds "acc" or a known name).
    const area = earlyStopping({ monitor: 'val_area', patience: 9 });
    const closeness = earlyStopping({ monitor: 'closeness', patience: 9 });
    const mse = earlyStopping({ monitor: 'val_mean_squared_error', patience: 9 });
    const unknown = earlyStopping({ monitor: 'val_accuracy', patience: 9 });
    expect([area.direction, closeness.direction]).toEqual(['min', 'min']);
    await m.fit(x, y, {
      verbose: 0,
      validationData: [x, y],
      callbacks: [area, closeness, mse, unknown],
    });
    expect(area.direction).toBe('max');
    expect(closeness.direction).toBe('max');
    expect(area.best).toBeGreaterThan(Number.NEGATIVE_INFINITY);
    expect(mse.direction).toBe('min');
    // No metric of that name: Keras' name rule ("acc" → max) decides.
    expect(unknown.direction).toBe('max');
    // An explicit mode is never second-guessed.
    const fixed = modelCheckpoint({ filepath: 'unused', monitor: 'val_area', mode: 'min' });
    fixed.setModel(m);
    expect(fixed.direction).toBe('min');
  });

  it('per-output metrics of a two-output model are found by their log names', () => {
    const x = input({ shape: [2] });
    const a = dense({ units: 1, name: 'a', activation: 'sigmoid' }).apply(x);
    const b = dense({ units: 1, name: 'b' }).apply(x);
    const m = own(model({ inputs: x, outputs: [a, b] as never }));
    m.compile({ loss: ['binary_crossentropy', 'mse'], metrics: { a: ['auc'], b: ['mae'] } });
    expect(m.metricDirection('val_a_auc')).toBe('max');
    expect(m.metricDirection('b_mean_absolute_error')).toBe('min');
    expect(m.metricDirection('a_loss')).toBe('min');
    expect(m.metricDirection('val_nothing')).toBeUndefined();
  });
});
