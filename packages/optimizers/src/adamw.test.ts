import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectTrajectory } from '../test/helpers.js';
import { AdamW, adamw } from './adamw.js';

describe('AdamW', () => {
  it('has the Keras defaults (weightDecay 0.004)', () => {
    const optimizer = new AdamW();
    expect(optimizer.getClassName()).toBe('AdamW');
    expect(optimizer.getConfig()).toMatchObject({
      learningRate: 0.001,
      weightDecay: 0.004,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
  });

  it('matches the NumPy trajectory (decay before the Adam step)', () =>
    expectTrajectory('adamw-default'));

  it('rejects a negative weightDecay and validates Adam arguments under its own name', () => {
    expect(() => adamw({ weightDecay: -1 })).toThrow(
      'AdamW: `weightDecay` must be a finite number >= 0; received -1',
    );
    expect(() => adamw({ beta1: 2 })).toThrow('AdamW: `beta1`');
  });

  it('round-trips its config', () => {
    expectConfigRoundTrip(adamw({ learningRate: 0.01, weightDecay: 0.1 }));
  });
});
