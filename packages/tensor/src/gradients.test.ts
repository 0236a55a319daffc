import { describe, expect, it } from 'vitest';
import * as tf from './index.js';

describe('gradient registration', () => {
  it('differentiates through registered kernels: d/dx sum(x^2 * sin(x)) = 2x sin x + x^2 cos x', () => {
    const x = tf.tensor1d([0.5, -1.25, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.square(v), tf.sin(v))))(x);
    const expected = [0.5, -1.25, 2].map((v) => 2 * v * Math.sin(v) + v * v * Math.cos(v));
    const got = Array.from(g.dataSync());
    for (const [i, value] of got.entries()) expect(value).toBeCloseTo(expected[i] as number, 5);
    tf.dispose([x, g]);
  });

  it('registers chained ops on tensors', () => {
    const y = tf.tidy(() => tf.tensor1d([1, 2]).square().sum());
    expect(y.dataSync()[0]).toBe(5);
    y.dispose();
  });
});
