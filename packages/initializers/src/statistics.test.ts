import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { describeValues, fixtures } from '../test/fixtures.js';
import { computeFans } from './fans.js';
import { get } from './registry.js';

describe('draws over 1e5 values match the Keras formulas (fixtures/make_fixtures.py)', () => {
  it.each(fixtures.cases.map((c) => [c.name, JSON.stringify(c.config), c.shape, c] as const))(
    '%s %s on %j',
    async (name, _config, shape, c) => {
      const initializer = get({ className: name, config: { ...c.config, seed: 1234 } });
      const w = initializer.apply(shape);
      const values = w.dataSync();
      w.dispose();
      const { mean, std, min, max } = describeValues(values);
      const e = c.expected;
      const n = values.length;
      // the sample mean's standard error is std / sqrt(n); allow 5 of them
      expect(Math.abs(mean - e.mean)).toBeLessThan((5 * e.std) / Math.sqrt(n));
      // the sample std's relative standard error is about 1 / sqrt(2n) = 0.22% here; allow 1.5%
      expect(Math.abs(std / e.std - 1)).toBeLessThan(0.015);
      if (e.min !== null && e.max !== null) {
        const tol = 1e-6 * (e.max - e.min);
        expect(min).toBeGreaterThanOrEqual(e.min - tol);
        expect(max).toBeLessThanOrEqual(e.max + tol);
        // with 1e5 draws the extremes come within 1% of the range of each bound
        expect(min).toBeLessThan(e.min + 0.01 * (e.max - e.min));
        expect(max).toBeGreaterThan(e.max - 0.01 * (e.max - e.min));
      }
      await expectNoLeak(() => initializer.apply([4, 5]));
    },
  );
});

describe('computeFans', () => {
  it.each(fixtures.fans.map((f) => [f.shape, f.fans] as const))('%j -> %j', (shape, fans) => {
    expect(computeFans(shape)).toEqual(fans);
  });
});

describe('Keras truncated-normal constant', () => {
  it('equals the std of N(0, 1) truncated to [-2, 2] (integrated numerically)', () => {
    expect(fixtures.truncatedStd).toBeCloseTo(0.87962566103423978, 9);
  });
});

describe('seeds', () => {
  const shape = [6, 7];
  const read = (init: { apply(s: number[]): tf.Tensor }) => {
    const t = init.apply(shape);
    const v = Array.from(t.dataSync());
    t.dispose();
    return v;
  };

  it.each([
    'randomNormal',
    'randomUniform',
    'truncatedNormal',
    'varianceScaling',
    'glorotUniform',
    'heNormal',
    'orthogonal',
  ] as const)('%s: an explicit seed gives the same tensor every call', (name) => {
    const init = get({ className: name, config: { seed: 7 } });
    expect(read(init)).toEqual(read(init));
    expect(read(get({ className: name, config: { seed: 8 } }))).not.toEqual(read(init));
  });

  it.each(['randomNormal', 'glorotNormal', 'orthogonal'] as const)(
    '%s: unseeded draws follow tf.setSeed and differ call to call',
    (name) => {
      const init = get(name);
      tf.setSeed(2024);
      const first = read(init);
      const second = read(init);
      tf.setSeed(2024);
      expect(read(init)).toEqual(first);
      expect(read(init)).toEqual(second);
      expect(second).not.toEqual(first);
      tf.clearSeed();
    },
  );
});
