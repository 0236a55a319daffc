import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Cropping1D, cropping1d } from './cropping1d.js';
import { Cropping2D, cropping2d } from './cropping2d.js';

describe('Cropping1D', () => {
  it('round-trips its config and validates', () => {
    const config = cropping1d({ cropping: 2, name: 'crop' }).getConfig();
    expect(config).toMatchObject({ cropping: [2, 2] });
    expect(cropping1d().getConfig()).toMatchObject({ cropping: [1, 1] });
    expectConfigRoundTrip(Cropping1D, config);
    expect(() => cropping1d({ cropping: [-1, 2] })).toThrow(
      'Cropping1D: `cropping` must be a non-negative integer or [before, after]; received [-1, 2]',
    );
    expect(() =>
      cropping1d({ name: 'c1', cropping: [2, 2] }).computeOutputShape([null, 4, 1]),
    ).toThrow(
      'c1: `cropping` [2,2] must leave at least one entry of length 4; received shape (None, 4, 1)',
    );
    expect(() => cropping1d({ name: 'c2' }).computeOutputShape([null, 4])).toThrow(
      'c2: expected inputs of rank 3; received shape (None, 4)',
    );
  });
});

describe('Cropping2D', () => {
  it('cuts rows and columns (hand-worked)', async () => {
    const layer = cropping2d({
      cropping: [
        [1, 0],
        [0, 2],
      ],
    });
    // 3×3 image 1..9: drop the top row and the two right columns → [4], [7].
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      const expected = tf.tensor4d([4, 7], [1, 2, 1, 1]);
      expectClose(y, expected);
      return [y, expected];
    });
    x.dispose();
  });

  it('matches tfjs-layers Cropping2D in both data formats', () => {
    const x = tf.randomUniform([2, 6, 7, 8], -1, 1, 'float32', 9);
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      for (const cropping of [
        1,
        [2, 1],
        [
          [1, 2],
          [0, 3],
        ],
      ] as const) {
        const layer = cropping2d({ cropping, dataFormat });
        const y = layer.apply(x);
        const expected = tfl.layers
          .cropping2D({ cropping: cropping as number, dataFormat })
          .apply(x) as tf.Tensor;
        expectClose(y, expected);
        expect(layer.computeOutputShape([null, ...x.shape.slice(1)])).toEqual([
          null,
          ...y.shape.slice(1),
        ]);
        tf.dispose([y, expected]);
      }
    }
    x.dispose();
  });

  it('defaults to no cropping, round-trips its config and validates', () => {
    const layer = cropping2d();
    const config = layer.getConfig();
    expect(config).toMatchObject({
      cropping: [
        [0, 0],
        [0, 0],
      ],
      dataFormat: 'channelsLast',
    });
    expectConfigRoundTrip(Cropping2D, config);
    expect(() => cropping2d({ cropping: [1, 2, 3] as unknown as number })).toThrow(
      'Cropping2D: `cropping` must be a non-negative integer, [rows, columns] or [[top, bottom], [left, right]]; received [1, 2, 3]',
    );
    expect(() =>
      cropping2d({ name: 'c3', cropping: [0, 3] }).computeOutputShape([null, 5, 6, 1]),
    ).toThrow(
      'c3: `cropping` [3,3] must leave at least one entry of length 6; received shape (None, 5, 6, 1)',
    );
  });
});
