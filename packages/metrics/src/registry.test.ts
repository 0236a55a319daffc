import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { AUC } from './auc.js';
import { AutoAccuracy, accuracyVariantForLoss } from './auto-accuracy.js';
import * as metrics from './index.js';
import { Mean } from './mean.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { Precision } from './precision.js';
import { get, register, serialize } from './registry.js';

describe("get('accuracy') resolves from the loss like Keras", () => {
  it('picks the variant from any spelling of the loss, keeping the log name', () => {
    const cases: Array<[string | { name: string }, string]> = [
      ['binary_crossentropy', 'binary'],
      ['binaryCrossentropy', 'binary'],
      ['categorical_crossentropy', 'categorical'],
      [{ name: 'categorical_crossentropy' }, 'categorical'],
      ['SparseCategoricalCrossentropy', 'sparseCategorical'],
      ['sparse_categorical_crossentropy', 'sparseCategorical'],
    ];
    for (const [loss, variant] of cases) {
      const metric = get('accuracy', { loss }) as AutoAccuracy;
      expect(metric.name).toBe('accuracy');
      expect(metric.variant).toBe(variant);
    }
    expect(get('acc', { loss: 'binary_crossentropy' }).name).toBe('acc');
    expect(accuracyVariantForLoss('mse')).toBeUndefined();
  });

  it('computes the resolved accuracy', () => {
    // sparse: labels [1, 0, 2], argmax [1, 1, 2] -> 2 of 3 correct
    const sparse = get('accuracy', { loss: 'sparse_categorical_crossentropy' });
    const probabilities = tf.tensor2d([
      [0.1, 0.8, 0.1],
      [0.2, 0.5, 0.3],
      [0.1, 0.2, 0.7],
    ]);
    sparse.update(tf.tensor1d([1, 0, 2]), probabilities);
    expect(sparse.result()).toBeCloseTo(2 / 3, 6);
    sparse.dispose();
    // binary: labels [1, 0], predictions [0.7, 0.6] -> 1 of 2 correct
    const binary = get('accuracy', { loss: 'binary_crossentropy' });
    binary.update(tf.tensor2d([[1], [0]]), tf.tensor2d([[0.7], [0.6]]));
    expect(binary.result()).toBeCloseTo(0.5, 6);
    binary.dispose();
  });

  it('infers the variant from shapes when the loss does not say', () => {
    const infer = (yTrue: tf.Tensor, yPred: tf.Tensor) => {
      const metric = get('accuracy', { loss: 'mse' }) as AutoAccuracy;
      metric.update(yTrue, yPred);
      metric.dispose();
      return metric.variant;
    };
    expect(infer(tf.zeros([4, 1]), tf.zeros([4, 1]))).toBe('binary');
    expect(infer(tf.zeros([4]), tf.zeros([4, 3]))).toBe('sparseCategorical');
    expect(infer(tf.zeros([4, 1]), tf.zeros([4, 3]))).toBe('sparseCategorical');
    expect(infer(tf.zeros([4, 3]), tf.zeros([4, 3]))).toBe('categorical');
  });
});

describe('metric registry', () => {
  it('resolves metric names, loss names, configs, instances and functions', () => {
    expect(get('binary_accuracy')).toBeInstanceOf(metrics.BinaryAccuracy);
    expect(get('top_k_categorical_accuracy').name).toBe('top_k_categorical_accuracy');
    expect(get('sparseTopKCategoricalAccuracy')).toBeInstanceOf(
      metrics.SparseTopKCategoricalAccuracy,
    );
    expect(get('auc').name).toBe('auc');
    expect(get('AUC')).toBeInstanceOf(AUC);
    expect(get('precision').name).toBe('precision');
    expect(get('recall').name).toBe('recall');
    const mse = get('mse');
    expect(mse).toBeInstanceOf(MeanMetricWrapper);
    expect(mse.name).toBe('mean_squared_error');
    expect(get('categorical_crossentropy').name).toBe('categorical_crossentropy');
    const topK = get({ className: 'TopKCategoricalAccuracy', config: { k: 2 } });
    expect((topK as metrics.TopKCategoricalAccuracy).k).toBe(2);
    const instance = new Precision();
    expect(get(instance)).toBe(instance);
    const fn = get(function hits(t: tf.Tensor, p: tf.Tensor) {
      return tf.cast(tf.equal(t, p), 'float32');
    });
    expect(fn.name).toBe('hits');
  });

  it('lists valid names for an unknown one', () => {
    expect(() => get('accuracyy')).toThrow(
      /Unknown metric "accuracyy"; expected 'accuracy', 'acc', a loss name or one of: .*auc/,
    );
  });

  it('round-trips configs through serialize and get, and accepts user classes', () => {
    for (const metric of [
      new AUC({ curve: 'PR' }),
      new AutoAccuracy({ variant: 'binary' }),
      new Mean({ name: 'loss' }),
    ]) {
      const restored = get(serialize(metric)) as AUC | AutoAccuracy | Mean;
      expect(restored.getClassName()).toBe(metric.getClassName());
      expect(restored.getConfig()).toEqual(metric.getConfig());
    }
    expect(() => new AutoAccuracy({ variant: 'multi' as 'binary' })).toThrow(
      "AutoAccuracy: `variant` must be one of 'binary', 'categorical', 'sparseCategorical'; received \"multi\"",
    );
    register('test>Half', (config) => new Mean({ name: String(config.name ?? 'half') }));
    const half = get('test>Half') as Mean;
    half.update(tf.tensor1d([4]));
    expectClose(half.result(), 4);
    half.dispose();
  });

  it("resolves Keras 3's metric names to the named metric classes", () => {
    const cases: Array<[string, string, string]> = [
      // [identifier, className, log name]
      ['mse', 'MeanSquaredError', 'mean_squared_error'],
      ['MSE', 'MeanSquaredError', 'mean_squared_error'],
      ['meanSquaredError', 'MeanSquaredError', 'mean_squared_error'],
      ['root_mean_squared_error', 'RootMeanSquaredError', 'root_mean_squared_error'],
      ['RootMeanSquaredError', 'RootMeanSquaredError', 'root_mean_squared_error'],
      ['mae', 'MeanAbsoluteError', 'mean_absolute_error'],
      ['mape', 'MeanAbsolutePercentageError', 'mean_absolute_percentage_error'],
      ['msle', 'MeanSquaredLogarithmicError', 'mean_squared_logarithmic_error'],
      ['cosine_similarity', 'CosineSimilarity', 'cosine_similarity'],
      ['log_cosh_error', 'LogCoshError', 'logcosh'],
      ['r2_score', 'R2Score', 'r2_score'],
      ['bce', 'BinaryCrossentropy', 'binary_crossentropy'],
      ['binary_crossentropy', 'BinaryCrossentropy', 'binary_crossentropy'],
      ['categorical_crossentropy', 'CategoricalCrossentropy', 'categorical_crossentropy'],
      [
        'sparseCategoricalCrossentropy',
        'SparseCategoricalCrossentropy',
        'sparse_categorical_crossentropy',
      ],
      ['kl_divergence', 'KLDivergence', 'kl_divergence'],
      ['poisson', 'Poisson', 'poisson'],
      ['hinge', 'Hinge', 'hinge'],
      ['squared_hinge', 'SquaredHinge', 'squared_hinge'],
      ['categorical_hinge', 'CategoricalHinge', 'categorical_hinge'],
      ['true_positives', 'TruePositives', 'true_positives'],
      ['FalseNegatives', 'FalseNegatives', 'false_negatives'],
      ['trueNegatives', 'TrueNegatives', 'true_negatives'],
      ['false_positives', 'FalsePositives', 'false_positives'],
    ];
    for (const [identifier, className, name] of cases) {
      const metric = get(identifier) as Mean;
      expect(metric.getClassName(), identifier).toBe(className);
      expect(metric.name, identifier).toBe(name);
    }
    // a loss without a metric class still becomes a mean of the loss
    expect(get('huber')).toBeInstanceOf(MeanMetricWrapper);
    // metrics that need a value take it from a config
    const par = get({ className: 'PrecisionAtRecall', config: { recall: 0.8 } });
    expect(par.name).toBe('precision_at_recall');
    expect(() => get('precision_at_recall')).toThrow(
      'PrecisionAtRecall: `recall` must be a finite number in [0, 1]; received undefined',
    );
    const auc = new AUC({ multiLabel: true, numLabels: 2, thresholds: [0.5] });
    expect((get(serialize(auc)) as AUC).getConfig()).toEqual(auc.getConfig());
  });
});
