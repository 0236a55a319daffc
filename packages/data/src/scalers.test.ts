import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/scalers.json' with { type: 'json' };
import { MinMaxScaler, minMaxScaler } from './min-max-scaler.js';
import { StandardScaler, standardScaler } from './standard-scaler.js';

// fixtures/scalers.json: NumPy float64 statistics of the float32 values (make_fixtures.py).
const x = fixture.x;

/** `fitTransform(data)` gives `expected` and `inverseTransform` gives `data` back, leaking nothing. */
function expectRoundTrip(
  scaler: StandardScaler | MinMaxScaler,
  data: tf.Tensor | number[][],
  expected: Parameters<typeof expectClose>[1],
): Promise<void> {
  return expectNoLeak(() => {
    const y = scaler.fitTransform(data);
    expectClose(y, expected, { rtol: 1e-5, atol: 1e-5 });
    const back = scaler.inverseTransform(y);
    expectClose(back, data, { rtol: 1e-5, atol: 1e-5 });
    return [y, back];
  });
}

describe('StandardScaler', () => {
  it('matches NumPy mean / var / scale, with scale 1 for the constant feature', async () => {
    const scaler = standardScaler();
    await expectNoLeak(() => {
      const z = scaler.fitTransform(x);
      expect(z.shape).toEqual([7, 4]);
      expectClose(z, fixture.standard.transformed, { rtol: 1e-5, atol: 1e-5 });
      return z;
    });
    expectClose(scaler.mean as number[], fixture.standard.mean, { rtol: 1e-12 });
    expectClose(scaler.variance as number[], fixture.standard.var, { rtol: 1e-12 });
    expectClose(scaler.scale as number[], fixture.standard.scale, { rtol: 1e-12 });
    expect(scaler.scale?.[3]).toBe(1);
  });

  it('inverts transform and works on tensors of rank 3 per feature position', async () => {
    const scaler = standardScaler();
    const cube = tf.tensor(fixture.cube.x);
    await expectRoundTrip(scaler, cube, fixture.cube.standard);
    cube.dispose();
  });

  it('honours withMean and withStd', () => {
    // Column [1, 3]: mean 2, population std 1.
    const centered = new StandardScaler({ withStd: false }).fitTransform([[1], [3]]);
    const scaled = new StandardScaler({ withMean: false }).fitTransform([[1], [3]]);
    expect(centered.arraySync()).toEqual([[-1], [1]]);
    expect(scaled.arraySync()).toEqual([[1], [3]]);
    tf.dispose([centered, scaled]);
  });

  it('round-trips its config, fitted or not', () => {
    const empty = new StandardScaler({ withMean: false });
    expect(StandardScaler.fromConfig(empty.getConfig()).getConfig()).toEqual(empty.getConfig());
    const fitted = standardScaler().fit(x);
    const restored = StandardScaler.fromConfig(
      JSON.parse(JSON.stringify(fitted.getConfig())) as tf.ConfigDict,
    );
    expect(restored.getConfig()).toEqual(fitted.getConfig());
    expect(restored.getClassName()).toBe('StandardScaler');
    const a = fitted.transform(x);
    const b = restored.transform(x);
    expect(b.arraySync()).toEqual(a.arraySync());
    tf.dispose([a, b]);
  });

  it('reports misuse', () => {
    expect(() => standardScaler().transform(x)).toThrow(
      'StandardScaler: call `fit` before `transform`',
    );
    expect(() => standardScaler({ withMean: 1 as unknown as boolean })).toThrow(
      'StandardScaler: `withMean` must be a boolean; received 1',
    );
    const v = tf.tensor1d([1, 2]);
    expect(() => standardScaler().fit(v)).toThrow(
      'StandardScaler: `x` must have shape [samples, ...features] (rank >= 2; reshape a single feature to [n, 1]); received shape [2]',
    );
    v.dispose();
    const fitted = standardScaler().fit(x);
    expect(() => fitted.transform([[1, 2]])).toThrow(
      'StandardScaler: `x` must have features of shape [4] as in `fit`; received shape [1, 2]',
    );
    expect(() => StandardScaler.fromConfig({ ...fitted.getConfig(), mean: [1] })).toThrow(
      'StandardScaler: `mean` must be null or an array of 4 numbers; received [1]',
    );
  });
});

describe('MinMaxScaler', () => {
  it('matches NumPy data range, scale and offset', async () => {
    const scaler = minMaxScaler({ featureRange: [-1, 2] });
    await expectRoundTrip(scaler, x, fixture.minmax.transformed);
    expectClose(scaler.dataMin as number[], fixture.minmax.dataMin, { rtol: 1e-12 });
    expectClose(scaler.dataMax as number[], fixture.minmax.dataMax, { rtol: 1e-12 });
    expectClose(scaler.scale as number[], fixture.minmax.scale, { rtol: 1e-12 });
    expectClose(scaler.min as number[], fixture.minmax.min, { rtol: 1e-12, atol: 1e-12 });
  });

  it('defaults to [0, 1] and maps a constant feature to the range minimum', () => {
    // Column 0: [2, 4, 6] -> [0, 0.5, 1]; column 1 constant 5 -> range 1 -> 0 (the minimum).
    const y = minMaxScaler().fitTransform([
      [2, 5],
      [4, 5],
      [6, 5],
    ]);
    expect(y.arraySync()).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0],
    ]);
    y.dispose();
  });

  it('clips unseen data when asked', () => {
    const scaler = minMaxScaler({ featureRange: [-1, 2], clip: true }).fit(x);
    const y = scaler.transform(fixture.minmax.unseen);
    expectClose(y, fixture.minmax.unseenClipped, { rtol: 1e-5, atol: 1e-5 });
    y.dispose();
  });

  it('round-trips its config', () => {
    const fitted = new MinMaxScaler({ featureRange: [-1, 2] }).fit(x);
    const restored = MinMaxScaler.fromConfig(
      JSON.parse(JSON.stringify(fitted.getConfig())) as tf.ConfigDict,
    );
    expect(restored.getConfig()).toEqual(fitted.getConfig());
    expect(restored.scale).toEqual(fitted.scale);
    expect(restored.min).toEqual(fitted.min);
    const empty = minMaxScaler();
    expect(MinMaxScaler.fromConfig(empty.getConfig()).getConfig()).toEqual(empty.getConfig());
  });

  it('validates featureRange and clip', () => {
    expect(() => minMaxScaler({ featureRange: [1, 1] })).toThrow(
      'MinMaxScaler: `featureRange` must be two finite numbers [min, max] with min < max; received [1, 1]',
    );
    expect(() => minMaxScaler({ clip: 'yes' as unknown as boolean })).toThrow(
      'MinMaxScaler: `clip` must be a boolean; received "yes"',
    );
    expect(() => minMaxScaler().inverseTransform(x)).toThrow(
      'MinMaxScaler: call `fit` before `inverseTransform`',
    );
  });
});
