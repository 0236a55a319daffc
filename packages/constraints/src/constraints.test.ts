import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../test/fixtures.js';
import { MaxNorm, maxNorm } from './max-norm.js';
import { MinMaxNorm, minMaxNorm } from './min-max-norm.js';
import { NonNeg, nonNeg } from './non-neg.js';
import { get } from './registry.js';
import { UnitNorm, unitNorm } from './unit-norm.js';

describe('projections match the Keras formulas (fixtures/make_fixtures.py)', () => {
  it.each(fixtures.map((c) => [c.name, JSON.stringify(c.config), c] as const))(
    '%s %s',
    async (name, _config, c) => {
      const constraint = get({ className: name, config: c.config });
      const w = tf.tensor(c.weight, c.shape);
      const projected = constraint.apply(w);
      expect(projected.shape).toEqual(c.shape);
      expectClose(projected, c.expected, { rtol: 1e-5, atol: 1e-6 });
      projected.dispose();
      await expectNoLeak(() => constraint.apply(w));
      w.dispose();
    },
  );
});

describe('hand-worked values', () => {
  // columns of w: [3, 4] (norm 5) and [0.6, -0.8] (norm 1)
  const values = [
    [3, 0.6],
    [4, -0.8],
  ];

  it('maxNorm(2) scales the norm-5 column by 2/5 and keeps the norm-1 column', () => {
    const w = tf.tensor(values);
    const y = maxNorm().apply(w);
    // [3, 4] · 2 / (5 + 1e-7) = [1.2, 1.6]; [0.6, -0.8] · 1 / (1 + 1e-7)
    expectClose(y, [
      [1.2, 0.6],
      [1.6, -0.8],
    ]);
    tf.dispose([w, y]);
  });

  it('unitNorm gives unit columns; minMaxNorm(rate 0.5, [2, 3]) moves halfway', () => {
    const w = tf.tensor(values);
    const unit = unitNorm().apply(w);
    // norm 5 -> clip 3, desired 0.5·3 + 0.5·5 = 4, factor 0.8; norm 1 -> clip 2, desired 1.5
    const half = minMaxNorm({ minValue: 2, maxValue: 3, rate: 0.5 }).apply(w);
    expectClose(unit, [
      [0.6, 0.6],
      [0.8, -0.8],
    ]);
    expectClose(half, [
      [2.4, 0.9],
      [3.2, -1.2],
    ]);
    tf.dispose([w, unit, half]);
  });

  it('nonNeg zeroes the negatives, keeping dtype', () => {
    const w = tf.tensor([-1, 0, 2], undefined, 'int32');
    const y = nonNeg().apply(w);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([0, 0, 2]);
    tf.dispose([w, y]);
  });
});

describe('defaults and configs', () => {
  it('use the Keras defaults', () => {
    expect(maxNorm().getConfig()).toEqual({ maxValue: 2, axis: 0 });
    expect(unitNorm().getConfig()).toEqual({ axis: 0 });
    expect(minMaxNorm().getConfig()).toEqual({ minValue: 0, maxValue: 1, rate: 1, axis: 0 });
    expect(nonNeg().getConfig()).toEqual({});
  });

  it('round-trip (config -> instance -> config)', () => {
    const cases = [
      [MaxNorm, maxNorm({ maxValue: 3, axis: [0, 1, 2] })],
      [UnitNorm, unitNorm({ axis: -1 })],
      [MinMaxNorm, minMaxNorm({ minValue: 0.2, maxValue: 4, rate: 0.3, axis: 1 })],
      [NonNeg, nonNeg()],
    ] as const;
    for (const [cls, constraint] of cases) {
      const config = JSON.parse(JSON.stringify(constraint.getConfig()));
      expect(cls.fromConfig(config).getConfig()).toEqual(constraint.getConfig());
      expect(constraint.getClassName()).toBe(cls.className);
    }
  });

  it.each([
    [
      () => maxNorm({ maxValue: -1 }),
      'MaxNorm: `maxValue` must be a finite number >= 0; received -1',
    ],
    [
      () => maxNorm({ axis: 0.5 }),
      'MaxNorm: `axis` must be an integer or a non-empty list of integers; received 0.5',
    ],
    [
      () => unitNorm({ axis: [] }),
      'UnitNorm: `axis` must be an integer or a non-empty list of integers; received []',
    ],
    [
      () => minMaxNorm({ minValue: 2, maxValue: 1 }),
      'MinMaxNorm: `maxValue` must be a finite number >= 2; received 1',
    ],
    [
      () => minMaxNorm({ rate: 1.5 }),
      'MinMaxNorm: `rate` must be a finite number in [0, 1]; received 1.5',
    ],
    [
      () => minMaxNorm({ minValue: -0.1 }),
      'MinMaxNorm: `minValue` must be a finite number >= 0; received -0.1',
    ],
    [
      () => MaxNorm.fromConfig({ max_value: 2 }),
      'MaxNorm: `config key` must be one of maxValue, axis; received "max_value"',
    ],
    [
      () => NonNeg.fromConfig({ axis: 0 }),
      'NonNeg: `config key` must be absent (no options); received "axis"',
    ],
  ])('%#: rejects bad configs with ConfigError', (make, message) => {
    expect(make).toThrow(tf.ConfigError);
    expect(make).toThrow(message);
  });

  it('rejects an axis outside the weight rank with ShapeError', () => {
    const w = tf.zeros([2, 3]);
    expect(() => maxNorm({ axis: 2 }).apply(w)).toThrow(tf.ShapeError);
    expect(() => unitNorm({ axis: [0, -3] }).apply(w)).toThrow(
      'UnitNorm: `axis` must be within [-2, 2) for a weight of shape [2, 3]; received [0, -3]',
    );
    w.dispose();
  });
});
