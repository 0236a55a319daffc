import type * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { get } from './registry.js';

describe('metric direction', () => {
  it('each built-in says whether it improves upwards, as Keras metrics set `_direction`', () => {
    // Keras 3: accuracies, AUC, precision, recall, R², cosine similarity and the constrained
    // rates are "up"; errors, crossentropies, hinge, KL divergence and Poisson are "down".
    const up = [
      'accuracy',
      'binary_accuracy',
      'categorical_accuracy',
      'sparse_categorical_accuracy',
      'top_k_categorical_accuracy',
      'sparse_top_k_categorical_accuracy',
      'auc',
      'precision',
      'recall',
      'r2_score',
      'cosine_similarity',
    ];
    const down = [
      'mse',
      'mae',
      'mape',
      'msle',
      'root_mean_squared_error',
      'log_cosh_error',
      'hinge',
      'squared_hinge',
      'categorical_hinge',
      'binary_crossentropy',
      'categorical_crossentropy',
      'sparse_categorical_crossentropy',
      'kl_divergence',
      'poisson',
      'huber',
    ];
    for (const name of up) expect([name, get(name).direction]).toEqual([name, 'max']);
    for (const name of down) expect([name, get(name).direction]).toEqual([name, 'min']);
    // A renamed metric keeps its direction: the name is not what decides.
    expect(get({ className: 'AUC', config: { name: 'area' } }).direction).toBe('max');
  });

  it('a plain function has none unless told; counts and sums have none', () => {
    const score = (yTrue: tf.Tensor, _yPred: tf.Tensor) => yTrue;
    expect(new MeanMetricWrapper({ fn: score }).direction).toBeUndefined();
    expect(new MeanMetricWrapper({ fn: score, direction: 'max' }).direction).toBe('max');
    expect(get('true_positives').direction).toBeUndefined();
    expect(get('sum').direction).toBeUndefined();
  });
});
