import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectMatchesTfjs } from '../test/helpers.js';
import { adagrad } from './adagrad.js';

describe('Adagrad', () => {
  it('matches tf.train.adagrad (epsilon 1e-7 inside the square root in both)', () => {
    expectMatchesTfjs(adagrad({ learningRate: 0.1 }), tf.train.adagrad(0.1, 0.1));
  });

  it('starts the accumulator at initialAccumulatorValue', () => {
    const w = tf.variable(tf.zeros([2]));
    const optimizer = adagrad({ initialAccumulatorValue: 0.25 });
    const g = tf.tensor1d([0, 0]);
    optimizer.applyGradients([[g, w]]);
    const weights = optimizer.getWeights();
    // 0.25 + 0^2 = 0.25
    expect(Array.from(weights[1]?.tensor.dataSync() ?? [])).toEqual([0.25, 0.25]);
    tf.dispose([g, w, ...weights.map((x) => x.tensor)]);
    optimizer.dispose();
  });
});
