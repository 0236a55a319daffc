import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerOutput } from '../../test/layer-checks.js';
import {
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  globalAveragePooling1d,
  globalAveragePooling2d,
  globalMaxPooling1d,
  globalMaxPooling2d,
} from './global-pooling.js';

describe('global pooling', () => {
  it('reduces over the spatial axes (hand-worked)', () => {
    // Channel 0 holds 1, 2, 3, 4 and channel 1 holds 10, 20, 30, 40 over a 2x2 image.
    const x = tf.tensor4d([1, 10, 2, 20, 3, 30, 4, 40], [1, 2, 2, 2]);
    const avg = globalAveragePooling2d().apply(x);
    expectClose(avg, tf.tensor2d([[2.5, 25]]));
    const max = globalMaxPooling2d({ keepdims: true }).apply(x);
    expectClose(max, tf.tensor4d([4, 40], [1, 1, 1, 2]));
    tf.dispose([x, avg, max]);
  });

  it.each([
    [
      'GlobalAveragePooling1D',
      globalAveragePooling1d,
      tfl.layers.globalAveragePooling1d,
      [2, 5, 3],
    ],
    ['GlobalMaxPooling1D', globalMaxPooling1d, tfl.layers.globalMaxPooling1d, [2, 5, 3]],
    [
      'GlobalAveragePooling2D',
      globalAveragePooling2d,
      tfl.layers.globalAveragePooling2d,
      [2, 4, 5, 3],
    ],
    ['GlobalMaxPooling2D', globalMaxPooling2d, tfl.layers.globalMaxPooling2d, [2, 4, 5, 3]],
  ] as const)('%s matches tfjs-layers in both data formats', async (_, ours, theirs, shape) => {
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      const x = tf.randomUniform([...shape], -1, 1, 'float32', 2);
      const expected = (theirs as (a: object) => tfl.layers.Layer)(
        shape.length === 3 ? {} : { dataFormat },
      ).apply(
        shape.length === 3 && dataFormat === 'channelsFirst' ? tf.transpose(x, [0, 2, 1]) : x,
      ) as tf.Tensor;
      await expectLayerOutput(ours({ dataFormat }), x, expected, { atol: 1e-6 });
      tf.dispose([x, expected]);
    }
  });

  it('keeps the reduced axes with keepdims in its output shape', () => {
    expect(globalAveragePooling1d({ keepdims: true }).computeOutputShape([null, 7, 3])).toEqual([
      null,
      1,
      3,
    ]);
    expect(
      globalMaxPooling2d({ keepdims: true, dataFormat: 'channelsFirst' }).computeOutputShape([
        4, 3, 7, 8,
      ]),
    ).toEqual([4, 3, 1, 1]);
  });

  it('round-trips configs and validates', () => {
    for (const cls of [
      GlobalAveragePooling1D,
      GlobalAveragePooling2D,
      GlobalMaxPooling1D,
      GlobalMaxPooling2D,
    ]) {
      const config = new cls({ keepdims: true, dataFormat: 'channelsFirst' }).getConfig();
      expect(config).toMatchObject({ keepdims: true, dataFormat: 'channelsFirst' });
      expect(cls.fromConfig(config).getConfig()).toEqual(config);
    }
    expect(() => globalMaxPooling1d({ dataFormat: 'NCW' as 'channelsLast' })).toThrow(
      `GlobalMaxPooling1D: \`dataFormat\` must be one of 'channelsLast', 'channelsFirst'; received "NCW"`,
    );
    const x = tf.zeros([2, 3, 4]);
    expect(() => globalAveragePooling2d().apply(x)).toThrow('received shape [2,3,4]');
    x.dispose();
  });

  it('GlobalAveragePooling1D averages unmasked steps only, as Keras (hand-worked)', async () => {
    // Steps 1, 2, 3, 4 (channel 0) and 10, 20, 30, 40 (channel 1); mask [1, 0, 1, 0]:
    // (1 + 3) / 2 = 2 and (10 + 30) / 2 = 20. A fully masked row gives 0.
    const x = tf.tensor3d([
      [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 40],
      ],
      [
        [1, 1],
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    ]);
    const mask = tf.tensor2d(
      [
        [1, 0, 1, 0],
        [0, 0, 0, 0],
      ],
      undefined,
      'bool',
    );
    const wrong = tf.ones([2, 3], 'bool');
    const layer = globalAveragePooling1d({ name: 'gap' });
    await expectNoLeak(() => {
      const y = layer.apply(x, { mask });
      expectClose(y, [
        [2, 20],
        [0, 0],
      ]);
      const plain = layer.apply(x);
      expectClose(plain, [
        [2.5, 25],
        [1, 1],
      ]);
      expect(() => layer.apply(x, { mask: wrong })).toThrow(
        'gap: the mask must have shape [2, 4] (batch, steps); received [2,3]',
      );
      return [y, plain];
    });
    expect(layer.computeMask(x, mask)).toBeNull();
    tf.dispose([x, mask, wrong]);
  });
});
