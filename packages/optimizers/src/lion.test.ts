import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectTrajectory } from '../test/helpers.js';
import { Lion, lion } from './lion.js';

describe('Lion', () => {
  it('has the Keras defaults', () => {
    expect(new Lion().getConfig()).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.99 });
  });

  it('matches the NumPy trajectory', () => expectTrajectory('lion-default'));

  it('moves each weight by exactly lr on the first step', () => {
    // m = 0, so the step is lr * sign(0.1 * g): [0.5, -2, 0] -> [-0.1, 0.1, 0].
    const w = tf.variable(tf.zeros([3]));
    const g = tf.tensor1d([0.5, -2, 0]);
    const optimizer = lion({ learningRate: 0.1 });
    optimizer.applyGradients([[g, w]]);
    expect(Array.from(w.dataSync())).toEqual([-0.1, 0.1, 0].map(Math.fround));
    tf.dispose([g, w]);
    optimizer.dispose();
  });

  it('rejects beta1 outside (0, 1) and beta2 outside [0, 1)', () => {
    expect(() => lion({ beta1: 0 })).toThrow(
      'Lion: `beta1` must be a finite number in (0, 1); received 0',
    );
    expect(() => lion({ beta2: 1 })).toThrow('Lion: `beta2`');
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(lion({ learningRate: 0.0003, weightDecay: 0.01 }));
  });
});
