import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { ZeroPadding2D, type ZeroPadding2DPadding, zeroPadding2d } from './zero-padding2d.js';

describe('ZeroPadding2D', () => {
  it('pads [[top, bottom], [left, right]] (hand-worked)', () => {
    const layer = zeroPadding2d({
      padding: [
        [1, 0],
        [0, 2],
      ],
    });
    const x = tf.tensor4d([1, 2], [1, 1, 2, 1]);
    const y = layer.apply(x);
    // One zero row on top; two zero columns on the right: [[0,0,0,0],[1,2,0,0]].
    expectClose(y, tf.tensor4d([0, 0, 0, 0, 1, 2, 0, 0], [1, 2, 4, 1]));
    expect(layer.computeOutputShape([null, 1, 2, 1])).toEqual([null, 2, 4, 1]);
    tf.dispose([x, y]);
  });

  it.each<[ZeroPadding2DPadding, 'channelsLast' | 'channelsFirst']>([
    [1, 'channelsLast'],
    [[2, 1], 'channelsLast'],
    [
      [
        [0, 1],
        [2, 3],
      ],
      'channelsFirst',
    ],
  ])('matches tfjs-layers ZeroPadding2D (padding %j, %s)', async (padding, dataFormat) => {
    const x = tf.randomUniform([2, 3, 4, 2], -1, 1, 'float32', 11);
    const layer = zeroPadding2d({ padding, dataFormat });
    const y = layer.apply(x);
    const expected = tfl.layers
      .zeroPadding2d({ padding: padding as number, dataFormat })
      .apply(x) as tf.Tensor;
    expectClose(y, expected);
    expect(layer.computeOutputShape(x.shape)).toEqual(y.shape);
    await expectNoLeak(() => layer.apply(x));
    tf.dispose([x, y, expected]);
  });

  it('round-trips its config and validates', () => {
    const config = zeroPadding2d({ padding: [1, 2] }).getConfig();
    expect(config).toMatchObject({
      padding: [
        [1, 1],
        [2, 2],
      ],
    });
    expect(ZeroPadding2D.fromConfig(config).getConfig()).toEqual(config);
    expect(() => zeroPadding2d({ padding: -1 })).toThrow(
      'ZeroPadding2D: `padding` must be a non-negative integer, [rows, columns] or [[top, bottom], [left, right]]; received -1',
    );
  });
});
