import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectLayerOutput } from '../../test/layer-checks.js';
import {
  AveragePooling1D,
  AveragePooling2D,
  averagePooling1d,
  averagePooling2d,
} from './average-pooling.js';
import type { PoolingArgs } from './base-pooling.js';
import { MaxPooling1D, MaxPooling2D, maxPooling1d, maxPooling2d } from './max-pooling.js';

type Factory = (args: PoolingArgs) => {
  apply(x: tf.Tensor): tf.Tensor;
  computeOutputShape(s: (number | null)[]): unknown;
};

const twins: Array<[string, Factory, (args: PoolingArgs) => tfl.layers.Layer, number[]]> = [
  [
    'MaxPooling1D',
    maxPooling1d,
    (a) => tfl.layers.maxPooling1d(a as Parameters<typeof tfl.layers.maxPooling1d>[0]),
    [2, 9, 3],
  ],
  [
    'AveragePooling1D',
    averagePooling1d,
    (a) => tfl.layers.averagePooling1d(a as Parameters<typeof tfl.layers.averagePooling1d>[0]),
    [2, 9, 3],
  ],
  [
    'MaxPooling2D',
    maxPooling2d,
    (a) => tfl.layers.maxPooling2d(a as Parameters<typeof tfl.layers.maxPooling2d>[0]),
    [2, 7, 6, 3],
  ],
  [
    'AveragePooling2D',
    averagePooling2d,
    (a) => tfl.layers.averagePooling2d(a as Parameters<typeof tfl.layers.averagePooling2d>[0]),
    [2, 7, 6, 3],
  ],
];

describe('windowed pooling', () => {
  it('max-pools and average-pools hand-worked 2x2 windows', () => {
    // [[1, 2, 3], [4, 5, 6], [7, 8, 9]]; 'valid' 2x2 windows with stride 1.
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const max = maxPooling2d({ poolSize: 2, strides: 1 }).apply(x);
    expectClose(max, tf.tensor4d([5, 6, 8, 9], [1, 2, 2, 1]));
    // Means: (1+2+4+5)/4 = 3, (2+3+5+6)/4 = 4, (4+5+7+8)/4 = 6, (5+6+8+9)/4 = 7.
    const avg = averagePooling2d({ poolSize: 2, strides: 1 }).apply(x);
    expectClose(avg, tf.tensor4d([3, 4, 6, 7], [1, 2, 2, 1]));
    // 'same', stride 2 (default): windows {1,2,4,5}, {3,6}, {7,8}, {9}, averaging only real values:
    // 3, 4.5, 7.5, 9.
    const same = averagePooling2d({ padding: 'same' }).apply(x);
    expectClose(same, tf.tensor4d([3, 4.5, 7.5, 9], [1, 2, 2, 1]));
    tf.dispose([x, max, avg, same]);
  });

  describe.each(twins)('%s', (_, ours, theirs, shape) => {
    it.each<[string, PoolingArgs]>([
      ['defaults', {}],
      ['pool 3, stride 1, same', { poolSize: 3, strides: 1, padding: 'same' }],
      ['pool 2, stride 3, valid', { poolSize: 2, strides: 3 }],
      ['channelsFirst', { poolSize: 2, padding: 'same', dataFormat: 'channelsFirst' }],
    ])('matches tfjs-layers (%s), shape included', async (__, args) => {
      const x = tf.randomUniform(shape, -1, 1, 'float32', 1);
      // tfjs-layers' 1-D pooling ignores dataFormat: feed it the transposed sequence instead.
      const transposed = shape.length === 3 && args.dataFormat === 'channelsFirst';
      const expected = transposed
        ? tf.tidy(() => {
            const out = theirs({ ...args, dataFormat: 'channelsLast' }).apply(
              tf.transpose(x, [0, 2, 1]),
            );
            return tf.transpose(out as tf.Tensor, [0, 2, 1]);
          })
        : (theirs(args).apply(x) as tf.Tensor);
      await expectLayerOutput(ours(args), x, expected, { atol: 1e-6 });
      tf.dispose([x, expected]);
    });
  });

  it('routes the max-pool gradient to the maxima and spreads the average one', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const gMax = tf.grad((v: tf.Tensor) => maxPooling2d().apply(v))(x);
    expectClose(gMax, tf.tensor4d([0, 0, 0, 1], [1, 2, 2, 1]));
    const gAvg = tf.grad((v: tf.Tensor) => averagePooling2d().apply(v))(x);
    expectClose(gAvg, tf.fill([1, 2, 2, 1], 0.25));
    tf.dispose([x, gMax, gAvg]);
  });

  it('round-trips configs, strides defaulting to poolSize', () => {
    const classes = [MaxPooling1D, MaxPooling2D, AveragePooling1D, AveragePooling2D];
    for (const cls of classes) {
      const config = new cls({ poolSize: 3, padding: 'same' }).getConfig();
      const rank = cls === MaxPooling1D || cls === AveragePooling1D ? 1 : 2;
      expect(config).toMatchObject({
        poolSize: new Array(rank).fill(3),
        strides: new Array(rank).fill(3),
        padding: 'same',
      });
      expectConfigRoundTrip(cls, config);
    }
  });

  it('rejects bad poolSize, strides and padding, and inputs of the wrong rank', () => {
    expect(() => maxPooling2d({ poolSize: 0 })).toThrow(
      'MaxPooling2D: `poolSize` must be a positive integer or an array of 2 of them; received 0',
    );
    expect(() => averagePooling1d({ strides: [1, 1] })).toThrow(
      'AveragePooling1D: `strides` must be a positive integer or an array of 1 of them; received [1, 1]',
    );
    expect(() => maxPooling1d({ padding: 'causal' as 'valid' })).toThrow(
      `MaxPooling1D: \`padding\` must be one of 'valid', 'same'; received "causal"`,
    );
    const x = tf.zeros([2, 3]);
    expect(() => maxPooling2d().apply(x)).toThrow(
      'expected inputs of rank 4 (rank 4); received shape [2,3]',
    );
    x.dispose();
  });
});
