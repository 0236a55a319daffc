import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectMatchesTfjs, expectTrajectory } from '../test/helpers.js';
import { Adagrad, adagrad } from './adagrad.js';

describe('Adagrad', () => {
  it('has the Keras defaults', () => {
    expect(new Adagrad().getConfig()).toMatchObject({
      learningRate: 0.001,
      initialAccumulatorValue: 0.1,
      epsilon: 1e-7,
    });
  });

  it.each(['adagrad-default', 'adagrad-epsilon'])('matches the NumPy trajectory %s', (id) =>
    expectTrajectory(id),
  );

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

  it('rejects a negative initialAccumulatorValue', () => {
    expect(() => adagrad({ initialAccumulatorValue: -0.1 })).toThrow(
      'Adagrad: `initialAccumulatorValue` must be a finite number >= 0; received -0.1',
    );
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.5 }));
  });
});
