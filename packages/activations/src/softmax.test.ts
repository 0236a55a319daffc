import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures } from '../test/fixtures.js';
import { logSoftmax, softmax } from './softmax.js';

const m = tf.tensor(fixtures.matrix.values, fixtures.matrix.shape);
// A fixed, non-uniform weighting so the gradient of sum(w * f(x)) is not identically zero.
const w = tf.tidy(() => tf.reshape(tf.range(1, 25), [2, 3, 4]).div(7).sin());
afterAll(() => tf.dispose([m, w]));

describe.each([
  ['softmax', softmax],
  ['logSoftmax', logSoftmax],
] as const)('%s', (name, fn) => {
  it.each([-1, 0, 1])('matches the NumPy reference along axis %i', (axis) => {
    const y = fn(m, { axis });
    expectClose(y, fixtures[name][String(axis)] as number[], { label: `${name} axis ${axis}` });
    expect(y.shape).toEqual([2, 3, 4]);
    y.dispose();
  });

  it('defaults to the last axis and accepts axis 2 = -1', () => {
    const a = fn(m);
    const b = fn(m, { axis: 2 });
    expectClose(a, fixtures[name]['-1'] as number[]);
    expectClose(b, fixtures[name]['-1'] as number[]);
    tf.dispose([a, b]);
  });

  it.each([-1, 0])('has the finite-difference gradient along axis %i', (axis) => {
    expectGradientMatchesFiniteDifference((t) => tf.mul(fn(t, { axis }), w), m);
  });

  it('leaks nothing', async () => {
    await expectNoLeak(() => fn(m, { axis: 0 }));
    await expectNoLeak(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fn(t, { axis: 1 }), w)))(m));
  });

  it('rejects an axis out of range or not an integer', () => {
    expect(() => fn(m, { axis: 3 })).toThrow(
      `${name}: \`axis\` must be an integer in [-3, 3) for a tensor of rank 3; received 3`,
    );
    expect(() => fn(m, { axis: 0.5 })).toThrow(
      `${name}: \`axis\` must be an integer; received 0.5`,
    );
  });
});

describe('softmax', () => {
  it('sums to one along the axis', () => {
    // [0, ln 3] -> [1/4, 3/4]
    const y = softmax(tf.tensor([[0, Math.log(3)]]));
    expectClose(y, [[0.25, 0.75]]);
    y.dispose();
  });
});
