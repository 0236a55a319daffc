import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { describeElementwiseCases, fixtureInputs } from '../test/fixtures.js';
import { elu, leakyRelu, relu, relu6, selu } from './rectifiers.js';

const { x, smooth } = fixtureInputs();

const cases: [string, (t: tf.Tensor) => tf.Tensor][] = [
  ['relu', relu],
  ['relu6', relu6],
  ['leakyRelu', (t) => leakyRelu(t)],
  ['leakyRelu_alpha0.05', (t) => leakyRelu(t, { alpha: 0.05 })],
  ['elu', (t) => elu(t)],
  ['elu_alpha0.5', (t) => elu(t, { alpha: 0.5 })],
  ['selu', selu],
];

describeElementwiseCases(cases, x, smooth);

describe('leakyRelu / elu options', () => {
  it('default to the Keras 3 slopes: leakyRelu 0.2, elu 1', () => {
    // leakyRelu(-1) = 0.2 * -1; elu(-1) = 1 * (e^-1 - 1) = -0.6321206
    const y = tf.tidy(() => tf.concat([leakyRelu(tf.tensor([-1])), elu(tf.tensor([-1]))]));
    expectClose(y, [-0.2, Math.exp(-1) - 1]);
    y.dispose();
  });

  it('reject bad alphas with the house message', () => {
    expect(() => leakyRelu(x, { alpha: -0.1 })).toThrow(tf.ConfigError);
    expect(() => leakyRelu(x, { alpha: -0.1 })).toThrow(
      'leakyRelu: `alpha` must be a finite number >= 0; received -0.1',
    );
    expect(() => elu(x, { alpha: Number.NaN })).toThrow(
      'elu: `alpha` must be a finite number; received NaN',
    );
  });
});
