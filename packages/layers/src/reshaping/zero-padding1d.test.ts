import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { ZeroPadding1D, zeroPadding1d } from './zero-padding1d.js';

describe('ZeroPadding1D', () => {
  it('adds one zero step at each end by default (hand-worked)', async () => {
    const layer = zeroPadding1d();
    const x = tf.tensor3d([1, 2, 3, 4], [1, 2, 2]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      const expected = tf.tensor3d([0, 0, 1, 2, 3, 4, 0, 0], [1, 4, 2]);
      expectClose(y, expected);
      return [y, expected];
    });
    x.dispose();
  });

  it('matches tfjs-layers ZeroPadding2D on a width-1 image', () => {
    const x = tf.randomUniform([2, 5, 3], -1, 1, 'float32', 7);
    const layer = zeroPadding1d({ padding: [2, 0] });
    const y = layer.apply(x);
    const image = tf.expandDims(x, 2);
    const theirs = tfl.layers
      .zeroPadding2d({
        padding: [
          [2, 0],
          [0, 0],
        ],
      })
      .apply(image) as tf.Tensor;
    const expected = tf.squeeze(theirs, [2]);
    expectClose(y, expected);
    expect(layer.computeOutputShape([null, 5, 3])).toEqual([null, 7, 3]);
    expect(layer.computeOutputShape([null, null, 3])).toEqual([null, null, 3]);
    tf.dispose([x, y, image, theirs, expected]);
  });

  it('round-trips its config and validates', () => {
    const config = zeroPadding1d({ padding: [0, 3] }).getConfig();
    expect(config).toMatchObject({ padding: [0, 3] });
    expectConfigRoundTrip(ZeroPadding1D, config);
    expect(() => zeroPadding1d({ padding: 1.5 })).toThrow(
      'ZeroPadding1D: `padding` must be a non-negative integer or [before, after]; received 1.5',
    );
    const x = tf.ones([2, 3]);
    expect(() => zeroPadding1d({ name: 'zp' }).apply(x)).toThrow(
      'zp: expected inputs of rank 3; received shape (2, 3)',
    );
    x.dispose();
  });
});
