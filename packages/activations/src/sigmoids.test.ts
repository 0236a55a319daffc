import * as tf from '@dendrite/tensor';
import { expectClose, expectGradientMatchesFiniteDifference } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { describeElementwiseCases, fixtureInputs, fixtures } from '../test/fixtures.js';
import * as sigmoids from './sigmoids.js';

const { x, smooth } = fixtureInputs();

const { hardSigmoid, hardSigmoidKeras2, linear } = sigmoids;
const cases: [string, (t: tf.Tensor) => tf.Tensor][] = [
  ['sigmoid', sigmoids.sigmoid],
  ['hardSigmoid', hardSigmoid],
  ['hardSigmoidKeras2', hardSigmoidKeras2],
  ['tanh', sigmoids.tanh],
  ['exponential', sigmoids.exponential],
  ['softplus', sigmoids.softplus],
  ['softsign', sigmoids.softsign],
];

describeElementwiseCases(cases, x, smooth);

describe('hardSigmoid', () => {
  it('follows Keras 3 (relu6(x + 3) / 6), not the tfjs-layers 0.2 x + 0.5', () => {
    // x = 2: Keras 3 gives 5/6 = 0.8333; the Keras 2 / tfjs-layers formula gives 0.9
    const y = hardSigmoid(tf.tensor([2]));
    expectClose(y, [5 / 6]);
    y.dispose();
  });
});

describe('hardSigmoidKeras2', () => {
  it('follows Keras 2 and tfjs-layers (clip(0.2 x + 0.5, 0, 1))', () => {
    // x = 2: 0.2·2 + 0.5 = 0.9 (Keras 3 gives 5/6); x = -3 and 3 saturate at 0 and 1.
    const y = hardSigmoidKeras2(tf.tensor([2, -3, 3]));
    expectClose(y, [0.9, 0, 1]);
    y.dispose();
  });
});

describe('linear', () => {
  it('returns its input unchanged and creates no tensor', () => {
    expectClose(linear(x), fixtures.elementwise.linear as number[]);
    const before = tf.memory().numTensors;
    expect(linear(x)).toBe(x);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('has gradient 1', () => {
    expectGradientMatchesFiniteDifference(linear, smooth);
  });
});
