import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as tf from './index.js';

const generated = readFileSync(
  new URL('../generated/register-gradients.js', import.meta.url),
  'utf8',
);

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

  it('registers against the installed tfjs-core: no second engine, readable code', () => {
    // The file imports tfjs-core's public entry and defines none of its engine or tensor classes.
    expect(generated).toContain('from "@tensorflow/tfjs-core"');
    for (const copy of ['class Engine', 'getOrMakeEngine', 'class Tensor ', 'class Environment'])
      expect(generated).not.toContain(copy);
    // Not minified: no line longer than tfjs-core's own sources have.
    expect(Math.max(...generated.split('\n').map((line) => line.length))).toBeLessThan(400);
  });

  it('differentiates max pooling through a copied backprop op (MaxPoolGrad)', () => {
    // x = [[1, 3], [2, 0]] pooled 2x2: the gradient of the max goes to the 3 only.
    const x = tf.tensor4d([1, 3, 2, 0], [1, 2, 2, 1]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid')))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 1, 0, 0]);
    tf.dispose([x, g]);
  });
});
