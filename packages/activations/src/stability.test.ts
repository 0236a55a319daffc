import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { gelu, mish, swish } from './gated.js';
import { elu, leakyRelu, relu, relu6, selu } from './rectifiers.js';
import { hardSigmoid, hardSigmoidKeras2, sigmoid, softplus, softsign, tanh } from './sigmoids.js';
import { logSoftmax, softmax } from './softmax.js';

const EXTREMES = [-1e4, -100, 0, 100, 1e4];

function valueAndGrad(fn: (t: tf.Tensor) => tf.Tensor, values: number[] | number[][]) {
  return tf.tidy(() => {
    const x = tf.tensor(values);
    const y = Array.from(fn(x).dataSync());
    const g = Array.from(
      tf
        .grad((t: tf.Tensor) => tf.sum(fn(t)))(x)
        .dataSync(),
    );
    return { y, g };
  });
}

describe('values and gradients at ±1e4', () => {
  it('sigmoid: 0 and 1, gradient sigmoid(x)(1 - sigmoid(x)) = 0 at the ends', () => {
    const { y, g } = valueAndGrad(sigmoid, EXTREMES);
    // sigmoid(-100) = e^-100 = 3.7e-44, a float32 denormal (few bits of precision): atol 1e-40
    expectClose(y, [0, 3.720076e-44, 0.5, 1, 1], { rtol: 1e-6, atol: 1e-40 });
    expectClose(g, [0, 3.720076e-44, 0.25, 0, 0], { rtol: 1e-6, atol: 1e-40 });
  });

  it('softplus: 0 and x, gradient sigmoid(x) = 0 and 1', () => {
    const { y, g } = valueAndGrad(softplus, EXTREMES);
    // softplus(0) = ln 2; softplus(x) = x + ln(1 + e^-x) = x in float32 for x >= 100
    expectClose(y, [0, 3.720076e-44, Math.LN2, 100, 1e4], { rtol: 1e-6, atol: 1e-40 });
    expectClose(g, [0, 3.720076e-44, 0.5, 1, 1], { rtol: 1e-6, atol: 1e-40 });
  });

  it('softmax: one-hot at the largest logit, gradient finite', () => {
    // softmax([1e4, -1e4, 0]) = [1, e^-2e4, e^-1e4] = [1, 0, 0]; with weights [1, 2, 3] the
    // gradient of sum(w * s) is s * (w - sum(w * s)) = [1 * (1 - 1), 0, 0] = [0, 0, 0]
    const { y, g } = tf.tidy(() => {
      const x = tf.tensor([[1e4, -1e4, 0]]);
      const weights = tf.tensor([[1, 2, 3]]);
      return {
        y: Array.from(softmax(x).dataSync()),
        g: Array.from(
          tf
            .grad((t: tf.Tensor) => tf.sum(tf.mul(softmax(t), weights)))(x)
            .dataSync(),
        ),
      };
    });
    expect(y).toEqual([1, 0, 0]);
    expect(g).toEqual([0, 0, 0]);
  });

  it('logSoftmax: x - max exactly, gradient w - sum(w) * softmax', () => {
    // logSoftmax([1e4, -1e4, 0]) = [0, -2e4, -1e4]; gradient of sum(w * l) with w = [1, 2, 3]
    // is w - sum(w) * softmax = [1 - 6, 2, 3] = [-5, 2, 3]; along axis 0 the same by symmetry
    for (const axis of [-1, 0]) {
      const { y, g } = tf.tidy(() => {
        const row = axis === -1;
        const x = row ? tf.tensor([[1e4, -1e4, 0]]) : tf.tensor([[1e4], [-1e4], [0]]);
        const weights = row ? tf.tensor([[1, 2, 3]]) : tf.tensor([[1], [2], [3]]);
        const f = (t: tf.Tensor) => tf.sum(tf.mul(logSoftmax(t, { axis }), weights));
        return {
          y: Array.from(logSoftmax(x, { axis }).dataSync()),
          g: Array.from(tf.grad(f)(x).dataSync()),
        };
      });
      expect(y).toEqual([0, -2e4, -1e4]);
      expect(g).toEqual([-5, 2, 3]);
    }
  });

  it.each([
    ['relu', relu],
    ['relu6', relu6],
    ['leakyRelu', (t: tf.Tensor) => leakyRelu(t)],
    ['elu', (t: tf.Tensor) => elu(t)],
    ['elu alpha 0.5', (t: tf.Tensor) => elu(t, { alpha: 0.5 })],
    ['selu', selu],
    ['gelu', (t: tf.Tensor) => gelu(t)],
    ['gelu approximate', (t: tf.Tensor) => gelu(t, { approximate: true })],
    ['swish', swish],
    ['mish', mish],
    ['hardSigmoid', hardSigmoid],
    ['hardSigmoidKeras2', hardSigmoidKeras2],
    ['softsign', softsign],
    ['tanh', tanh],
  ])('%s stays finite with finite gradients', (_name, fn) => {
    const { y, g } = valueAndGrad(fn, EXTREMES);
    expect(y.every(Number.isFinite)).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
  });
});
