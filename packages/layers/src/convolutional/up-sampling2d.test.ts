import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { UpSampling2D, upSampling2d } from './up-sampling2d.js';

describe('UpSampling2D', () => {
  it('repeats rows and columns (nearest, hand-worked)', () => {
    const layer = upSampling2d({ size: [2, 3] });
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = layer.apply(x);
    expectClose(
      y,
      tf.tensor4d(
        [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4],
        [1, 4, 6, 1],
      ),
    );
    expect(layer.computeOutputShape([null, 2, 2, 1])).toEqual([null, 4, 6, 1]);
    tf.dispose([x, y]);
  });

  it('matches tfjs-layers UpSampling2D (nearest), in both data formats', () => {
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      const x = tf.randomUniform([2, 3, 4, 5], -1, 1, 'float32', 10);
      const y = upSampling2d({ size: [3, 2], dataFormat }).apply(x);
      const expected = tfl.layers.upSampling2d({ size: [3, 2], dataFormat }).apply(x) as tf.Tensor;
      expectClose(y, expected);
      tf.dispose([x, y, expected]);
    }
  });

  it('interpolates with half-pixel centers (bilinear, hand-worked)', () => {
    const x = tf.tensor4d([0, 4], [1, 1, 2, 1]);
    const y = upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(x);
    // Output column j samples input position (j + 0.5)/2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped
    // to [0, 1]: 0, 0.25·4 = 1, 0.75·4 = 3, 4.
    expectClose(y, tf.tensor4d([0, 1, 3, 4], [1, 1, 4, 1]));
    tf.dispose([x, y]);
  });

  it('passes gradients back as block sums and does not leak', async () => {
    const layer = upSampling2d();
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v), 2)))(x);
    // Each input pixel feeds 2·2 = 4 outputs, each with weight 2: gradient 8.
    expectClose(g, tf.fill([1, 2, 2, 1], 8));
    await expectNoLeak(() => layer.apply(x));
    tf.dispose([x, g]);
  });

  it('round-trips its config and validates', () => {
    const config = upSampling2d({ size: 3, interpolation: 'bilinear' }).getConfig();
    expect(config).toMatchObject({
      size: [3, 3],
      interpolation: 'bilinear',
      dataFormat: 'channelsLast',
    });
    expect(UpSampling2D.fromConfig(config).getConfig()).toEqual(config);
    expect(() => upSampling2d({ size: 0 })).toThrow(
      'UpSampling2D: `size` must be a positive integer or an array of 2 of them; received 0',
    );
    expect(() => upSampling2d({ interpolation: 'cubic' as 'nearest' })).toThrow(
      `UpSampling2D: \`interpolation\` must be one of 'nearest', 'bilinear'; received "cubic"`,
    );
  });
});
