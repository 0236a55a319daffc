import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectTrajectory } from '../test/helpers.js';
import { Adadelta, adadelta } from './adadelta.js';

// tf.train.adadelta divides by the accumulated gradient before this step's update, Keras after
// it, so the two differ and tfjs is not used as an oracle here.
describe('Adadelta', () => {
  it('has the Keras defaults', () => {
    expect(new Adadelta().getConfig()).toMatchObject({
      learningRate: 0.001,
      rho: 0.95,
      epsilon: 1e-7,
    });
  });

  it.each(['adadelta-default', 'adadelta-epsilon'])('matches the NumPy trajectory %s', (id) =>
    expectTrajectory(id),
  );

  it('rejects out-of-range hyperparameters', () => {
    expect(() => adadelta({ rho: -0.5 })).toThrow(
      'Adadelta: `rho` must be a finite number in [0, 1]; received -0.5',
    );
    expect(() => adadelta({ epsilon: -1e-7 })).toThrow('Adadelta: `epsilon`');
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(adadelta({ learningRate: 1, rho: 0.9 }));
  });
});
