import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { UpSampling1D, upSampling1d } from './up-sampling1d.js';

describe('UpSampling1D', () => {
  it('repeats each step twice by default (hand-worked)', async () => {
    const layer = upSampling1d();
    const x = tf.tensor3d([1, 2, 3, 4], [1, 2, 2]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      const expected = tf.tensor3d([1, 2, 1, 2, 3, 4, 3, 4], [1, 4, 2]);
      expectClose(y, expected);
      return [y, expected];
    });
    x.dispose();
  });

  it('matches tfjs-layers UpSampling2D (nearest) on a width-1 image', () => {
    const x = tf.randomUniform([2, 4, 3], -1, 1, 'float32', 8);
    const layer = upSampling1d({ size: 3 });
    const y = layer.apply(x);
    const image = tf.expandDims(x, 2);
    const theirs = tfl.layers.upSampling2d({ size: [3, 1] }).apply(image) as tf.Tensor;
    const expected = tf.squeeze(theirs, [2]);
    expectClose(y, expected);
    expect(layer.computeOutputShape([null, 4, 3])).toEqual([null, 12, 3]);
    tf.dispose([x, y, image, theirs, expected]);
  });

  it('sums the gradient over the repeats', () => {
    const x = tf.ones([1, 3, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(upSampling1d({ size: 4 }).apply(v)))(x);
    // Each input step feeds 4 outputs: gradient 4.
    expectClose(g, tf.fill([1, 3, 2], 4));
    tf.dispose([x, g]);
  });

  it('round-trips its config and validates', () => {
    const config = upSampling1d({ size: 5 }).getConfig();
    expect(config).toMatchObject({ size: 5 });
    expectConfigRoundTrip(UpSampling1D, config);
    expect(() => upSampling1d({ size: 0 })).toThrow(
      'UpSampling1D: `size` must be an integer >= 1; received 0',
    );
  });
});
