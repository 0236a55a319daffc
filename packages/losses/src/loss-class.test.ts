import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { Loss, type LossConfig } from './loss.js';
import { lossClass } from './loss-class.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  CategoricalHinge,
  Huber,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
} from './loss-classes.js';

interface ScaledConfig extends LossConfig {
  readonly scale?: number;
  readonly squared?: boolean;
}

const Scaled = lossClass<ScaledConfig>({
  className: 'Scaled',
  name: 'scaled',
  options: { scale: tf.numberOption(2, { min: 0 }), squared: tf.booleanOption(false) },
  fn: (yTrue, yPred, { scale, squared }) =>
    tf.tidy(() => {
      const diff = tf.abs(tf.sub(yPred, yTrue));
      return tf.mul(scale, tf.mean(squared ? tf.square(diff) : diff, -1));
    }),
});

describe('lossClass', () => {
  it('makes a Loss subclass named after the class, with the options as fields', () => {
    const loss = new Scaled({ scale: 3 });
    expect(loss).toBeInstanceOf(Loss);
    expect(loss).toBeInstanceOf(Scaled);
    expect(Scaled.name).toBe('Scaled');
    expect(loss.getClassName()).toBe('Scaled');
    expect([loss.name, loss.reduction, loss.scale, loss.squared]).toEqual([
      'scaled',
      'sumOverBatchSize',
      3,
      false,
    ]);
  });

  it('passes the resolved options to the function, then weights and reduces', () => {
    const yTrue = tf.tensor2d([0, 0, 0, 0], [2, 2]);
    const yPred = tf.tensor2d([1, 3, 2, 2], [2, 2]);
    // per sample: 3 * mean(|1|, |3|) = 6 and 3 * mean(|2|, |2|) = 6; weights [1, 0] → 6 / 2 = 3
    expectClose(new Scaled({ scale: 3 }).apply(yTrue, yPred, tf.tensor1d([1, 0])), 3);
    // squared, sum: 2 * (1 + 9) / 2 + 2 * (4 + 4) / 2 = 10 + 8 = 18
    expectClose(new Scaled({ squared: true, reduction: 'sum' }).apply(yTrue, yPred), 18);
    tf.dispose([yTrue, yPred]);
  });

  it('round-trips its config in spec order and validates each option by name', () => {
    const loss = new Scaled({ scale: 0.5, squared: true, name: 'half' });
    expect(Object.entries(loss.getConfig())).toEqual([
      ['name', 'half'],
      ['reduction', 'sumOverBatchSize'],
      ['scale', 0.5],
      ['squared', true],
    ]);
    expect(Scaled.fromConfig(loss.getConfig()).getConfig()).toEqual(loss.getConfig());
    expect(() => new Scaled({ scale: -1 })).toThrow(
      'Scaled: `scale` must be a finite number >= 0; received -1',
    );
    expect(() => new Scaled({ squared: 'no' as unknown as boolean })).toThrow(
      'Scaled: `squared` must be a boolean; received "no"',
    );
  });

  it('leaves no tensors behind', async () => {
    const yTrue = tf.tensor2d([[0, 1]]);
    const yPred = tf.tensor2d([[1, 1]]);
    await expectNoLeak(() => new Scaled().apply(yTrue, yPred));
    tf.dispose([yTrue, yPred]);
  });
});

describe('Keras-named loss classes', () => {
  it('keep their config keys and order', () => {
    const keys = (loss: Loss) => Object.keys(loss.getConfig());
    expect(keys(new MeanSquaredError())).toEqual(['name', 'reduction']);
    expect(keys(new CategoricalHinge())).toEqual(['name', 'reduction']);
    expect(keys(new Huber())).toEqual(['name', 'reduction', 'delta']);
    expect(keys(new BinaryCrossentropy())).toEqual([
      'name',
      'reduction',
      'fromLogits',
      'labelSmoothing',
    ]);
    expect(new CategoricalCrossentropy().getConfig()).toEqual({
      name: 'categorical_crossentropy',
      reduction: 'sumOverBatchSize',
      fromLogits: false,
      labelSmoothing: 0,
      axis: -1,
    });
    expect(keys(new SparseCategoricalCrossentropy())).toEqual([
      'name',
      'reduction',
      'fromLogits',
      'validateLabels',
    ]);
  });

  it('can be extended like ordinary classes', () => {
    class Doubled extends MeanSquaredError {
      override call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
        return tf.tidy(() => tf.mul(2, super.call(yTrue, yPred)));
      }
    }
    // mse of [0, 1] vs [1, 1] is 0.5; doubled 1
    expectClose(new Doubled().apply(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 1]])), 1);
    expect(new Doubled()).toBeInstanceOf(MeanSquaredError);
  });
});
