import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectMatchesTfjs, expectTrajectory } from '../test/helpers.js';
import { Adamax, adamax } from './adamax.js';

describe('Adamax', () => {
  it('has the Keras defaults', () => {
    expect(new Adamax().getConfig()).toMatchObject({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
    });
  });

  it.each(['adamax-default', 'adamax-epsilon'])('matches the NumPy trajectory %s', (id) =>
    expectTrajectory(id),
  );

  it('matches tf.train.adamax', () => {
    expectMatchesTfjs(adamax({ learningRate: 0.01 }), tf.train.adamax(0.01, 0.9, 0.999, 1e-7));
  });

  it('rejects betas outside [0, 1)', () => {
    expect(() => adamax({ beta1: 1.2 })).toThrow(
      'Adamax: `beta1` must be a finite number in [0, 1); received 1.2',
    );
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(adamax({ learningRate: 0.002, beta2: 0.99 }));
  });
});
