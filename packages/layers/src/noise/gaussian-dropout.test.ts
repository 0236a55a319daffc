import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { trainingDraw } from '../../test/noise-checks.js';
import { GaussianDropout, gaussianDropout } from './gaussian-dropout.js';

describe('GaussianDropout', () => {
  it('keeps the mean and has variance rate/(1-rate)·x² in training', async () => {
    tf.setSeed(8);
    const layer = gaussianDropout({ rate: 0.2 });
    // Half the columns hold 2, half hold -1: per column group, y = x·N(1, 0.2/0.8 = 0.25).
    const x = tf.concat([tf.fill([250, 200], 2), tf.fill([250, 200], -1)], 1);
    await expectNoLeak(() => {
      const y = layer.apply(x, { training: true });
      const rows = y.arraySync() as number[][];
      for (const [value, columns] of [
        [2, [0, 200]],
        [-1, [200, 400]],
      ] as const) {
        const draws = rows.flatMap((row) => row.slice(columns[0], columns[1]));
        const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
        const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
        const expectedVariance = 0.25 * value * value; // 1 for x = 2, 0.25 for x = -1
        // 50000 draws each: the mean's standard error is √(var/5e4) ≤ 0.0045, the variance's
        // var·√(2/5e4) ≤ 0.0063; the bounds are about 5 of them.
        expect(Math.abs(mean - value)).toBeLessThan(0.025);
        expect(Math.abs(variance - expectedVariance)).toBeLessThan(
          0.035 * expectedVariance + 0.001,
        );
      }
      return y;
    });
    x.dispose();
  });

  it('is repeatable under tf.setSeed and inactive at rate 0', () => {
    const x = tf.ones([3, 5]);
    const draw = () => trainingDraw(() => gaussianDropout({ rate: 0.5 }), x, 21);
    expect(draw()).toEqual(draw());
    const y = gaussianDropout({ rate: 0 }).apply(x, { training: true });
    expectClose(y, x);
    tf.dispose([x, y]);
  });

  it('round-trips its config and validates', () => {
    const layer = gaussianDropout({ rate: 0.3, seed: 9 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ rate: 0.3, seed: 9 });
    expect(tfl.layers.gaussianDropout({ rate: 0.3 }).getConfig().rate).toBe(config.rate);
    expectConfigRoundTrip(GaussianDropout, config);
    expect(layer.computeOutputShape([null, 7])).toEqual([null, 7]);
    expect(() => gaussianDropout({ rate: 1 })).toThrow(
      'GaussianDropout: `rate` must be a finite number in [0, 1); received 1',
    );
  });
});
