import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Activation, type ActivationArgs, activation } from './activation.js';

describe('Activation', () => {
  it('applies the named function (hand-worked)', async () => {
    const x = tf.tensor2d([[-1, 0, 2]]);
    const relu = activation({ activation: 'relu' });
    const y = relu.apply(x);
    expectClose(y, [[0, 0, 2]]);
    // softmax over [-1, 0, 2]: e^-1, e^0, e^2 over their sum 0.3679 + 1 + 7.3891 = 8.7570.
    const s = activation({ activation: 'softmax' }).apply(x);
    const sum = Math.exp(-1) + 1 + Math.exp(2);
    expectClose(s, [[Math.exp(-1) / sum, 1 / sum, Math.exp(2) / sum]]);
    expect(relu.computeOutputShape([null, 3])).toEqual([null, 3]);
    await expectNoLeak(() => relu.apply(x));
    tf.dispose([x, y, s]);
  });

  it('round-trips its config, also through the registry, and validates', () => {
    const config = activation({ activation: 'tanh' }).getConfig();
    expect(config.activation).toBe('tanh');
    expectConfigRoundTrip(Activation, config);
    expect(() => activation({} as ActivationArgs)).toThrow(
      'Activation: `activation` must be an activation name or function; received undefined',
    );
    expect(() => activation({ activation: 'nope' as 'relu' })).toThrow(tf.UnknownNameError);
  });
});
