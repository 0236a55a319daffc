import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import * as losses from './index.js';
import { Loss, LossFunctionWrapper } from './loss.js';
import { get, names, register, serialize } from './registry.js';

const CLASSES = [
  [losses.MeanSquaredError, 'mean_squared_error'],
  [losses.MeanAbsoluteError, 'mean_absolute_error'],
  [losses.MeanAbsolutePercentageError, 'mean_absolute_percentage_error'],
  [losses.MeanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
  [losses.Huber, 'huber_loss'],
  [losses.LogCosh, 'log_cosh'],
  [losses.CosineSimilarity, 'cosine_similarity'],
  [losses.BinaryCrossentropy, 'binary_crossentropy'],
  [losses.CategoricalCrossentropy, 'categorical_crossentropy'],
  [losses.SparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
  [losses.KLDivergence, 'kl_divergence'],
  [losses.Poisson, 'poisson'],
  [losses.Hinge, 'hinge'],
  [losses.SquaredHinge, 'squared_hinge'],
  [losses.CategoricalHinge, 'categorical_hinge'],
] as const;

describe('loss registry', () => {
  it('resolves TF.js, Keras and short names to the right class and log name', () => {
    const expectations: Array<[string, string]> = [
      ['mse', 'mean_squared_error'],
      ['MSE', 'mean_squared_error'],
      ['meanSquaredError', 'mean_squared_error'],
      ['mae', 'mean_absolute_error'],
      ['mape', 'mean_absolute_percentage_error'],
      ['msle', 'mean_squared_logarithmic_error'],
      ['kld', 'kl_divergence'],
      ['kullbackLeiblerDivergence', 'kl_divergence'],
      ['categorical_crossentropy', 'categorical_crossentropy'],
      ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
      ['logcosh', 'log_cosh'],
      ['huber', 'huber_loss'],
      ['squared_hinge', 'squared_hinge'],
      ['CategoricalHinge', 'categorical_hinge'],
    ];
    for (const [identifier, name] of expectations) expect(get(identifier).name).toBe(name);
    expect(get('binary_crossentropy')).toBeInstanceOf(losses.BinaryCrossentropy);
  });

  it('resolves configs, instances and plain functions', () => {
    const loss = get({ className: 'CategoricalCrossentropy', config: { fromLogits: true } });
    expect(loss).toBeInstanceOf(losses.CategoricalCrossentropy);
    expect(loss.fromLogits).toBe(true);
    const instance = new losses.Huber({ delta: 2 });
    expect(get(instance)).toBe(instance);
    const fn = get((t: tf.Tensor, p: tf.Tensor) => tf.sub(p, t));
    expect(fn).toBeInstanceOf(LossFunctionWrapper);
  });

  it('lists the valid names for an unknown one', () => {
    expect(() => get('meanSquareError')).toThrow(
      /Unknown loss "meanSquareError"; expected one of: .*mse/,
    );
  });

  it('accepts user classes under package>Name', () => {
    class Twice extends Loss {
      static readonly className = 'Twice';
      constructor() {
        super('twice');
      }
      call(yTrue: tf.Tensor, yPred: tf.Tensor) {
        return tf.mul(2, tf.mean(tf.abs(tf.sub(yPred, yTrue)), -1));
      }
    }
    register('test>Twice', () => new Twice());
    expect(names()).toContain('test>Twice');
    // per-sample 2 * mean(|1 - 0|, |3 - 0|) = 4, one sample
    expectClose(get('test>Twice').apply(tf.zeros([1, 2]), tf.tensor2d([[1, 3]])), 4);
  });

  it('round-trips every class through its config', () => {
    for (const [cls, name] of CLASSES) {
      const loss = new cls();
      expect(loss.name).toBe(name);
      expect(loss.getClassName()).toBe(cls.className);
      const config = loss.getConfig();
      expect(cls.fromConfig(config).getConfig()).toEqual(config);
      const viaRegistry = get(serialize(loss));
      expect(viaRegistry.getConfig()).toEqual(config);
    }
    const custom = new losses.CategoricalCrossentropy({
      fromLogits: true,
      labelSmoothing: 0.1,
      axis: 1,
      reduction: 'sum',
      name: 'xent',
    });
    expect(serialize(custom)).toEqual({
      className: 'CategoricalCrossentropy',
      config: { name: 'xent', reduction: 'sum', fromLogits: true, labelSmoothing: 0.1, axis: 1 },
    });
    expect(losses.CategoricalCrossentropy.fromConfig(custom.getConfig()).getConfig()).toEqual(
      custom.getConfig(),
    );
  });

  it('validates class options with the class name', () => {
    expect(() => new losses.Huber({ delta: -1 })).toThrow(
      'Huber: `delta` must be a finite number > 0; received -1',
    );
    expect(() => new losses.BinaryCrossentropy({ labelSmoothing: -0.1 })).toThrow(
      'BinaryCrossentropy: `labelSmoothing` must be a finite number in [0, 1]; received -0.1',
    );
    expect(() => new losses.CosineSimilarity({ axis: 0.5 })).toThrow(
      'CosineSimilarity: `axis` must be an integer; received 0.5',
    );
    expect(
      () => new losses.SparseCategoricalCrossentropy({ validateLabels: 1 as unknown as boolean }),
    ).toThrow('SparseCategoricalCrossentropy: `validateLabels` must be a boolean; received 1');
  });
});
