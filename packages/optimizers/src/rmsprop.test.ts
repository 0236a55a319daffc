import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectMatchesTfjs, expectTrajectory } from '../test/helpers.js';
import { RMSprop, rmsprop } from './rmsprop.js';

describe('RMSprop', () => {
  it('has the Keras defaults', () => {
    expect(new RMSprop().getConfig()).toMatchObject({
      learningRate: 0.001,
      rho: 0.9,
      momentum: 0,
      epsilon: 1e-7,
      centered: false,
    });
  });

  it.each(['rmsprop-default', 'rmsprop-centered-momentum', 'rmsprop-centered-epsilon'])(
    'matches the NumPy trajectory %s',
    (id) => expectTrajectory(id),
  );

  it('matches tf.train.rmsprop (uncentered; tfjs subtracts epsilon when centered)', () => {
    expectMatchesTfjs(rmsprop({ learningRate: 0.01 }), tf.train.rmsprop(0.01, 0.9, 0, 1e-7));
    expectMatchesTfjs(
      rmsprop({ learningRate: 0.01, momentum: 0.5, rho: 0.8 }),
      tf.train.rmsprop(0.01, 0.8, 0.5, 1e-7),
    );
  });

  it('rejects out-of-range hyperparameters', () => {
    expect(() => rmsprop({ rho: 1.5 })).toThrow(
      'RMSprop: `rho` must be a finite number in [0, 1]; received 1.5',
    );
    expect(() => rmsprop({ momentum: 2 })).toThrow('RMSprop: `momentum`');
    expect(() => rmsprop({ epsilon: -1 })).toThrow(
      'RMSprop: `epsilon` must be a finite number >= 0; received -1',
    );
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(rmsprop({ learningRate: 0.01, momentum: 0.5, centered: true }));
  });
});
