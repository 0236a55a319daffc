import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { L1L2, l1, l1l2, l2 } from './l1l2.js';

// sum|w| = 1 + 2 + 3 + 0.5 = 6.5; sum w² = 1 + 4 + 9 + 0.25 = 14.25
const w = tf.tensor([
  [1, -2],
  [3, -0.5],
]);
afterAll(() => w.dispose());

describe('penalties', () => {
  it.each([
    ['l1l2() = 0.01·6.5 + 0.01·14.25', l1l2(), 0.2075],
    ['l1({l1: 0.1}) = 0.1·6.5', l1({ l1: 0.1 }), 0.65],
    ['l2({l2: 0.5}) = 0.5·14.25', l2({ l2: 0.5 }), 7.125],
    ['l1() = 0.01·6.5', l1(), 0.065],
    ['l2() = 0.01·14.25', l2(), 0.1425],
    ['l1l2({l1: 0.2, l2: 0.3}) = 1.3 + 4.275', l1l2({ l1: 0.2, l2: 0.3 }), 5.575],
    ['l1l2({l1: 0, l2: 0}) = 0', l1l2({ l1: 0, l2: 0 }), 0],
  ])('%s', async (_label, regularizer, expected) => {
    const penalty = regularizer.apply(w);
    expect(penalty.shape).toEqual([]);
    expect(penalty.dtype).toBe('float32');
    expectClose(penalty, expected);
    penalty.dispose();
    await expectNoLeak(() => regularizer.apply(w));
  });

  it('has gradient l1·sign(w) + 2·l2·w (finite differences)', () => {
    const reg = l1l2({ l1: 0.3, l2: 0.7 });
    expectGradientMatchesFiniteDifference((x) => reg.apply(x), w);
    // at w = 3: 0.3 + 2·0.7·3 = 4.5
    const g = tf.grad((x: tf.Tensor) => reg.apply(x))(w);
    expectClose(g, [0.3 + 1.4, -0.3 - 2.8, 4.5, -0.3 - 0.7]);
    g.dispose();
  });

  it('accepts int32 weights', () => {
    const ints = tf.tensor([1, -2], undefined, 'int32');
    const penalty = l1l2({ l1: 1, l2: 1 }).apply(ints);
    // |1| + |-2| + 1 + 4 = 8
    expectClose(penalty, 8);
    tf.dispose([ints, penalty]);
  });
});

describe('configs', () => {
  it('default to l1 = l2 = 0.01 and round-trip', () => {
    expect(l1l2().getConfig()).toEqual({ l1: 0.01, l2: 0.01 });
    expect(l1().getConfig()).toEqual({ l1: 0.01, l2: 0 });
    expect(l2().getConfig()).toEqual({ l1: 0, l2: 0.01 });
    for (const reg of [l1l2({ l1: 0.2, l2: 0.3 }), l1({ l1: 1e-4 }), l2({ l2: 5 })]) {
      expect(reg.getClassName()).toBe('L1L2');
      expect(L1L2.fromConfig(reg.getConfig()).getConfig()).toEqual(reg.getConfig());
    }
  });

  it.each([
    [() => l2({ l2: -0.1 }), 'L1L2: `l2` must be a finite number >= 0; received -0.1'],
    [() => l1({ l1: Number.NaN }), 'L1L2: `l1` must be a finite number >= 0; received NaN'],
    [
      () => l1l2({ l1: Number.POSITIVE_INFINITY }),
      'L1L2: `l1` must be a finite number >= 0; received Infinity',
    ],
    [() => L1L2.fromConfig({ l3: 1 }), 'L1L2: `config key` must be one of l1, l2; received "l3"'],
    [() => l1({ l2: 1 } as never), 'L1L2: `config key` must be one of l1; received "l2"'],
  ])('%#: rejects bad values with ConfigError', (make, message) => {
    expect(make).toThrow(tf.ConfigError);
    expect(make).toThrow(message);
  });
});
