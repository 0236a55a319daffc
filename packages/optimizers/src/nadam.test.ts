import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import {
  expectConfigRoundTrip,
  expectSteps,
  expectTrajectory,
  findCase,
  makeVariables,
} from '../test/helpers.js';
import { Nadam, nadam } from './nadam.js';

describe('Nadam', () => {
  it('has the Keras defaults', () => {
    expect(new Nadam().getConfig()).toMatchObject({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
    });
  });

  it.each(['nadam-default', 'nadam-epsilon'])(
    'matches the NumPy trajectory %s (momentum cache 0.96^t)',
    (id) => expectTrajectory(id),
  );

  it('restores its momentum-cache product from the iteration count', () => {
    const testCase = findCase('nadam-default');
    const variables = makeVariables();
    const first = nadam({ learningRate: 0.01 });
    expectSteps(first, testCase, variables, 0, 4);
    const state = first.getWeights();
    const second = nadam({ learningRate: 0.01 });
    second.setWeights(state);
    expectSteps(second, testCase, variables, 4, 10);
    tf.dispose([...variables, ...state.map((x) => x.tensor)]);
    first.dispose();
    second.dispose();
  });

  it('rejects betas outside [0, 1)', () => {
    expect(() => nadam({ beta2: 1 })).toThrow(
      'Nadam: `beta2` must be a finite number in [0, 1); received 1',
    );
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(nadam({ learningRate: 0.002, epsilon: 1e-8 }));
  });
});
