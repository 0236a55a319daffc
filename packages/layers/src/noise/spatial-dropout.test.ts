import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { expectIdentityOutsideTraining, trainingDraw } from '../../test/noise-checks.js';
import { SpatialDropout1D, spatialDropout1d } from './spatial-dropout1d.js';
import { SpatialDropout2D, spatialDropout2d } from './spatial-dropout2d.js';

describe('SpatialDropout1D', () => {
  it('drops whole channels of each sample and scales the rest by 1/(1-rate)', async () => {
    tf.setSeed(13);
    const layer = spatialDropout1d({ rate: 0.25 });
    const x = tf.ones([100, 7, 40]);
    await expectNoLeak(() => {
      const y = layer.apply(x, { training: true });
      const values = y.arraySync() as number[][][];
      let dropped = 0;
      for (const sample of values) {
        for (const step of sample) expect(step).toEqual(sample[0]);
        for (const v of sample[0] as number[]) {
          // Kept: 1/0.75 = 1.333333.
          expect(v === 0 || Math.abs(v - 1 / 0.75) < 1e-6).toBe(true);
          if (v === 0) dropped++;
        }
      }
      // 4000 channel draws: the dropped fraction's standard error is 0.0068.
      expect(Math.abs(dropped / 4000 - 0.25)).toBeLessThan(0.035);
      return y;
    });
    x.dispose();
  });

  it('checks the rank, round-trips its config and validates', () => {
    const layer = spatialDropout1d({ rate: 0.2, seed: 1, name: 'sd1' });
    expect(() => layer.computeOutputShape([null, 4])).toThrow(
      'sd1: expected inputs of rank 3; received shape (None, 4)',
    );
    expect(layer.computeOutputShape([null, 4, 2])).toEqual([null, 4, 2]);
    const config = layer.getConfig();
    expect(config).toMatchObject({ rate: 0.2, seed: 1 });
    expect(tfl.layers.spatialDropout1d({ rate: 0.2 }).getConfig().rate).toBe(config.rate);
    expectConfigRoundTrip(SpatialDropout1D, config);
    expect(() => spatialDropout1d({ rate: 1.2 })).toThrow(
      'SpatialDropout1D: `rate` must be a finite number in [0, 1); received 1.2',
    );
  });
});

describe('SpatialDropout2D', () => {
  it('drops whole feature maps in both data formats', () => {
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      tf.setSeed(17);
      const x = dataFormat === 'channelsLast' ? tf.ones([3, 4, 5, 6]) : tf.ones([3, 6, 4, 5]);
      const y = spatialDropout2d({ rate: 0.5, dataFormat }).apply(x, { training: true });
      // Bring channels last, then every pixel of a sample must equal its first pixel.
      const last = dataFormat === 'channelsLast' ? y : tf.transpose(y, [0, 2, 3, 1]);
      for (const image of last.arraySync() as number[][][][]) {
        const first = image[0]?.[0] as number[];
        for (const row of image) for (const pixel of row) expect(pixel).toEqual(first);
        for (const v of first) expect(v === 0 || v === 2).toBe(true);
      }
      tf.dispose([x, y, last]);
    }
  });

  it('is the identity outside training and repeatable under tf.setSeed', async () => {
    const layer = spatialDropout2d({ rate: 0.3 });
    const x = tf.randomUniform([2, 3, 3, 4], -1, 1, 'float32', 5);
    await expectIdentityOutsideTraining(layer, null, x);
    const draw = () => trainingDraw(() => spatialDropout2d({ rate: 0.5 }), x, 99);
    expect(draw()).toEqual(draw());
    x.dispose();
  });

  it('round-trips its config and validates', () => {
    const layer = spatialDropout2d({ rate: 0.2, dataFormat: 'channelsFirst' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ rate: 0.2, dataFormat: 'channelsFirst', seed: null });
    expectConfigRoundTrip(SpatialDropout2D, config);
    expect(() => spatialDropout2d({ rate: 0.2, dataFormat: 'nhwc' as 'channelsLast' })).toThrow(
      "SpatialDropout2D: `dataFormat` must be one of 'channelsLast', 'channelsFirst'; received \"nhwc\"",
    );
    const x = tf.ones([2, 3, 4]);
    expect(() => spatialDropout2d({ rate: 0.2, name: 'sd2' }).apply(x)).toThrow(
      'sd2: expected inputs of rank 4; received shape (2, 3, 4)',
    );
    x.dispose();
  });
});
