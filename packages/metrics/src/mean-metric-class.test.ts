import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { BinaryAccuracy, TopKCategoricalAccuracy } from './accuracy-metrics.js';
import * as metrics from './index.js';
import { lossMetricClass, meanMetricClass } from './mean-metric-class.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { MetricConfig } from './metric.js';

interface OffsetConfig extends MetricConfig {
  readonly offset?: number;
}

const MeanOffsetError = meanMetricClass<OffsetConfig>({
  className: 'MeanOffsetError',
  name: 'mean_offset_error',
  options: { offset: tf.numberOption(1, { min: 0 }) },
  fn: (yTrue, yPred, { offset }) => tf.mean(tf.abs(tf.sub(tf.add(yPred, offset), yTrue)), -1),
});

describe('meanMetricClass', () => {
  it('makes a running-mean metric class with its options as fields', () => {
    const metric = new MeanOffsetError({ offset: 2 });
    expect(metric).toBeInstanceOf(MeanMetricWrapper);
    expect(metric).toBeInstanceOf(MeanOffsetError);
    expect([MeanOffsetError.name, metric.getClassName(), metric.name, metric.offset]).toEqual([
      'MeanOffsetError',
      'MeanOffsetError',
      'mean_offset_error',
      2,
    ]);
    // per sample |0 + 2 - 1| = 1 and |1 + 2 - 1| = 2, then |3 + 2 - 0| = 5: mean of 1, 2, 5 = 8/3
    metric.update(tf.tensor2d([[1], [1]]), tf.tensor2d([[0], [1]]));
    metric.update(tf.tensor2d([[0]]), tf.tensor2d([[3]]));
    expectClose(metric.result(), 8 / 3);
    metric.dispose();
  });

  it('round-trips its config and checks options before any state exists', () => {
    const metric = new MeanOffsetError({ name: 'moe', offset: 0.5 });
    expect(Object.entries(metric.getConfig())).toEqual([
      ['name', 'moe'],
      ['offset', 0.5],
    ]);
    expect(MeanOffsetError.fromConfig(metric.getConfig()).getConfig()).toEqual(metric.getConfig());
    const before = tf.memory().numTensors;
    expect(() => new MeanOffsetError({ offset: -1 })).toThrow(
      'MeanOffsetError: `offset` must be a finite number >= 0; received -1',
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the config keys and order of the Keras-named metrics', () => {
    expect(Object.keys(new metrics.MeanSquaredError().getConfig())).toEqual(['name']);
    expect(Object.keys(new BinaryAccuracy().getConfig())).toEqual(['name', 'threshold']);
    expect(new TopKCategoricalAccuracy().getConfig()).toEqual({
      name: 'top_k_categorical_accuracy',
      k: 5,
    });
    expect(Object.entries(new metrics.CategoricalCrossentropy().getConfig())).toEqual([
      ['name', 'categorical_crossentropy'],
      ['fromLogits', false],
      ['labelSmoothing', 0],
      ['axis', -1],
    ]);
  });

  it('averages a loss class under its names and options, lower being better', () => {
    const Huber = lossMetricClass(losses.Huber);
    const metric = new Huber({ delta: 0.5 });
    expect([metric.getClassName(), metric.name, metric.direction]).toEqual([
      'Huber',
      'huber_loss',
      'min',
    ]);
    expect(metric.getConfig()).toEqual({ name: 'huber_loss', delta: 0.5 });
    // |error| 2 > delta: 0.5 * 2 - 0.5^2 / 2 = 0.875; |error| 0.25: 0.25^2 / 2 = 0.03125
    metric.update(tf.tensor2d([[0], [0]]), tf.tensor2d([[2], [0.25]]));
    expectClose(metric.result(), (0.875 + 0.03125) / 2);
    expect(() => new Huber({ delta: 0 })).toThrow(
      'Huber: `delta` must be a finite number > 0; received 0',
    );
    metric.dispose();
  });
});
