import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { input } from '../input-layer.js';
import { GaussianNoise, gaussianNoise } from './gaussian-noise.js';

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += ((values[i] as number) - mean) ** 2;
  return { mean, variance: squares / values.length };
}

describe('GaussianNoise', () => {
  it('adds zero-mean noise of variance stddev² in training', async () => {
    tf.setSeed(3);
    const layer = gaussianNoise({ stddev: 0.5 });
    const x = tf.fill([200, 500], 3);
    await expectNoLeak(() => {
      const y = layer.apply(x, { training: true });
      const { mean, variance } = moments(y.dataSync());
      // 100000 draws of 3 + N(0, 0.5²): the mean's standard error is 0.5/√1e5 = 0.0016 and the
      // variance's is 0.25·√(2/1e5) = 0.0011; the bounds are about 6 of them.
      expect(Math.abs(mean - 3)).toBeLessThan(0.01);
      expect(Math.abs(variance - 0.25)).toBeLessThan(0.007);
      return y;
    });
    x.dispose();
  });

  it('is repeatable under tf.setSeed and with a layer seed draws fresh noise per call', () => {
    const x = tf.zeros([4, 6]);
    const draw = (layer: GaussianNoise) => {
      const y = layer.apply(x, { training: true });
      const values = Array.from(y.dataSync());
      y.dispose();
      return values;
    };
    tf.setSeed(11);
    const first = draw(gaussianNoise({ stddev: 0.3 }));
    tf.setSeed(11);
    expect(draw(gaussianNoise({ stddev: 0.3 }))).toEqual(first);
    const seeded = gaussianNoise({ stddev: 0.3, seed: 5 });
    const a = draw(seeded);
    const b = draw(seeded);
    expect(b).not.toEqual(a);
    expect(draw(gaussianNoise({ stddev: 0.3, seed: 5 }))).toEqual(a);
    x.dispose();
  });

  it('keeps the shape (eager and symbolic) and is inactive at stddev 0', () => {
    const layer = gaussianNoise({ stddev: 0 });
    const x = tf.ones([2, 3]);
    const y = layer.apply(x, { training: true });
    expectClose(y, x);
    expect(layer.computeOutputShape([null, 3])).toEqual([null, 3]);
    expect(gaussianNoise({ stddev: 0.1 }).apply(input({ shape: [5, 2] })).shape).toEqual([
      null,
      5,
      2,
    ]);
    tf.dispose([x, y]);
  });

  it('round-trips its config (TF.js keys) and validates', () => {
    const config = gaussianNoise({ stddev: 0.2, seed: 4, name: 'noise' }).getConfig();
    expect(config).toMatchObject({ stddev: 0.2, seed: 4 });
    expect(tfl.layers.gaussianNoise({ stddev: 0.2 }).getConfig().stddev).toBe(config.stddev);
    expectConfigRoundTrip(GaussianNoise, config);
    expect(() => gaussianNoise({ stddev: -0.1 })).toThrow(
      'GaussianNoise: `stddev` must be a finite number in [0, 1]; received -0.1',
    );
    expect(() => gaussianNoise({ stddev: 1.5 })).toThrow('received 1.5');
    expect(() => gaussianNoise({ stddev: 0.1, seed: 1.5 })).toThrow(
      'GaussianNoise: `seed` must be an integer in [0, 4294967295]; received 1.5',
    );
  });
});
